package dev.docket.command.privacy;

import dev.docket.command.app.ChangeTransactions;
import dev.docket.command.app.Commands;
import dev.docket.command.audit.AuditSigner;
import dev.docket.command.audit.ChainLink;
import dev.docket.command.user.ErasePerson;
import dev.docket.events.ErrorCode;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;
import dev.docket.support.security.Caller;
import dev.docket.support.security.ErasedPeople;
import dev.docket.support.transaction.AfterCommit;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Erases a person, in one transaction: their data key is destroyed (every personal text sealed under it, in the
 * event store, its snapshots, backups and the Kafka topic, is unreadable from then on), the {@code user.erased} event
 * is recorded (it tells the read models and every consumer to forget the person), and what the command database
 * keeps beside the events is replaced or deleted: the directory's email and name, the files the person attached
 * (names replaced, content deleted unless someone else attached the same bytes), snapshots that hold their texts,
 * and the stored answers of their idempotent requests. The answer is a receipt signed with the audit checkpoint key.
 */
@Component
public class Erasures {

    /** What an erasure makes unreadable or deletes, as its receipt lists it. */
    static final List<String> ERASED = List.of(
            "profile: email and display name, in events, the user directory and every read model",
            "texts the person wrote: ticket titles and descriptions, comments, attachment names, in events, snapshots, "
                    + "the Kafka topic, read models and the search index",
            "attachment content the person uploaded",
            "stored answers of the person's idempotent requests",
            "the person's data key");

    private final ChangeTransactions transactions;
    private final Commands commands;
    private final PersonKeys keys;
    private final JdbcClient jdbc;
    private final ObjectProvider<AuditSigner> signer;
    private final Cache ticketCache;
    private final JsonMapper canonical;
    private final ErasedPeople erasedPeople;

    Erasures(ChangeTransactions transactions, Commands commands, PersonKeys keys, JdbcClient jdbc,
             ObjectProvider<AuditSigner> signer, @Qualifier("ticketCache") Cache ticketCache, JsonMapper json,
             ErasedPeople erasedPeople) {
        this.erasedPeople = erasedPeople;
        this.transactions = transactions;
        this.commands = commands;
        this.keys = keys;
        this.jdbc = jdbc;
        this.signer = signer;
        this.ticketCache = ticketCache;
        this.canonical = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    }

    /**
     * A signed receipt: {@code signed} is the receipt's exact bytes (canonical JSON), {@code signature} their Ed25519
     * signature by the audit checkpoint key.
     */
    public record Receipt(Map<String, Object> receipt, byte[] signed, byte[] signature, boolean first) {
    }

    /**
     * Erases the person, or answers the receipt of their earlier erasure.
     *
     * @throws DocketException {@code USER_NOT_FOUND} for a person never registered; {@code SERVICE_UNAVAILABLE} on an
     *                         instance that cannot sign receipts
     */
    public Receipt erase(UserId person, String legalBasis, String reason) {
        AuditSigner auditSigner = signer.getIfAvailable();
        if (auditSigner == null) {
            throw new DocketException(ErrorCode.SERVICE_UNAVAILABLE, "This instance cannot sign erasure receipts "
                    + "(no DOCKET_CHECKPOINT_SIGNING_KEY and DOCKET_CHECKPOINT_PUBLIC_KEY); nothing was erased.");
        }
        String requestedBy = Caller.current().subject();
        return transactions.run(() -> {
            Optional<Receipt> earlier = receipt(person);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            String id = person.toString();
            UUID keyId = keys.destroy(id).orElse(null);
            commands.send(new ErasePerson(person, keyId, legalBasis, reason));
            Map<String, Object> counts = scrub(id);
            Map<String, Object> receipt = new LinkedHashMap<>();
            receipt.put("type", "docket.erasure-receipt.v1");
            receipt.put("personId", id);
            receipt.put("erasedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            receipt.put("requestedBy", requestedBy);
            receipt.put("legalBasis", legalBasis.strip());
            receipt.put("keyId", keyId);
            receipt.put("erased", ERASED);
            receipt.put("counts", counts);
            receipt.put("chain", chainLink(id));
            byte[] signed = canonical.writeValueAsBytes(receipt);
            byte[] signature = auditSigner.sign(signed);
            jdbc.sql("INSERT INTO erasure_receipt (person_id, erased_at, signed, signature) VALUES (?, now(), ?, ?)")
                    .params(person.value(), signed, signature).update();
            AfterCommit.run(() -> {
                // cached tickets may hold the person's texts; they load again, erased, on their next change
                ticketCache.removeAll();
                erasedPeople.forget(id);
            });
            return new Receipt(receipt, signed, signature, true);
        });
    }

    /** The receipt of the person's erasure, if they were erased. */
    @SuppressWarnings("unchecked")
    public Optional<Receipt> receipt(UserId person) {
        return jdbc.sql("SELECT signed, signature FROM erasure_receipt WHERE person_id = ?").param(person.value())
                .query((rs, row) -> new Receipt(canonical.readValue(rs.getBytes(1), Map.class), rs.getBytes(1),
                        rs.getBytes(2), false))
                .optional();
    }

    /** What the command database keeps beside the events, replaced or deleted; answers how much of each. */
    private Map<String, Object> scrub(String person) {
        Map<String, Object> counts = new LinkedHashMap<>();
        jdbc.sql("""
                UPDATE user_directory SET email = 'erased:' || user_id, display_name = '[erased]', erased = TRUE,
                                          active = FALSE
                WHERE user_id = ?::uuid""").param(person).update();
        List<byte[]> attached = jdbc.sql("""
                        UPDATE attachment a SET file_name = '[erased]', sha256 = NULL
                        FROM (SELECT attachment_id, sha256 FROM attachment WHERE uploaded_by = ? FOR UPDATE) old
                        WHERE a.attachment_id = old.attachment_id
                        RETURNING old.sha256""")
                .param(person).query((rs, row) -> rs.getBytes(1)).list();
        int attachments = attached.size();
        List<byte[]> contents = attached.stream().filter(java.util.Objects::nonNull).toList();
        int deletedContent = contents.isEmpty() ? 0 : jdbc.sql("""
                        DELETE FROM attachment_content c WHERE c.sha256 = ANY (?)
                        AND NOT EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = c.sha256)""")
                .param(contents.toArray(byte[][]::new)).update();
        int snapshots = jdbc.sql("""
                DELETE FROM snapshot_event_entry
                WHERE aggregate_identifier = ?
                   OR convert_from(payload, 'UTF8')::jsonb ->> 'titleWriter' = ?
                   OR convert_from(payload, 'UTF8')::jsonb ->> 'descriptionWriter' = ?""")
                .params(person, person, person).update();
        int answers = jdbc.sql("DELETE FROM idempotency_key WHERE actor = ?").param(person).update();
        counts.put("attachments", attachments);
        counts.put("attachmentContentsDeleted", deletedContent);
        counts.put("snapshotsDeleted", snapshots);
        counts.put("storedAnswersDeleted", answers);
        return counts;
    }

    /** The erasure event's link in the audit chain: its place and hash, which the signed checkpoints then cover. */
    private Map<String, Object> chainLink(String person) {
        return jdbc.sql("""
                        SELECT event_identifier, sequence_number, meta_data FROM domain_event_entry
                        WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""")
                .param(person)
                .query((rs, row) -> {
                    Map<String, Object> link = new LinkedHashMap<>();
                    link.put("aggregateId", person);
                    link.put("eventId", rs.getString(1));
                    link.put("sequence", rs.getLong(2));
                    link.put("hash", ChainLink.hashIn(rs.getBytes(3)));
                    return link;
                }).single();
    }
}
