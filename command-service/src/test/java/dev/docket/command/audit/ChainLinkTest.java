package dev.docket.command.audit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer hashes metadata in its canonical form built from the map; verification rebuilds it from the stored
 * JSON. The two must agree byte for byte, or every chain written would fail verification.
 */
class ChainLinkTest {

    private static final JsonMapper STORED = JsonMapper.builder().build();

    @Test
    void theWritersCanonicalMetadataIsTheOneVerificationFindsInTheStoredJson() {
        Map<String, Object> metaData = new LinkedHashMap<>();
        metaData.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        metaData.put("actor", "0193a0e2-7c1d-7b4e-9f00-000000000042");
        metaData.put("correlationId", "quote \" backslash \\ tab \t é 漢 \uD83D\uDE00 </script>");
        metaData.put("causationId", "");
        Map<String, Object> stored = new LinkedHashMap<>(metaData);
        stored.put(ChainLink.HASH_KEY, "ab".repeat(32));

        byte[] fromMap = ChainLink.canonicalMetaData(metaData);

        assertThat(fromMap).isEqualTo(ChainLink.canonicalMetaData(STORED.writeValueAsBytes(stored)));
        assertThat(new String(fromMap, UTF_8))
                .startsWith("{\"actor\":").doesNotContain(ChainLink.HASH_KEY);
        assertThat(ChainLink.canonicalMetaData(stored)).as("the link hash is never part of its own input")
                .isEqualTo(fromMap);
    }

    @Test
    void emptyMetadataIsAnEmptyObjectBothWays() {
        assertThat(ChainLink.canonicalMetaData(Map.of()))
                .isEqualTo(ChainLink.canonicalMetaData(STORED.writeValueAsBytes(Map.of())))
                .isEqualTo("{}".getBytes(UTF_8));
    }

    @Test
    void aValueThatIsNotTextLeavesItsFormToTheStoredBytes() {
        assertThat(ChainLink.canonicalMetaData(Map.of("attempt", 2))).isNull();
    }

    @Test
    void theHashWithAKnownCanonicalFormIsTheHashOfTheStoredEvent() {
        Map<String, Object> metaData = Map.of("actor", "someone", "correlationId", "c-1");
        byte[] storedMetaData = STORED.writeValueAsBytes(metaData);
        ChainLink stored = new ChainLink("t-1", 3, "e-1", "Ticket", "2026-12-02T04:00:00Z", "TicketCommentAdded", "1",
                "{\"body\":\"hi\"}".getBytes(UTF_8), storedMetaData);

        assertThat(stored.hash(ChainLink.GENESIS, ChainLink.canonicalMetaData(metaData)))
                .isEqualTo(stored.hash(ChainLink.GENESIS))
                .isNotEqualTo(stored.hash("1".repeat(64)));
    }
}
