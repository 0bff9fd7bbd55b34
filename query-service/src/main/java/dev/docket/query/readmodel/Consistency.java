package dev.docket.query.readmodel;

import dev.docket.events.ErrorCode;
import dev.docket.query.api.Viewer;
import dev.docket.support.errors.DocketException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Read your own writes: a command answers a subject's new version; a read that names it waits (up to
 * {@code docket.read.max-wait}) until the read models have applied that version, and otherwise refuses with 503
 * READ_MODEL_BEHIND rather than answer with data from before the write.
 */
@Component
public class Consistency {

    /** The subject (ticket or person) must be at least at this version. */
    public record Requirement(UUID subject, long version) {
    }

    static final int MAX_REQUIREMENTS = 20;
    private final ReadModelGenerations generations;
    private final ReadProperties properties;
    private final ReadModelCommits commits;

    public Consistency(ReadModelGenerations generations, ReadProperties properties, ReadModelCommits commits) {
        this.generations = generations;
        this.properties = properties;
        this.commits = commits;
    }

    /** Reads {@code consistentWith} values: {@code <ticket or person id>:<version>}. */
    public static List<Requirement> parse(List<String> values, String parameter) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        if (values.size() > MAX_REQUIREMENTS) {
            throw DocketException.invalid(parameter, "accepts at most " + MAX_REQUIREMENTS + " values");
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String value : values) {
            int colon = value.lastIndexOf(':');
            try {
                long version = Long.parseLong(value.substring(colon + 1));
                if (colon < 0 || version < 1) {
                    throw new IllegalArgumentException();
                }
                requirements.add(new Requirement(UUID.fromString(value.substring(0, colon)), version));
            } catch (RuntimeException e) {
                throw DocketException.invalid(parameter, "must be <id>:<version> (the id and version a command "
                        + "answered), not '" + value + "'");
            }
        }
        return requirements;
    }

    /**
     * Waits until every requirement holds in the active generation, as the request's caller sees it: for a
     * requester, another requester's ticket is at version 0, exactly like a ticket that does not exist, so waiting
     * reveals neither its existence nor its version.
     */
    public void await(List<Requirement> requirements) {
        if (requirements.isEmpty()) {
            return;
        }
        Viewer viewer = Viewer.current();
        long deadline = System.nanoTime() + properties.maxWait().toNanos();
        while (true) {
            long seen = commits.count();
            Map<UUID, Long> reached = reached(requirements, viewer);
            Requirement missing = requirements.stream()
                    .filter(r -> reached.getOrDefault(r.subject(), 0L) < r.version()).findFirst().orElse(null);
            if (missing == null) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new DocketException(ErrorCode.READ_MODEL_BEHIND, "The read model has " + missing.subject()
                        + " at version " + reached.getOrDefault(missing.subject(), 0L) + ", not yet at "
                        + missing.version() + " (waited " + properties.maxWait().toMillis() + " ms). Retry shortly.")
                        .with("subject", missing.subject())
                        .with("requiredVersion", missing.version())
                        .with("currentVersion", reached.getOrDefault(missing.subject(), 0L));
            }
            // woken by this instance's next commit; looks on its own every lookInterval for other instances'
            commits.awaitAfter(seen, Math.min(properties.lookInterval().toNanos(),
                    Math.max(0, deadline - System.nanoTime())));
        }
    }

    private Map<UUID, Long> reached(List<Requirement> requirements, Viewer viewer) {
        Map<UUID, Long> reached = new HashMap<>();
        UUID[] subjects = requirements.stream().map(Requirement::subject).toArray(UUID[]::new);
        (viewer.seesEverything()
                ? generations.active().sql("SELECT subject_id, version FROM {rm}.subject_progress "
                        + "WHERE subject_id = ANY (?)").param(subjects)
                : generations.active().sql("SELECT p.subject_id, p.version FROM {rm}.subject_progress p "
                        + "WHERE p.subject_id = ANY (?) AND NOT EXISTS (SELECT 1 FROM {rm}.ticket t "
                        + "WHERE t.id = p.subject_id AND t.requester_id IS DISTINCT FROM ?)")
                        .params(subjects, viewer.ownTicketsOf()))
                .query(rs -> {
                    reached.put(rs.getObject("subject_id", UUID.class), rs.getLong("version"));
                });
        return reached;
    }
}
