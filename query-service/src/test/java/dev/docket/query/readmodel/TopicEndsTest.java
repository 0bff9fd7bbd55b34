package dev.docket.query.readmodel;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When a rebuilt generation may replace the serving one. */
class TopicEndsTest {

    private static final Map<Integer, TopicEnds.Range> TOPIC = Map.of(
            0, new TopicEnds.Range(0, 10), 1, new TopicEnds.Range(0, 20), 2, new TopicEnds.Range(0, 30));

    @Test
    void aRebuildThatHoldsWhatTheServingGenerationHoldsEverywhereMaySwitch() {
        Map<Integer, Long> active = Map.of(0, 10L, 1, 20L, 2, 25L);
        assertThat(TopicEnds.caughtUp(active, Map.of(0, 10L, 1, 20L, 2, 25L), TOPIC)).isTrue();
        assertThat(TopicEnds.caughtUp(active, Map.of(0, 10L, 1, 20L, 2, 24L), TOPIC)).isFalse();
        assertThat(TopicEnds.caughtUp(active, Map.of(0, 10L, 1, 20L), TOPIC)).isFalse();
    }

    @Test
    void aPartitionTheServingGenerationHasNotReadMustBeReadToItsEnd() {
        // a service that started on a topic with history has read only partition 0 so far
        Map<Integer, Long> active = Map.of(0, 10L);
        assertThat(TopicEnds.caughtUp(active, Map.of(0, 10L), TOPIC)).isFalse();
        assertThat(TopicEnds.caughtUp(active, Map.of(0, 10L, 1, 20L, 2, 29L), TOPIC)).isFalse();
        assertThat(TopicEnds.caughtUp(active, Map.of(0, 10L, 1, 20L, 2, 30L), TOPIC)).isTrue();
    }

    @Test
    void anEmptyPartitionAsksForNothingAndAnUnknownTopicForbidsTheSwitch() {
        Map<Integer, TopicEnds.Range> topic = Map.of(0, new TopicEnds.Range(0, 10), 1, new TopicEnds.Range(5, 5));
        assertThat(TopicEnds.caughtUp(Map.of(0, 10L), Map.of(0, 10L), topic)).isTrue();
        assertThat(TopicEnds.caughtUp(Map.of(), Map.of(), Map.of())).isFalse();
    }
}
