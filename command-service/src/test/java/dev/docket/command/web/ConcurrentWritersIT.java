package dev.docket.command.web;

import dev.docket.command.CommandServiceTestBase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Optimistic concurrency under real contention on one ticket. */
class ConcurrentWritersIT extends CommandServiceTestBase {

    private static final int WRITERS = 20;

    @Test
    void twentyWritersWithTheSameIfMatchOneSucceedsTheRestGet412AndTheLogHasNoGapOrDuplicate() throws Exception {
        String ticket = openTicket("Contended");
        List<HttpResponse<String>> answers = race(ticket, i -> new String[]{"If-Match", "\"1\""});

        assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.statusCode() == 412).hasSize(WRITERS - 1);
        assertThat(answers).filteredOn(r -> r.statusCode() == 412)
                .allSatisfy(r -> assertThat(json(r).get("currentVersion").asLong()).isEqualTo(2));
        assertThat(sequences(ticket)).containsExactly(0L, 1L);
    }

    @Test
    void twentyWritersWithoutIfMatchAllApplyInSomeOrderWithoutGapOrDuplicate() throws Exception {
        String ticket = openTicket("Contended, last writer wins");
        List<HttpResponse<String>> answers = race(ticket, i -> new String[0]);

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
        assertThat(answers.stream().map(r -> json(r).get("version").asLong()).distinct()).hasSize(WRITERS);
        List<Long> expected = new ArrayList<>();
        for (long s = 0; s <= WRITERS; s++) {
            expected.add(s);
        }
        assertThat(sequences(ticket)).containsExactlyElementsOf(expected);
        // Racing appends that lost were retried on the new predecessor: the hash chain has one history.
        HttpResponse<String> verified = send("GET", "/api/audit/verify?ticket=" + ticket, null,
                as("auditor-1", "auditor"));
        assertThat(json(verified).get("intact").asBoolean()).as(verified.body()).isTrue();
        assertThat(json(verified).get("events").asLong()).isEqualTo(WRITERS + 1);
    }

    private List<HttpResponse<String>> race(String ticket, java.util.function.IntFunction<String[]> headers)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            int n = i;
            calls.add(() -> {
                start.await();
                return send("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"Writer " + n + "\"}",
                        headers.apply(n));
            });
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Callable<HttpResponse<String>> call : calls) {
                futures.add(pool.submit(call));
            }
            start.countDown();
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get());
            }
        }
        return answers;
    }
}
