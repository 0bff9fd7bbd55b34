package dev.docket.query.readmodel;

import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The ticket topic's partitions as Kafka last reported them, each with its first offset and its end (the next offset
 * to be written). The read models' lag and a rebuild's switch are measured against every partition listed here: the
 * offsets stored with the read models cover only partitions a generation has already read, so a partition it has
 * not read yet is behind by all it holds. The ingest refreshes this every second; it is empty until Kafka first
 * answered.
 */
@Component
public class TopicEnds {

    public record Range(long first, long end) {
    }

    private volatile Map<Integer, Range> partitions = Map.of();

    /** Partition number to its range; empty while not known yet. */
    public Map<Integer, Range> partitions() {
        return partitions;
    }

    public void update(Map<Integer, Range> latest) {
        partitions = Map.copyOf(latest);
    }

    /**
     * Whether a generation that holds {@code building} (partition to its next offset to read) may replace the one
     * that holds {@code active}: in every partition of the topic it holds at least what the active one holds, and in
     * a partition the active one has not read yet, everything the partition holds. Never before the topic is known.
     */
    public static boolean caughtUp(Map<Integer, Long> active, Map<Integer, Long> building, Map<Integer, Range> topic) {
        if (topic.isEmpty()) {
            return false;
        }
        for (Map.Entry<Integer, Range> partition : topic.entrySet()) {
            Range range = partition.getValue();
            long required = active.getOrDefault(partition.getKey(), range.end());
            if (building.getOrDefault(partition.getKey(), range.first()) < required) {
                return false;
            }
        }
        return true;
    }
}
