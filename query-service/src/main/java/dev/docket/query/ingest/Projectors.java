package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelCommits;
import dev.docket.query.readmodel.ReadModelSql;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/** Makes the projector of a generation: every read model's projection, in order, on that generation's tables. */
@Component
public class Projectors {

    private final TransactionTemplate transactions;
    private final List<ProjectionFactory> factories;
    private final EventTracing tracing;
    private final ReadModelCommits commits;

    public Projectors(PlatformTransactionManager transactionManager, List<ProjectionFactory> factories,
                      EventTracing tracing, ReadModelCommits commits) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.factories = List.copyOf(factories);
        this.tracing = tracing;
        this.commits = commits;
    }

    public Projector create(ReadModelSql sql) {
        return new Projector(sql, transactions, factories, tracing, commits);
    }
}
