package dev.docket.command.faults;

import dev.docket.command.CommandServiceTestBase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 64 writers on one ticket for {@code docket.faults.contention-seconds} (30 by default): no lost update. Every
 * change the service accepted is in the log under the version it answered, the versions run 1, 2, 3... without a
 * gap or a repeat, and every refusal is a clean 409 or 412 problem, never a fault.
 */
class WriteContentionIT extends CommandServiceTestBase {

    private static final int WRITERS = 64;
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("docket.faults.contention-seconds", 30));

    @Test
    void sixtyFourWritersOnOneTicketLoseNothing() throws Exception {
        String ticket = openTicket("Contended for " + RUN.toSeconds() + " s");
        ConcurrentLinkedQueue<HttpResponse<String>> answers = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        long end = System.nanoTime() + RUN.toNanos();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                while (System.nanoTime() < end) {
                    int n = sent.incrementAndGet();
                    // Half send If-Match with the version they believe current, half apply to the latest.
                    String[] headers = writer % 2 == 0 ? new String[0] : new String[]{"If-Match", "\"" + (n % 7 + 1) + "\""};
                    answers.add(send("POST", "/api/tickets/" + ticket + "/comments",
                            "{\"body\":\"writer " + writer + " change " + n + "\"}", headers));
                }
                return null;
            });
        }
        writers.shutdown();
        assertThat(writers.awaitTermination(RUN.toSeconds() + 60, TimeUnit.SECONDS)).isTrue();

        List<HttpResponse<String>> accepted = answers.stream().filter(r -> r.statusCode() == 201).toList();
        System.out.printf("Write contention: %d writers, %d s, %d requests, %d accepted, %d x 409, %d x 412%n",
                WRITERS, RUN.toSeconds(), answers.size(), accepted.size(),
                answers.stream().filter(r -> r.statusCode() == 409).count(),
                answers.stream().filter(r -> r.statusCode() == 412).count());
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(201, 409, 412));
        assertThat(accepted).as("the writers got changes through").hasSizeGreaterThan(WRITERS);

        Map<Long, String> stored = storedComments(ticket);
        List<Long> expected = new ArrayList<>();
        for (long version = 2; version <= accepted.size() + 1; version++) {
            expected.add(version);
        }
        assertThat(stored.keySet()).as("contiguous versions, one per accepted change").containsExactlyElementsOf(expected);
        for (HttpResponse<String> answer : accepted) {
            long version = json(answer).get("version").asLong();
            assertThat(stored.get(version)).as("the change answered as version %d is that version", version)
                    .isEqualTo(json(answer).get("commentId").asString());
        }
    }

    /** Version to comment id, for every comment event of the ticket, in version order. */
    private Map<Long, String> storedComments(String ticket) throws Exception {
        Map<Long, String> comments = new java.util.TreeMap<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT sequence_number + 1, convert_from(payload, 'UTF8')::jsonb ->> 'commentId' "
                        + "FROM domain_event_entry WHERE aggregate_identifier = '" + ticket + "' AND sequence_number > 0 "
                        + "ORDER BY sequence_number")) {
            while (rs.next()) {
                comments.put(rs.getLong(1), rs.getString(2));
            }
        }
        return comments;
    }
}
