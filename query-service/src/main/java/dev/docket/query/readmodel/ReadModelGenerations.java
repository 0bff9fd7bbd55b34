package dev.docket.query.readmodel;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of read-model generations ({@code read_model_generation}) and the schema each one lives in. On first
 * start generation 1 is created; on every start the active and building generations are migrated to the newest
 * read-model migrations. Queries read the active generation, which every instance re-reads from the registry, so a
 * switch made by one instance reaches the others.
 */
@Component
public class ReadModelGenerations implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ReadModelGenerations.class);
    /** Serialises starting a rebuild and switching over, across instances. */
    private static final long REGISTRY_LOCK = 0x646f636b6574L;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private volatile ReadModelSql active;

    public ReadModelGenerations(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Runs after the application's own Flyway migration (a singleton created before this callback). */
    @Override
    public void afterSingletonsInstantiated() {
        if (jdbc.sql("SELECT count(*) FROM read_model_generation").query(Long.class).single() == 0) {
            migrate(1);
            jdbc.sql("""
                    INSERT INTO read_model_generation (generation, schema_name, state, activated_at)
                    VALUES (1, ?, 'active', now()) ON CONFLICT (generation) DO NOTHING""")
                    .param(ReadModelSql.schemaOf(1)).update();
        }
        for (Generation generation : list()) {
            switch (generation.state()) {
                case ACTIVE -> migrate(generation.number());
                case BUILDING -> migrateBuilding(generation.number());
                case RETIRED -> { }
            }
        }
        refresh();
    }

    /** The generation queries read. */
    public ReadModelSql active() {
        ReadModelSql current = active;
        if (current == null) {
            throw new IllegalStateException("read models not initialised yet");
        }
        return current;
    }

    /** Re-reads the registry, follows the generation it marks active, and returns every generation. */
    public List<Generation> refresh() {
        List<Generation> all = list();
        int number = all.stream().filter(g -> g.state() == Generation.State.ACTIVE).findFirst()
                .orElseThrow(() -> new IllegalStateException("no active read-model generation"))
                .number();
        ReadModelSql current = active;
        if (current == null || current.generation() != number) {
            active = new ReadModelSql(jdbc, number);
            if (current != null) {
                log.info("Read models now served from generation {} ({})", number, active.schema());
            }
        }
        return all;
    }

    public ReadModelSql sqlFor(int generation) {
        return new ReadModelSql(jdbc, generation);
    }

    public List<Generation> list() {
        return jdbc.sql("""
                        SELECT generation, schema_name, state, created_at, activated_at
                        FROM read_model_generation ORDER BY generation""")
                .query((rs, n) -> new Generation(rs.getInt("generation"), rs.getString("schema_name"),
                        Generation.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                        rs.getTimestamp("created_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("activated_at")).map(Timestamp::toInstant).orElse(null)))
                .list();
    }

    public Optional<Generation> building() {
        return building(list());
    }

    public static Optional<Generation> building(List<Generation> generations) {
        return generations.stream().filter(g -> g.state() == Generation.State.BUILDING).findFirst();
    }

    /**
     * Creates the next generation, empty and migrated, in state building, without its query-only indexes
     * ({@link QueryIndexes}; {@link #buildQueryIndexes} builds them before it may serve). Drops retired generations
     * first: they stopped serving at the previous switch, long enough ago for every query that used them to have
     * finished. The schema is migrated before the registry names the generation, so no instance starts consuming
     * into tables that do not exist yet.
     *
     * @throws DocketException REBUILD_IN_PROGRESS when a generation is already being built
     */
    public Generation startBuilding() {
        int next = transactions.execute(status -> {
            lockRegistryRefusingIfBuilding();
            for (Integer retired : jdbc.sql("SELECT generation FROM read_model_generation WHERE state = 'retired'")
                    .query(Integer.class).list()) {
                jdbc.sql("DROP SCHEMA IF EXISTS " + ReadModelSql.schemaOf(retired) + " CASCADE").update();
                jdbc.sql("DELETE FROM read_model_generation WHERE generation = ?").param(retired).update();
            }
            return nextNumber();
        });
        migrate(next);
        transactions.executeWithoutResult(status -> {
            lockRegistryRefusingIfBuilding();
            if (nextNumber() != next) {
                throw rebuildInProgress(); // another instance started (and finished) one meanwhile
            }
            QueryIndexes.defer(sqlFor(next));
            jdbc.sql("INSERT INTO read_model_generation (generation, schema_name, state) VALUES (?, ?, 'building')")
                    .params(next, ReadModelSql.schemaOf(next)).update();
        });
        return list().stream().filter(g -> g.number() == next).findFirst().orElseThrow();
    }

    private void lockRegistryRefusingIfBuilding() {
        lockRegistry();
        if (jdbc.sql("SELECT count(*) FROM read_model_generation WHERE state = 'building'")
                .query(Long.class).single() > 0) {
            throw rebuildInProgress();
        }
    }

    private int nextNumber() {
        return jdbc.sql("SELECT coalesce(max(generation), 0) + 1 FROM read_model_generation").query(Integer.class)
                .single();
    }

    private static DocketException rebuildInProgress() {
        return new DocketException(ErrorCode.REBUILD_IN_PROGRESS,
                "A rebuild is already running; wait for it to switch over.");
    }

    /**
     * Builds the query-only indexes the building generation {@code number} went without, if any are missing still
     * (one instance builds them; another one waits and finds none). Writes to their tables wait meanwhile.
     *
     * @return whether any was built: the generation has then fallen behind by the events of that time
     */
    public boolean buildQueryIndexes(int number) {
        ReadModelSql sql = sqlFor(number);
        long start = System.nanoTime();
        int built = 0;
        Set<String> tables = new LinkedHashSet<>();
        for (Map.Entry<String, String> index : QueryIndexes.deferred(sql).entrySet()) {
            boolean here = Boolean.TRUE.equals(transactions.execute(status -> {
                lockRegistry();
                return isBuilding(number) && QueryIndexes.build(sql, index.getKey());
            }));
            if (here) {
                built++;
                tables.add(index.getValue());
            }
        }
        tables.forEach(table -> QueryIndexes.analyze(sql, table));
        if (built > 0) {
            log.info("Built {} query-only indexes of generation {} in {} ms", built, number,
                    (System.nanoTime() - start) / 1_000_000);
        }
        return built > 0;
    }

    /** Serialises changes to the registry and to generations' indexes, across instances, until the commit. */
    private void lockRegistry() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(REGISTRY_LOCK).query(Object.class).single();
    }

    private boolean isBuilding(int number) {
        return jdbc.sql("SELECT count(*) FROM read_model_generation WHERE generation = ? AND state = 'building'")
                .param(number).query(Long.class).single() > 0;
    }

    /**
     * Makes the building generation {@code number} the active one and retires the one it replaces.
     *
     * @return every generation, as {@link #refresh()} after the switch
     * @throws IllegalStateException when it is not being built (another instance switched first), or lacks
     *                               query-only indexes (an instance that restarted deferred them again after they
     *                               were built; the next check builds them)
     */
    public List<Generation> activate(int number) {
        transactions.executeWithoutResult(status -> {
            lockRegistry();
            if (!isBuilding(number)) {
                throw new IllegalStateException("generation " + number + " is not being built");
            }
            if (!QueryIndexes.deferred(sqlFor(number)).isEmpty()) {
                // an instance that restarted deferred them again after they were built: build them first
                throw new IllegalStateException("generation " + number + " still lacks query-only indexes");
            }
            jdbc.sql("UPDATE read_model_generation SET state = 'retired', retired_at = now() WHERE state = 'active'")
                    .update();
            jdbc.sql("UPDATE read_model_generation SET state = 'active', activated_at = now() WHERE generation = ?")
                    .param(number).update();
        });
        return refresh();
    }

    /** Abandons a building generation (its schema is dropped). */
    public void abandon(int number) {
        transactions.executeWithoutResult(status -> {
            lockRegistry();
            if (jdbc.sql("DELETE FROM read_model_generation WHERE generation = ? AND state = 'building'")
                    .param(number).update() == 1) {
                jdbc.sql("DROP SCHEMA IF EXISTS " + ReadModelSql.schemaOf(number) + " CASCADE").update();
            }
        });
    }

    private void migrate(int generation) {
        flyway(generation).migrate();
    }

    /**
     * Migrates a generation being built, if a migration is pending: with its deferred indexes there while it runs
     * (a migration may change one of them), deferred again after, unless another instance switched meanwhile.
     */
    private void migrateBuilding(int number) {
        Flyway flyway = flyway(number);
        if (flyway.info().pending().length == 0) {
            return;
        }
        ReadModelSql sql = sqlFor(number);
        if (QueryIndexes.tracked(sql)) { // not before the migration that brings query_index
            buildQueryIndexes(number);
        }
        flyway.migrate();
        transactions.executeWithoutResult(status -> {
            lockRegistry();
            if (isBuilding(number)) {
                QueryIndexes.defer(sql);
            }
        });
    }

    private Flyway flyway(int generation) {
        String schema = ReadModelSql.schemaOf(generation);
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/readmodel")
                .load();
    }
}
