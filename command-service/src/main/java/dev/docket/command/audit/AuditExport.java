package dev.docket.command.audit;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an audit export: a self-contained JSON Lines file an auditor checks without Docket (docs/security.md). Line
 * 1 names the format, the scope and the public key; then every stored event of each aggregate in scope, from its
 * first, with its chain link (the exact bytes its hash is the SHA-256 of) beside the stored fields; then the signed
 * checkpoints that vouch for those aggregates' heads, as published; last, a seal signed with the checkpoint key: the
 * SHA-256 of every byte before it and each aggregate's head, so a removed, added, reordered or changed byte or event
 * is detected, and the export is complete for the moment it was made. Sealed personal fields stay sealed: an erased
 * person's texts are ciphertext under a destroyed key, and the chain over them still verifies.
 *
 * <p>Lines are written by a mapper of its own, not the application's: the file's bytes are a format, and must not
 * follow a change of the API's JSON settings. Every line is the mapper's compact form, which the verifier checks.
 */
public final class AuditExport {

    public static final String FORMAT = "docket-audit-export-v1";
    static final String MEDIA_TYPE = "application/x-ndjson";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "aggregate_identifier, sequence_number, event_identifier, type, time_stamp, "
            + "payload_type, payload_revision, payload, meta_data";

    /** What to export: one aggregate's events, or those of every ticket with an event in {@code [from, to)}. */
    public record Scope(@Nullable String aggregateId, @Nullable Instant from, @Nullable Instant to) {

        String describe() {
            return aggregateId != null ? "aggregate " + aggregateId
                    : "tickets with events from " + from + " to " + to;
        }
    }

    /** One aggregate's events as the export left them. */
    private record Head(long events, long sequence, String hash) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditSigner signer;
    private final String publicKey;

    /** @param transactions the application's: the events stream through a cursor, which needs a transaction */
    AuditExport(JdbcTemplate jdbc, TransactionTemplate transactions, AuditSigner signer, String publicKey) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.signer = signer;
        this.publicKey = publicKey;
    }

    /** How many events the scope holds now (0: nothing to export). */
    public long count(Scope scope) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE " + condition(scope), Long.class,
                arguments(scope));
    }

    /**
     * Writes the export of {@code scope} to {@code out}, the events read by one statement: one snapshot of the store.
     *
     * @param anchors what the signed checkpoints vouch for, with their bytes
     */
    public void write(Scope scope, String exportedBy, CheckpointLedger.Anchors anchors, OutputStream out) {
        Writer writer = new Writer(out);
        Instant exportedAt = Instant.now();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", FORMAT);
        header.put("scope", scope.describe());
        header.put("exportedAt", exportedAt.toString());
        header.put("exportedBy", exportedBy);
        header.put("publicKey", publicKey);
        header.put("publicKeySha256", HexFormat.of().formatHex(ChainLink.sha256().digest(
                Base64.getMimeDecoder().decode(publicKey))));
        writer.line(header);
        Map<String, Head> heads = new TreeMap<>();
        transactions.executeWithoutResult(status -> jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM domain_event_entry WHERE "
                    + condition(scope) + " ORDER BY aggregate_identifier, sequence_number");
            statement.setFetchSize(500);
            Object[] arguments = arguments(scope);
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            return statement;
        }, rs -> {
            ChainLink link = new ChainLink(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9));
            Head before = heads.get(link.aggregateId());
            String previous = before == null ? ChainLink.GENESIS : before.hash();
            String hash = link.storedHash();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("aggregateId", link.aggregateId());
            event.put("aggregateType", link.aggregateType());
            event.put("sequenceNumber", link.sequenceNumber());
            event.put("eventId", link.eventId());
            event.put("timestamp", link.timestamp());
            event.put("payloadType", link.payloadType());
            event.put("payloadRevision", link.payloadRevision());
            event.put("payload", new String(link.payload(), StandardCharsets.UTF_8));
            event.put("metaData", new String(ChainLink.canonicalMetaData(link.metaData()), StandardCharsets.UTF_8));
            event.put("previousHash", previous);
            event.put("hash", hash);
            event.put("link", Base64.getEncoder().encodeToString(link.canonicalForm(previous)));
            writer.line(event);
            heads.put(link.aggregateId(), new Head(before == null ? 1 : before.events() + 1, link.sequenceNumber(),
                    hash == null ? "" : hash));
        }));
        List<Long> checkpoints = heads.keySet().stream().map(anchors.heads()::get)
                .filter(java.util.Objects::nonNull).map(CheckpointLedger.Anchor::checkpoint).distinct().sorted()
                .toList();
        for (long sequence : checkpoints) {
            CheckpointLedger.Signed signed = anchors.signed().get(sequence);
            if (signed != null) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("checkpoint", Base64.getEncoder().encodeToString(signed.body()));
                line.put("signature", signed.signature());
                writer.line(line);
            }
        }
        List<Map<String, Object>> aggregates = new ArrayList<>();
        heads.forEach((id, head) -> {
            Map<String, Object> aggregate = new LinkedHashMap<>();
            aggregate.put("aggregateId", id);
            aggregate.put("events", head.events());
            aggregate.put("headSequence", head.sequence());
            aggregate.put("headHash", head.hash());
            aggregates.add(aggregate);
        });
        Map<String, Object> seal = new LinkedHashMap<>();
        seal.put("format", FORMAT);
        seal.put("scope", scope.describe());
        seal.put("exportedAt", exportedAt.toString());
        seal.put("exportedBy", exportedBy);
        seal.put("lines", writer.lines);
        seal.put("sha256", HexFormat.of().formatHex(writer.digest.digest()));
        seal.put("events", heads.values().stream().mapToLong(Head::events).sum());
        seal.put("checkpoints", checkpoints.size());
        seal.put("aggregates", aggregates);
        byte[] sealed = JSON.writeValueAsBytes(seal);
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("seal", Base64.getEncoder().encodeToString(sealed));
        last.put("signature", Base64.getEncoder().encodeToString(signer.sign(sealed)));
        writer.line(last);
        writer.flush();
    }

    private static String condition(Scope scope) {
        return scope.aggregateId() != null ? "aggregate_identifier = ?"
                : "aggregate_identifier IN (SELECT DISTINCT aggregate_identifier FROM domain_event_entry "
                + "WHERE type = 'Ticket' AND time_stamp::timestamptz >= ? AND time_stamp::timestamptz < ?)";
    }

    private static Object[] arguments(Scope scope) {
        return scope.aggregateId() != null ? new Object[] {scope.aggregateId()}
                : new Object[] {java.sql.Timestamp.from(scope.from()), java.sql.Timestamp.from(scope.to())};
    }

    /** Writes lines, counting them and hashing every byte. */
    private static final class Writer {

        private final OutputStream out;
        private final MessageDigest digest = ChainLink.sha256();
        private long lines;

        Writer(OutputStream out) {
            this.out = out;
        }

        void line(Object value) {
            byte[] bytes = JSON.writeValueAsBytes(value);
            try {
                out.write(bytes);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            digest.update(bytes);
            digest.update((byte) '\n');
            lines++;
        }

        void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
