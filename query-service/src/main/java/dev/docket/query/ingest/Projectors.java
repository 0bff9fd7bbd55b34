package dev.docket.query.ingest;

import dev.docket.query.privacy.SealedFieldOpener;
import dev.docket.query.readmodel.ReadModelCommits;
import dev.docket.query.readmodel.ReadModelSql;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/** Makes the projector of a generation: every read model's projection, in order, on that generation's tables. */
@Component
public class Projectors {

    private final TransactionTemplate transactions;
    private final List<ProjectionFactory> factories;
    private final EventTracing tracing;
    private final ReadModelCommits commits;
    private final EnvelopeDecoder decoder;

    public Projectors(TransactionTemplate transactions, List<ProjectionFactory> factories, EventTracing tracing,
                      ReadModelCommits commits, JsonMapper json, SealedFieldOpener opener) {
        this.transactions = transactions;
        this.factories = List.copyOf(factories);
        this.tracing = tracing;
        this.commits = commits;
        this.decoder = new EnvelopeDecoder(json, opener);
    }

    public Projector create(ReadModelSql sql) {
        return new Projector(sql, transactions, decoder, factories, tracing, commits);
    }
}
