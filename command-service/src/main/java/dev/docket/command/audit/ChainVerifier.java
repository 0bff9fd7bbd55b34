package dev.docket.command.audit;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes hash chains from the stored rows, one aggregate or the whole store, streaming in (aggregate, sequence)
 * order, and compares them with the hashes the rows claim and with the heads the signed checkpoints vouch for.
 * Reports the first broken link of each aggregate (up to {@value #MAX_BREAKS} in all).
 */
public final class ChainVerifier {

    static final int MAX_BREAKS = 100;

    /** What broke a chain. */
    public enum Problem {
        /** A sequence number is missing: the event was deleted, or moved. */
        MISSING_EVENT,
        /** The event carries no chain hash (written before the chain existed, or stripped). */
        MISSING_HASH,
        /** The event's recomputed hash differs from the one it carries: it, or its place, was changed. */
        HASH_MISMATCH,
        /** The chain recomputes consistently, but not to the hash a signed checkpoint vouches for: it was
         * rewritten with every later hash recomputed. */
        CHECKPOINT_MISMATCH,
        /** A signed checkpoint vouches for an event that is no longer stored. */
        CHECKPOINTED_EVENT_MISSING
    }

    /** One broken link: the aggregate (ticket or person) and the sequence number where its chain first breaks. */
    public record Break(String aggregateId, long sequenceNumber, Problem problem, String detail) {
    }

    /**
     * @param intact     no break and no checkpoint problem
     * @param firstBreak the first break found, in aggregate id order; null when intact
     * @param anchored   how many of the verified aggregates a signed checkpoint vouches for
     */
    public record Report(boolean intact, String scope, long aggregates, long events, @Nullable Break firstBreak,
                         List<Break> breaks, Checkpoints checkpoints, long anchored) {
    }

    /**
     * What the checkpoints contributed. {@code verified} is false when they could not be read (no public key, Kafka
     * unreachable); the chains are then checked against their own hashes only. A checkpoint with a bad signature
     * makes the report not intact: someone published in the verifier's name.
     */
    public record Checkpoints(boolean verified, int read, long lastSequence, @Nullable Instant lastCreatedAt,
                              List<String> problems) {
    }

    private static final String COLUMNS = "aggregate_identifier, sequence_number, event_identifier, type, time_stamp, "
            + "payload_type, payload_revision, payload, meta_data";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public ChainVerifier(JdbcTemplate jdbc, TransactionTemplate readOnly) {
        this.jdbc = jdbc;
        this.readOnly = readOnly;
    }

    /**
     * @param aggregateId one aggregate, or null for the whole store
     * @param anchors     what signed checkpoints vouch for
     * @param verified    whether {@code anchors} came from readable, verified checkpoints
     */
    public Report verify(String aggregateId, CheckpointLedger.Anchors anchors, boolean verified) {
        Walk walk = new Walk(anchors.heads());
        readOnly.executeWithoutResult(status -> {
            String sql = "SELECT " + COLUMNS + " FROM domain_event_entry"
                    + (aggregateId == null ? "" : " WHERE aggregate_identifier = ?")
                    + " ORDER BY aggregate_identifier, sequence_number";
            Object[] args = aggregateId == null ? new Object[0] : new Object[]{aggregateId};
            jdbc.query(connection -> {
                var statement = connection.prepareStatement(sql);
                statement.setFetchSize(500);
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                return statement;
            }, rs -> {
                walk.accept(new ChainLink(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9)));
            });
        });
        walk.finish();
        // Aggregates a checkpoint vouches for that have no events left at all.
        anchors.heads().forEach((id, anchor) -> {
            if ((aggregateId == null || aggregateId.equals(id)) && !walk.seen.contains(id)) {
                walk.add(new Break(id, anchor.sequenceNumber(), Problem.CHECKPOINTED_EVENT_MISSING,
                        "checkpoint " + anchor.checkpoint() + " vouches for this event, and no event of this "
                                + "aggregate is stored"));
            }
        });
        List<Break> breaks = walk.breaks.stream()
                .sorted(java.util.Comparator.comparing(Break::aggregateId).thenComparingLong(Break::sequenceNumber))
                .limit(MAX_BREAKS).toList();
        Checkpoints checkpoints = new Checkpoints(verified, anchors.checkpoints(), anchors.lastSequence(),
                anchors.lastCreatedAt(), anchors.problems());
        return new Report(breaks.isEmpty() && anchors.badSignatures() == 0,
                aggregateId == null ? "store" : "aggregate " + aggregateId, walk.aggregates, walk.events,
                breaks.isEmpty() ? null : breaks.getFirst(), breaks, checkpoints, walk.anchored);
    }

    /** The state of one pass over the rows. */
    private static final class Walk {

        private final Map<String, CheckpointLedger.Anchor> anchors;
        private final List<Break> breaks = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private String current;
        private long expected;
        private String previous;
        private boolean broken;
        private long aggregates;
        private long events;
        private long anchored;

        Walk(Map<String, CheckpointLedger.Anchor> anchors) {
            this.anchors = anchors;
        }

        void accept(ChainLink link) {
            events++;
            if (!link.aggregateId().equals(current)) {
                finish();
                current = link.aggregateId();
                seen.add(current);
                aggregates++;
                expected = 0;
                previous = ChainLink.GENESIS;
                broken = false;
            }
            if (broken) {
                return;
            }
            if (link.sequenceNumber() != expected) {
                fail(expected, Problem.MISSING_EVENT, "the chain goes from sequence " + (expected - 1) + " to "
                        + link.sequenceNumber());
                return;
            }
            String computed = link.hash(previous);
            String stored = link.storedHash();
            if (stored == null) {
                fail(expected, Problem.MISSING_HASH, "the event carries no chain hash");
                return;
            }
            if (!computed.equals(stored)) {
                fail(expected, Problem.HASH_MISMATCH, "the stored event no longer matches its hash: its payload, "
                        + "metadata, identity or place was changed");
                return;
            }
            CheckpointLedger.Anchor anchor = anchors.get(current);
            if (anchor != null && anchor.sequenceNumber() == expected && !anchor.hash().equals(computed)) {
                fail(expected, Problem.CHECKPOINT_MISMATCH, "checkpoint " + anchor.checkpoint() + " signed another "
                        + "hash for this event: an event up to here was rewritten and the later hashes recomputed");
                return;
            }
            previous = computed;
            expected++;
        }

        void finish() {
            if (current == null || broken) {
                return;
            }
            CheckpointLedger.Anchor anchor = anchors.get(current);
            if (anchor == null) {
                return;
            }
            if (anchor.sequenceNumber() >= expected) {
                fail(anchor.sequenceNumber(), Problem.CHECKPOINTED_EVENT_MISSING, "checkpoint " + anchor.checkpoint()
                        + " vouches for this event; the stored chain ends at sequence " + (expected - 1));
            } else {
                anchored++;
            }
        }

        private void fail(long sequenceNumber, Problem problem, String detail) {
            broken = true;
            add(new Break(current, sequenceNumber, problem, detail));
        }

        void add(Break found) {
            breaks.add(found);
        }
    }
}
