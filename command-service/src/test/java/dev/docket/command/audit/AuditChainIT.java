package dev.docket.command.audit;

import dev.docket.command.CommandServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit chain against tampering done straight in PostgreSQL, as someone with write access to the database
 * would (past the append-only trigger): each change is detected and located by ticket and sequence number, and a rewrite that recomputes every
 * later hash is still caught by the signed checkpoints published outside the database.
 */
class AuditChainIT extends CommandServiceTestBase {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String[] AUDITOR = as("auditor-1", "auditor");

    @Test
    void anUntouchedStoreVerifiesIntactAndEveryEventCarriesItsLink() throws Exception {
        String ticket = ticketWithHistory("Intact");

        JsonNode report = verify(ticket);

        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("events").asLong()).isEqualTo(4);
        assertThat(report.get("firstBreak").isNull()).isTrue();
        assertThat(queryLong("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + ticket
                + "' AND convert_from(meta_data, 'UTF8')::jsonb ? 'chainHash'")).isEqualTo(4);
        // Other tests of this class tamper with the same store; this ticket is never among the broken ones.
        assertThat(verifyStore().get("breaks").toString()).doesNotContain(ticket);
    }

    @Test
    void oneChangedPayloadByteIsFoundAtItsSequenceNumber() throws Exception {
        String ticket = ticketWithHistory("Payload byte");
        execute("UPDATE domain_event_entry SET payload = set_byte(payload, 12, get_byte(payload, 12) # 1) "
                + "WHERE aggregate_identifier = ? AND sequence_number = 2", ticket);

        assertBreak(verify(ticket), ticket, 2, "HASH_MISMATCH");
    }

    @Test
    void oneChangedMetadataFieldIsFound() throws Exception {
        String ticket = ticketWithHistory("Metadata");
        execute("UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), "
                + "'\"actor\":\"test-admin\"', '\"actor\":\"mallory\"'), 'UTF8') "
                + "WHERE aggregate_identifier = ? AND sequence_number = 1", ticket);

        assertBreak(verify(ticket), ticket, 1, "HASH_MISMATCH");
    }

    @Test
    void aDeletedEventIsFoundWhereTheSequenceHasAGap() throws Exception {
        String ticket = ticketWithHistory("Deleted");
        execute("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1", ticket);

        assertBreak(verify(ticket), ticket, 1, "MISSING_EVENT");
    }

    @Test
    void twoSwappedEventsAreFoundWhereTheFirstOneWas() throws Exception {
        String ticket = ticketWithHistory("Swapped");
        execute("UPDATE domain_event_entry SET sequence_number = -1 WHERE aggregate_identifier = ? AND sequence_number = 1",
                ticket);
        execute("UPDATE domain_event_entry SET sequence_number = 1 WHERE aggregate_identifier = ? AND sequence_number = 2",
                ticket);
        execute("UPDATE domain_event_entry SET sequence_number = 2 WHERE aggregate_identifier = ? AND sequence_number = -1",
                ticket);

        assertBreak(verify(ticket), ticket, 1, "HASH_MISMATCH");
    }

    @Test
    void theWholeStoreReportsEachBrokenTicketAndTheFirstBreak() throws Exception {
        String intact = ticketWithHistory("Store intact");
        String broken = ticketWithHistory("Store broken");
        execute("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2", broken);

        JsonNode report = verifyStore();

        assertThat(report.get("intact").asBoolean()).isFalse();
        List<String> brokenTickets = new ArrayList<>();
        report.get("breaks").forEach(b -> brokenTickets.add(b.get("aggregateId").asString()));
        assertThat(brokenTickets).contains(broken).doesNotContain(intact);
        assertThat(report.get("firstBreak").get("aggregateId").asString()).isEqualTo(brokenTickets.getFirst());
    }

    @Test
    void aRewriteWithEveryLaterHashRecomputedIsCaughtByTheSignedCheckpoints() throws Exception {
        String ticket = ticketWithHistory("Rewritten");
        awaitAnchored(ticket);

        // Change the number the ticket was opened with, then recompute this and every later link, as a forger would.
        execute("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'\"TCK-', '\"TCX-'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 0", ticket);
        recomputeChain(ticket);

        JsonNode report = verify(ticket);
        assertBreak(report, ticket, 3, "CHECKPOINT_MISMATCH");
        assertThat(report.get("checkpoints").get("verified").asBoolean()).isTrue();
    }

    @Test
    void deletingTheLastEventsOfACheckpointedTicketIsCaught() throws Exception {
        String ticket = ticketWithHistory("Truncated");
        awaitAnchored(ticket);
        execute("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number >= 2", ticket);

        assertBreak(verify(ticket), ticket, 3, "CHECKPOINTED_EVENT_MISSING");
    }

    @Test
    void onlyAuditorsVerifyAndABadTicketIdIsAValidationError() throws Exception {
        assertThat(send("GET", "/api/audit/verify", null, as("ana", "admin")).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/audit/verify", null, as("ana", "agent")).statusCode()).isEqualTo(403);
        HttpResponse<String> bad = send("GET", "/api/audit/verify?ticket=42", null, AUDITOR);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("code").asString()).isEqualTo("VALIDATION_FAILED");
    }

    /** A ticket with four events: opened, priority, tags, status. */
    private String ticketWithHistory(String title) throws Exception {
        String ticket = openTicket(title);
        String path = "/api/tickets/" + ticket;
        assertThat(send("PUT", path + "/priority", "{\"priority\":\"high\"}").statusCode()).isEqualTo(200);
        assertThat(send("PATCH", path + "/tags", "{\"add\":[\"audit\"]}").statusCode()).isEqualTo(200);
        assertThat(send("PUT", path + "/status", "{\"status\":\"in_progress\"}").statusCode()).isEqualTo(200);
        return ticket;
    }

    private void awaitAnchored(String ticket) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> verify(ticket).get("anchored").asLong() == 1);
    }

    private JsonNode verify(String ticket) throws Exception {
        HttpResponse<String> response = send("GET", "/api/audit/verify?ticket=" + ticket, null, AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private JsonNode verifyStore() throws Exception {
        HttpResponse<String> response = send("GET", "/api/audit/verify", null, AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static void assertBreak(JsonNode report, String ticket, long sequence, String problem) {
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isFalse();
        JsonNode first = report.get("firstBreak");
        assertThat(first.get("aggregateId").asString()).isEqualTo(ticket);
        assertThat(first.get("sequenceNumber").asLong()).isEqualTo(sequence);
        assertThat(first.get("problem").asString()).isEqualTo(problem);
    }

    /** Runs a tampering statement past the append-only trigger, as a database superuser could. */
    private void execute(String sql, String ticket) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            c.createStatement().execute("SET session_replication_role = replica");
            s.setString(1, ticket);
            assertThat(s.executeUpdate()).as(sql).isPositive();
        }
    }

    /** Rewrites every stored link hash of the ticket from its stored rows, as the append would have. */
    private void recomputeChain(String ticket) throws Exception {
        try (Connection c = database.connect()) {
            c.createStatement().execute("SET session_replication_role = replica");
            String previous = ChainLink.GENESIS;
            List<Object[]> updates = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT aggregate_identifier, sequence_number, event_identifier, type, time_stamp, payload_type,
                           payload_revision, payload, meta_data
                    FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""")) {
                s.setString(1, ticket);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ChainLink link = new ChainLink(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9));
                        previous = link.hash(previous);
                        ObjectNode metaData = (ObjectNode) MAPPER.readTree(rs.getBytes(9));
                        metaData.put(ChainLink.HASH_KEY, previous);
                        updates.add(new Object[]{MAPPER.writeValueAsBytes(metaData), rs.getLong(2)});
                    }
                }
            }
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE domain_event_entry SET meta_data = ? WHERE aggregate_identifier = ? AND sequence_number = ?")) {
                for (Object[] update : updates) {
                    u.setBytes(1, (byte[]) update[0]);
                    u.setString(2, ticket);
                    u.setLong(3, (Long) update[1]);
                    u.executeUpdate();
                }
            }
        }
        JsonNode report = verify(ticket);
        assertThat(report.get("breaks").toString()).as("the chain alone no longer shows the rewrite")
                .doesNotContain("HASH_MISMATCH");
    }
}
