package dev.docket.command.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.docket.command.audit.ChainLink;
import dev.docket.command.privacy.PersonalTexts;
import dev.docket.support.transaction.AfterCommit;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends events as Axon does, after adding to each event's metadata its link in the aggregate's hash chain
 * ({@link ChainLink}). The hash covers exactly the bytes that are stored: the payload is serialized once, here, its
 * personal fields sealed ({@link PersonalTexts}), and hashed and stored as it is; the metadata's canonical form is built from the map (the form verification finds in
 * the stored JSON); the timestamp is hashed and stored as the same text. The previous link comes from this batch,
 * from the heads this instance has committed, or from the aggregate's stored event before it; two writers racing
 * for the same sequence number cannot both commit, so every chain has one history.
 *
 * <p>The heads kept here are (sequence, hash) pairs of committed events only, recorded after their transaction
 * commits: a committed event never changes, so a head is either the predecessor's (same sequence) or not used. A
 * head from a transaction that rolled back could belong to an event that another writer then stored differently;
 * it is never recorded.
 */
final class ChainingAppend implements AppendEventsStatementBuilder {

    private static final Logger log = LoggerFactory.getLogger(ChainingAppend.class);
    private static final Set<String> HASH_KEY = Set.of(ChainLink.HASH_KEY);

    /** The last committed link of recently written aggregates. */
    private record Head(long sequence, String hash) {
    }

    private final Cache<String, Head> heads;
    private final PersonalTexts personalTexts;
    private final Runnable committed;

    /**
     * @param personalTexts seals each event's personal fields before it is hashed and stored
     * @param committed     told once each transaction that appended events has committed
     */
    ChainingAppend(long maximumHeads, PersonalTexts personalTexts, Runnable committed) {
        // upkeep in the writing thread, as in CommittedAggregateCache: every command writes here
        this.heads = Caffeine.newBuilder().maximumSize(maximumHeads).executor(Runnable::run).build();
        this.personalTexts = personalTexts;
        this.committed = committed;
    }

    /**
     * The insert Axon's own statement makes, with the same columns and values, except that each event is serialized
     * once for its hash and its row, and Axon's timestamp writer is not used: the schema's {@code time_stamp} is text,
     * stored as it was hashed.
     */
    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema.domainEventTable() + " ("
                + String.join(", ", schema.eventIdentifierColumn(), schema.aggregateIdentifierColumn(),
                        schema.sequenceNumberColumn(), schema.typeColumn(), schema.timestampColumn(),
                        schema.payloadTypeColumn(), schema.payloadRevisionColumn(), schema.payloadColumn(),
                        schema.metaDataColumn())
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        Map<String, Head> batch = new HashMap<>();
        for (EventMessage<?> event : events) {
            DomainEventMessage<?> domain = EventUtils.asDomainEventMessage(event);
            String timestamp = DateTimeUtils.formatInstant(domain.getTimestamp());
            SerializedObject<byte[]> serialized = domain.serializePayload(serializer, byte[].class);
            MetaData metaData = domain.getMetaData();
            SerializedObject<byte[]> payload = new SimpleSerializedObject<>(personalTexts.seal(connection,
                    serialized.getType().getName(), serialized.getData(), metaData), byte[].class, serialized.getType());
            if (event instanceof DomainEventMessage<?>) {
                MetaData unchained = metaData.withoutKeys(HASH_KEY);
                String hash = link(connection, schema, domain, timestamp, payload, unchained, serializer, batch);
                metaData = unchained.and(ChainLink.HASH_KEY, hash);
            }
            insert.setString(1, domain.getIdentifier());
            insert.setString(2, domain.getAggregateIdentifier());
            insert.setLong(3, domain.getSequenceNumber());
            insert.setString(4, domain.getType());
            insert.setString(5, timestamp);
            insert.setString(6, payload.getType().getName());
            insert.setString(7, payload.getType().getRevision());
            insert.setObject(8, payload.getData());
            insert.setObject(9, serializer.serialize(metaData, byte[].class).getData());
            insert.addBatch();
        }
        AfterCommit.run(() -> {
            heads.putAll(batch);
            committed.run();
        });
        return insert;
    }

    /** The event's link hash, remembered in {@code batch} for the aggregate's next event in it. */
    private String link(Connection connection, EventSchema schema, DomainEventMessage<?> event, String timestamp,
                        SerializedObject<byte[]> payload, MetaData metaData, Serializer serializer,
                        Map<String, Head> batch) throws SQLException {
        String aggregateId = event.getAggregateIdentifier();
        String previous = batch.containsKey(aggregateId) ? batch.get(aggregateId).hash()
                : previousHash(connection, schema, aggregateId, event.getSequenceNumber());
        byte[] canonical = ChainLink.canonicalMetaData(metaData);
        if (canonical == null) {
            canonical = ChainLink.canonicalMetaData(serializer.serialize(metaData, byte[].class).getData());
        }
        String hash = new ChainLink(aggregateId, event.getSequenceNumber(), event.getIdentifier(), event.getType(),
                timestamp, payload.getType().getName(), payload.getType().getRevision(), payload.getData(), null)
                .hash(previous, canonical);
        batch.put(aggregateId, new Head(event.getSequenceNumber(), hash));
        return hash;
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
