package dev.docket.mcp.tools;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which changing tools a deployment offers ({@code docket.mcp.writes}): {@code none} (the default: a read-only
 * server), {@code all}, or a comma-separated list of tool names. The caller's roles then decide among those.
 */
public final class WriteSwitch {

    private final boolean all;
    private final Set<String> named;

    private WriteSwitch(boolean all, Set<String> named) {
        this.all = all;
        this.named = named;
    }

    public static WriteSwitch parse(String setting) {
        String value = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("none") || value.equals("false")) {
            return new WriteSwitch(false, Set.of());
        }
        if (value.equals("all") || value.equals("true")) {
            return new WriteSwitch(true, Set.of());
        }
        return new WriteSwitch(false, Stream.of(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean allows(String tool) {
        return all || named.contains(tool);
    }

    public boolean any() {
        return all || !named.isEmpty();
    }

    /** Refuses to start with a name that is no changing tool: a typo would silently leave a change switched off. */
    void check(List<String> writeTools) {
        List<String> unknown = named.stream().filter(name -> !writeTools.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("docket.mcp.writes names " + unknown + ", which are not tools that "
                    + "change tickets; those are " + writeTools + " (or all, or none)");
        }
    }
}
