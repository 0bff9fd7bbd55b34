package dev.docket.command.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.docket.command.audit.ChainLink;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends events as Axon does, after adding to each event's metadata its link in the aggregate's hash chain
 * ({@link ChainLink}). The hash covers exactly the bytes that are stored: the payload and metadata are serialized
 * here with the engine's serializer, as the insert will serialize them, and the timestamp is written in the form it
 * is hashed in. The previous link comes from this batch, from the heads this instance has committed, or from the
 * aggregate's stored event before it; two writers racing for the same sequence number cannot both commit, so every
 * chain has one history.
 *
 * <p>The heads kept here are (sequence, hash) pairs of committed events only, recorded after their transaction
 * commits: a committed event never changes, so a head is either the predecessor's (same sequence) or not used. A
 * head from a transaction that rolled back could belong to an event that another writer then stored differently;
 * it is never recorded.
 */
final class ChainingAppend implements AppendEventsStatementBuilder {

    private static final Logger log = LoggerFactory.getLogger(ChainingAppend.class);
    private static final TimestampWriter TIMESTAMP = (statement, index, timestamp) ->
            statement.setString(index, DateTimeUtils.formatInstant(timestamp));

    /**
     * Axon's writer is not used: the timestamp is always stored as the string that was hashed (the schema's
     * {@code time_stamp} is text).
     */
    /** The last committed link of recently written aggregates. */
    private record Head(long sequence, String hash) {
    }

    private final Cache<String, Head> heads;

    ChainingAppend(long maximumHeads) {
        this.heads = Caffeine.newBuilder().maximumSize(maximumHeads).build();
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        Map<String, Head> batch = new HashMap<>();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domain)) {
                chained.add(event);
                continue;
            }
            String aggregateId = domain.getAggregateIdentifier();
            String previous = batch.containsKey(aggregateId) ? batch.get(aggregateId).hash()
                    : previousHash(connection, schema, aggregateId, domain.getSequenceNumber());
            MetaData metaData = domain.getMetaData().withoutKeys(Set.of(ChainLink.HASH_KEY));
            DomainEventMessage<?> unchained = domain.withMetaData(metaData);
            SerializedObject<byte[]> payload = unchained.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> storedMetaData = unchained.serializeMetaData(serializer, byte[].class);
            String hash = new ChainLink(aggregateId, domain.getSequenceNumber(), domain.getIdentifier(),
                    domain.getType(), DateTimeUtils.formatInstant(domain.getTimestamp()), payload.getType().getName(),
                    payload.getType().getRevision(), payload.getData(), storedMetaData.getData()).hash(previous);
            batch.put(aggregateId, new Head(domain.getSequenceNumber(), hash));
            chained.add(domain.withMetaData(metaData.and(ChainLink.HASH_KEY, hash)));
        }
        AfterCommit.run(() -> heads.putAll(batch));
        return JdbcEventStorageEngineStatements.appendEvents(connection, schema, byte[].class, chained, serializer,
                TIMESTAMP);
    }

    private String previousHash(Connection connection, EventSchema schema, String aggregateId, long sequenceNumber)
            throws SQLException {
        if (sequenceNumber == 0) {
            return ChainLink.GENESIS;
        }
        Head head = heads.getIfPresent(aggregateId);
        if (head != null && head.sequence() == sequenceNumber - 1) {
            return head.hash();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT " + schema.metaDataColumn() + " FROM "
                + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND "
                + schema.sequenceNumberColumn() + " = ?")) {
            select.setString(1, aggregateId);
            select.setLong(2, sequenceNumber - 1);
            try (ResultSet rs = select.executeQuery()) {
                String hash = rs.next() ? ChainLink.hashIn(rs.getBytes(1)) : null;
                if (hash == null) {
                    // Verification reports the unchained or missing predecessor; the write itself goes on.
                    log.warn("Event {} of {} has no chain hash; its successor links to the genesis hash",
                            sequenceNumber - 1, aggregateId);
                    return ChainLink.GENESIS;
                }
                return hash;
            }
        }
    }
}
