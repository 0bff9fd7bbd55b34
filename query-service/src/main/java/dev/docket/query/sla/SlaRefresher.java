package dev.docket.query.sla;

import dev.docket.query.readmodel.Generation;
import dev.docket.query.readmodel.ReadModelCommits;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Computes again the clocks of the tickets a configuration change moves: every ticket with a clock not stopped that
 * was computed under fewer configuration versions than the generation now holds, in chunks, each in its own
 * transaction. Chunks are claimed with {@code FOR UPDATE SKIP LOCKED}: a ticket a batch is applying right now is
 * left to that batch (which computes it under the configuration it reads after locking the ticket) or to the next
 * round, and several query-service instances share the work.
 */
@Component
class SlaRefresher {

    private static final Logger log = LoggerFactory.getLogger(SlaRefresher.class);
    private static final int CHUNK = 500;

    private final ReadModelGenerations generations;
    private final SlaConfigs configs;
    private final TransactionTemplate transactions;
    private final ReadModelCommits commits;
    private final JsonMapper json;

    SlaRefresher(ReadModelGenerations generations, SlaConfigs configs, TransactionTemplate transactions,
                 ReadModelCommits commits, JsonMapper json) {
        this.generations = generations;
        this.configs = configs;
        this.transactions = transactions;
        this.commits = commits;
        this.json = json;
    }

    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
    void refreshAll() {
        try {
            for (Generation generation : generations.list()) {
                if (generation.state() != Generation.State.RETIRED) {
                    refresh(generations.sqlFor(generation.number()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Service-level clocks not refreshed; trying again in a second: {}", e.toString());
        }
    }

    /** Refreshes every ticket of the generation that a configuration change left behind; returns how many. */
    int refresh(ReadModelSql sql) {
        if (!Boolean.TRUE.equals(sql.sql("SELECT to_regclass(? || '.ticket_sla') IS NOT NULL").param(sql.schema())
                .query(Boolean.class).single())) {
            return 0;
        }
        int total = 0;
        int done;
        do {
            Integer claimed = transactions.execute(status -> {
                SlaConfigs.Config config = configs.current(sql);
                TicketClocks clocks = new TicketClocks(sql, json);
                List<TicketClocks.Ticket> stale = clocks.claimStale(config.version(), CHUNK);
                if (!stale.isEmpty()) {
                    clocks.compute(stale, config);
                    clocks.store(stale);
                }
                return stale.size();
            });
            done = claimed == null ? 0 : claimed;
            if (done > 0) {
                commits.committed();
            }
            total += done;
        } while (done == CHUNK); // a short chunk: what is left is held by a batch, or was not there
        return total;
    }
}
