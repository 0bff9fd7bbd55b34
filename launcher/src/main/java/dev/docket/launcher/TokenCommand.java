package dev.docket.launcher;

import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./docket token}: a bearer token signed with the local key in {@code DOCKET_HOME/keys}, which the services
 * trust only when {@code ./docket up} started them; the production profile refuses the local key outright.
 */
final class TokenCommand {

    static final String KEYS_DIRECTORY = "keys";
    private static final Set<String> ROLES = Set.of("requester", "agent", "admin", "auditor");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([smhd])");
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);
    private static final Duration LONGEST_LIFETIME = Duration.ofDays(30);

    private TokenCommand() {
    }

    /** The token for the arguments after {@code token}. */
    static String run(List<String> arguments, Path home) {
        String user = null;
        List<String> roles = new ArrayList<>();
        Duration lifetime = DEFAULT_LIFETIME;
        for (int i = 0; i < arguments.size(); i++) {
            String option = arguments.get(i);
            if (i + 1 >= arguments.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = arguments.get(++i);
            switch (option) {
                case "--user" -> user = value;
                case "--role" -> {
                    String role = value.toLowerCase(Locale.ROOT);
                    if (!ROLES.contains(role)) {
                        throw new IllegalArgumentException("unknown role " + value + "; roles: requester, agent, "
                                + "admin, auditor");
                    }
                    roles.add(role);
                }
                case "--ttl" -> lifetime = duration(value);
                default -> throw new IllegalArgumentException("unknown option " + option
                        + "; usage: ./docket token --user <subject> --role <role> [--ttl 8h]");
            }
        }
        if (user == null || user.isBlank() || !user.matches("[\\x21-\\x7E]{1,255}")) {
            throw new IllegalArgumentException("--user must name the caller: 1 to 255 printable characters, no spaces");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("at least one --role is needed: requester, agent, admin or auditor");
        }
        LocalKeys keys = LocalKeys.loadOrCreate(home.resolve(KEYS_DIRECTORY));
        return new LocalTokens(keys.tokenPrivateKey()).mint(user, roles, lifetime);
    }

    static Duration duration(String text) {
        Duration duration;
        Matcher shortForm = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            duration = switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--ttl must be a duration like 8h, 30m or PT8H");
            }
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST_LIFETIME) > 0) {
            throw new IllegalArgumentException("--ttl must be more than zero and at most 30 days");
        }
        return duration;
    }
}
