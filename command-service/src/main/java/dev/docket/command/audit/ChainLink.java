package dev.docket.command.audit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One link of an aggregate's hash chain: SHA-256 over a canonical form of the previous link's hash and everything
 * stored about the event. Changing any byte of the payload or metadata, the event's identity, its place in the
 * aggregate or its time, deleting an event, or reordering events, changes the hash of that event or its successor.
 *
 * <p>The canonical form (version 1) is a sequence of length-prefixed fields, so no two different events share one:
 * the tag {@code docket-chain-v1}, the previous hash, aggregate id, sequence number, event id, aggregate type,
 * timestamp (as stored), payload type, payload revision, the payload's stored bytes, and the metadata without
 * {@value #HASH_KEY} as JSON with its keys sorted. The first event's previous hash is {@link #GENESIS}. Each field
 * is a 4-byte big-endian length (-1 for none) followed by its bytes (UTF-8 for text); the sequence number is an
 * 8-byte big-endian integer. docs/security.md shows the layout to auditors.
 */
public record ChainLink(String aggregateId, long sequenceNumber, String eventId, String aggregateType,
                        String timestamp, String payloadType, String payloadRevision, byte[] payload,
                        byte[] metaData) {

    /** The metadata key that holds each event's link hash. */
    public static final String HASH_KEY = "chainHash";
    /** The previous hash of an aggregate's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] TAG = "docket-chain-v1".getBytes(StandardCharsets.UTF_8);

    /** This event's hash (lower-case hex) when the previous event's hash is {@code previousHash}. */
    public String hash(String previousHash) {
        return hash(previousHash, canonicalMetaData(metaData));
    }

    /**
     * As {@link #hash(String)}, with the metadata's canonical form already known ({@link #canonicalMetaData(Map)}):
     * the writer's way, which need not parse the JSON it is about to store.
     */
    public String hash(String previousHash, byte[] canonicalMetaData) {
        return HexFormat.of().formatHex(sha256().digest(canonicalForm(previousHash, canonicalMetaData)));
    }

    /**
     * The exact bytes this event's hash is the SHA-256 of, when the previous event's hash is {@code previousHash}: what
     * an audit export carries per event, so an auditor checks each link with {@code sha256sum}.
     */
    public byte[] canonicalForm(String previousHash) {
        return canonicalForm(previousHash, canonicalMetaData(metaData));
    }

    private byte[] canonicalForm(String previousHash, byte[] canonicalMetaData) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, TAG);
            field(out, previousHash);
            field(out, aggregateId);
            out.writeLong(sequenceNumber);
            field(out, eventId);
            field(out, aggregateType);
            field(out, timestamp);
            field(out, payloadType);
            field(out, payloadRevision);
            field(out, payload);
            field(out, canonicalMetaData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The hash this event's stored metadata claims, or null when it has none. */
    public String storedHash() {
        return hashIn(metaData);
    }

    /** The link hash in stored metadata, or null when it has none (or the metadata is not a JSON object). */
    public static String hashIn(byte[] metaData) {
        if (metaData == null || metaData.length == 0) {
            return null;
        }
        JsonNode hash = JSON.readTree(metaData).get(HASH_KEY);
        return hash == null || !hash.isString() ? null : hash.asString();
    }

    /** The metadata as JSON with sorted keys and without the link hash; empty for none. */
    public static byte[] canonicalMetaData(byte[] metaData) {
        if (metaData == null || metaData.length == 0) {
            return new byte[0];
        }
        JsonNode tree = JSON.readTree(metaData);
        if (tree instanceof ObjectNode object) {
            object.remove(HASH_KEY);
        }
        return JSON.writeValueAsBytes(sorted(tree));
    }

    /**
     * The canonical form of metadata about to be stored, from the map itself: the same bytes
     * {@link #canonicalMetaData(byte[])} finds in the stored JSON when every value is text (a string is written back
     * exactly as it was read). Null when a value is anything else: then only the stored bytes settle its form.
     */
    public static byte[] canonicalMetaData(Map<String, ?> metaData) {
        Map<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<String, ?> entry : metaData.entrySet()) {
            if (!(entry.getValue() instanceof String)) {
                return null;
            }
            if (!HASH_KEY.equals(entry.getKey())) {
                sorted.put(entry.getKey(), entry.getValue());
            }
        }
        return JSON.writeValueAsBytes(sorted);
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            return fields;
        }
        if (node.isArray()) {
            return node.valueStream().map(ChainLink::sorted).toList();
        }
        return node;
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
