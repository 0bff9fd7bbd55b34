package dev.docket.command.eventstore;

import dev.docket.command.privacy.PersonalTexts;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Declares the event store pieces explicitly instead of trusting Axon's auto-configuration, which on Spring Boot 4
 * can order itself before Boot's transaction manager and silently fall back to no transactions.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /** Axon's units of work join Spring transactions: events, lookups and keys commit together or not at all. */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** The tables of V1__event_store.sql. */
    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Recognises a lost append race (another writer stored the same ticket's next sequence first) by PostgreSQL's
     * SQLSTATE for a unique violation, so Axon reports it as a {@code ConcurrencyException} and the change is
     * retried. Axon's {@code JdbcSQLErrorCodesResolver} looks at vendor error codes, which PostgreSQL's driver leaves
     * at 0: it reported the race as a plain storage failure (a 500).
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer snapshotSerializer,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          EventSchema schema,
                                          TicketCacheProperties cache,
                                          ApplicationEventPublisher applicationEvents,
                                          PersonalTexts personalTexts,
                                          org.axonframework.config.Configuration configuration) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(schema)
                .dataType(byte[].class)
                .appendEvents(new ChainingAppend(Math.max(cache.size(), 1), personalTexts,
                        () -> applicationEvents.publishEvent(EventsCommitted.INSTANCE)))
                .build();
    }

    /**
     * Snapshots for long tickets: after {@code docket.snapshots.threshold} events replayed on a load, the ticket's
     * state is stored in {@code snapshot_event_entry} (after the command commits, in the same thread).
     */
    @Bean
    SnapshotTriggerDefinition ticketSnapshotTrigger(Snapshotter snapshotter, SnapshotProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.threshold());
    }

    /**
     * Tickets kept loaded between commands (see {@link CommittedAggregateCache}), so a change to a recently used
     * ticket reads nothing: no snapshot, no events.
     */
    @Bean
    Cache ticketCache(TicketCacheProperties properties) {
        return properties.size() == 0 ? NoCache.INSTANCE : new CommittedAggregateCache(properties.size());
    }

    @Bean
    CorrelationDataProvider eventOriginProvider() {
        return new EventOriginProvider();
    }
}
