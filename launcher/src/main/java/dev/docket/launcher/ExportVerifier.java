package dev.docket.launcher;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an audit export without Docket (docs/security.md): that every line is as written (each is the compact JSON it
 * parses to), every event's link holds exactly the fields beside it and hashes to its hash, each aggregate's chain
 * runs from its genesis without a gap or a swap, every checkpoint and the seal carry a valid Ed25519 signature of the
 * trusted key, each checkpoint's head matches the event it names, and the seal's digest and heads match the file. A
 * problem names the line it is found on (and the aggregate and sequence number where there is one); the first
 * problem of a changed, removed or reordered line is on that line, or on the one after a removed one.
 */
public final class ExportVerifier {

    static final String FORMAT = "docket-audit-export-v1";
    private static final String GENESIS = "0".repeat(64);
    private static final byte[] TAG = "docket-chain-v1".getBytes(StandardCharsets.UTF_8);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PROBLEMS = 100;

    /** Where the check found something wrong: a 1-based line, and the aggregate and sequence when it concerns one. */
    public record Problem(long line, String aggregateId, Long sequence, String detail) {

        @Override
        public String toString() {
            return "line " + line + (aggregateId == null ? "" : " (aggregate " + aggregateId
                    + (sequence == null ? "" : ", sequence " + sequence) + ")") + ": " + detail;
        }
    }

    /**
     * @param keyFromFile whether the signatures were checked against the key the file names (no trusted key given)
     * @param keySha256   SHA-256 of the key checked against (DER), to compare with the auditor's own copy
     */
    public record Report(boolean intact, long lines, long events, int aggregates, int checkpoints, boolean keyFromFile,
                  String keySha256, String scope, String exportedAt, List<Problem> problems) {
    }

    /** One aggregate's chain as read so far. */
    private static final class Chain {
        long next;
        String hash = GENESIS;
        final Map<Long, String> hashes = new HashMap<>();
    }

    private final PublicKey trusted;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Chain> chains = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final List<JsonNode> checkpointHeads = new ArrayList<>();
    private final List<Long> checkpointLines = new ArrayList<>();
    private final MessageDigest digest = sha256();
    private PublicKey key;
    private String current;
    private long line;
    private long events;
    private int checkpoints;
    private long lastCheckpoint;
    private boolean sealed;
    private String scope;
    private String exportedAt;
    private String exportedBy;

    private ExportVerifier(PublicKey trusted) {
        this.trusted = trusted;
    }

    /** Checks the export read from {@code in}; {@code trusted} is the auditor's copy of the key, or null. */
    public static Report verify(InputStream in, PublicKey trusted) throws IOException {
        ExportVerifier verifier = new ExportVerifier(trusted);
        verifier.read(in);
        return verifier.report();
    }

    private void read(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
        int b;
        boolean pending = false;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                line(buffer.toByteArray());
                buffer.reset();
                pending = false;
            } else {
                buffer.write(b);
                pending = true;
            }
        }
        if (pending) {
            line(buffer.toByteArray());
            problem(null, null, "the last line has no line feed: the file was cut or changed");
        }
        if (line == 0) {
            problem(null, null, "the file is empty");
        } else if (!sealed) {
            problem(null, null, "the file ends without its seal: it was cut short");
        }
    }

    private void line(byte[] bytes) {
        line++;
        if (sealed) {
            problem(null, null, "a line after the seal");
            return;
        }
        JsonNode node = parse(bytes);
        if (node == null) {
            digest(bytes);
            return;
        }
        if (line == 1) {
            header(node);
        } else if (node.has("link")) {
            event(node);
        } else if (node.has("checkpoint")) {
            checkpoint(node);
        } else if (node.has("seal")) {
            seal(node);
            return; // the seal is not part of what it digests
        } else {
            problem(null, null, "not an event, a checkpoint or the seal");
        }
        digest(bytes);
    }

    private void digest(byte[] bytes) {
        digest.update(bytes);
        digest.update((byte) '\n');
    }

    /** The line as JSON, when it is exactly the compact JSON it parses to (a changed byte of it is not). */
    private JsonNode parse(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject() || !JSON.writeValueAsString(node).equals(text)) {
                problem(null, null, "the line is not as written (not the compact JSON object the export writes)");
                return null;
            }
            return node;
        } catch (CharacterCodingException | JacksonException e) {
            problem(null, null, "the line is not valid JSON in UTF-8");
            return null;
        }
    }

    private void header(JsonNode node) {
        if (!FORMAT.equals(text(node, "format"))) {
            problem(null, null, "not a " + FORMAT + " file (its first line names the format)");
            return;
        }
        scope = text(node, "scope");
        exportedAt = text(node, "exportedAt");
        exportedBy = text(node, "exportedBy");
        // base64 exactly as written: a flip in the spare bits of its last character would name the same key
        byte[] encoded = base64(node, "publicKey");
        PublicKey named = encoded == null ? null : publicKey(Base64.getEncoder().encodeToString(encoded));
        if (named == null) {
            problem(null, null, "the public key the file names is not an Ed25519 key");
        } else if (!HexFormat.of().formatHex(sha256().digest(named.getEncoded())).equals(text(node,
                "publicKeySha256"))) {
            problem(null, null, "publicKeySha256 is not the SHA-256 of the key the file names");
        } else if (trusted != null && !java.util.Arrays.equals(trusted.getEncoded(), named.getEncoded())) {
            problem(null, null, "the file names another key than the trusted one");
        }
        key = trusted != null ? trusted : named;
    }

    private void event(JsonNode node) {
        String aggregate = text(node, "aggregateId");
        long sequence = node.path("sequenceNumber").asLong(-1);
        if (checkpoints > 0) {
            problem(aggregate, sequence, "an event after the checkpoints: lines were moved");
            return;
        }
        byte[] link = base64(node, "link");
        if (link == null) {
            problem(aggregate, sequence, "the link is not base64");
            return;
        }
        List<byte[]> fields = fields(link);
        if (fields == null) {
            problem(aggregate, sequence, "the link is not a chain link of format docket-chain-v1");
            return;
        }
        long linkSequence = ByteBuffer.wrap(fields.get(3)).getLong();
        String[] names = {"previousHash", "aggregateId", null, "eventId", "aggregateType", "timestamp", "payloadType",
                "payloadRevision", "payload", "metaData"};
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                continue;
            }
            byte[] field = fields.get(i + 1);
            String expected = field == null ? null : new String(field, StandardCharsets.UTF_8);
            String stated = node.has(names[i]) && !node.get(names[i]).isNull() ? node.get(names[i]).asString() : null;
            if (!java.util.Objects.equals(expected, stated)) {
                problem(aggregate, sequence, names[i] + " differs from the one its link holds");
                return;
            }
        }
        if (linkSequence != sequence) {
            problem(aggregate, sequence, "sequenceNumber differs from the one its link holds (" + linkSequence + ")");
            return;
        }
        String hash = HexFormat.of().formatHex(sha256().digest(link));
        if (!hash.equals(text(node, "hash"))) {
            problem(aggregate, sequence, "the link does not hash to the event's hash: the event was changed");
            return;
        }
        if (!aggregate.equals(current)) {
            if (finished.contains(aggregate) || chains.containsKey(aggregate)) {
                problem(aggregate, sequence, "this aggregate's events resume after another's: events were moved");
                return;
            }
            if (current != null) {
                finished.add(current);
            }
            current = aggregate;
            chains.put(aggregate, new Chain());
        }
        Chain chain = chains.get(aggregate);
        if (sequence != chain.next) {
            problem(aggregate, sequence, sequence > chain.next ? "sequence " + chain.next + " is missing before it"
                    : "out of order: sequence " + chain.next + " was expected");
            chain.next = sequence + 1;
            chain.hash = hash;
            return;
        }
        if (!chain.hash.equals(text(node, "previousHash"))) {
            problem(aggregate, sequence, "its previous hash is not the hash of the event before it");
        }
        chain.hashes.put(sequence, hash);
        chain.hash = hash;
        chain.next++;
        events++;
    }

    /** The link's fields (tag, previous hash, aggregate, sequence as 8 bytes, ...), or null if it is not one. */
    private static List<byte[]> fields(byte[] link) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(link))) {
            List<byte[]> fields = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                if (i == 3) {
                    fields.add(in.readNBytes(8));
                    if (fields.getLast().length != 8) {
                        return null;
                    }
                    continue;
                }
                int length = in.readInt();
                if (length < -1 || length > in.available()) {
                    return null;
                }
                fields.add(length == -1 ? null : in.readNBytes(length));
            }
            return in.available() == 0 && java.util.Arrays.equals(fields.getFirst(), TAG) ? fields : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void checkpoint(JsonNode node) {
        byte[] body = signed(node, "checkpoint");
        if (body == null) {
            return;
        }
        checkpoints++;
        JsonNode checkpoint;
        try {
            checkpoint = JSON.readTree(body);
        } catch (JacksonException e) {
            problem(null, null, "the signed checkpoint is not JSON");
            return;
        }
        long number = checkpoint.path("sequence").asLong();
        if (number <= lastCheckpoint) {
            problem(null, null, "checkpoint " + number + " comes after checkpoint " + lastCheckpoint
                    + ": the export lists them in order, so lines were moved");
        }
        lastCheckpoint = number;
        for (JsonNode head : checkpoint.path("heads")) {
            checkpointHeads.add(head);
            checkpointLines.add(line);
        }
    }

    private void seal(JsonNode node) {
        sealed = true;
        String computed = HexFormat.of().formatHex(digest.digest());
        byte[] body = signed(node, "seal");
        if (body == null) {
            return;
        }
        JsonNode seal;
        try {
            seal = JSON.readTree(body);
        } catch (JacksonException e) {
            problem(null, null, "the signed seal is not JSON");
            return;
        }
        for (String member : List.of("scope", "exportedAt", "exportedBy")) {
            String header = switch (member) {
                case "scope" -> scope;
                case "exportedAt" -> exportedAt;
                default -> exportedBy;
            };
            if (!java.util.Objects.equals(header, text(seal, member))) {
                problems.add(new Problem(1, null, null, member + " differs from the sealed one"));
            }
        }
        if (seal.path("checkpoints").asInt() != checkpoints) {
            problem(null, null, "the seal counts " + seal.path("checkpoints").asInt() + " checkpoints; the file "
                    + "holds " + checkpoints + " with a valid signature");
        }
        if (!computed.equals(text(seal, "sha256")) || seal.path("lines").asLong() != line - 1) {
            problem(null, null, "the file before the seal is not what was sealed (" + seal.path("lines").asLong()
                    + " lines, SHA-256 " + text(seal, "sha256") + "; found " + (line - 1) + " lines, " + computed + ")");
        }
        Set<String> sealedAggregates = new HashSet<>();
        for (JsonNode aggregate : seal.path("aggregates")) {
            String id = text(aggregate, "aggregateId");
            sealedAggregates.add(id);
            Chain chain = chains.get(id);
            long head = aggregate.path("headSequence").asLong();
            if (chain == null || chain.next != head + 1 || !chain.hash.equals(text(aggregate, "headHash"))) {
                problem(id, head, "the seal vouches for events up to this one, and the file's chain "
                        + (chain == null ? "holds none of them" : "ends at sequence " + (chain.next - 1)));
            }
        }
        for (String id : chains.keySet()) {
            if (!sealedAggregates.contains(id)) {
                problem(id, null, "the file holds events of an aggregate the seal does not name");
            }
        }
        for (int i = 0; i < checkpointHeads.size(); i++) {
            JsonNode head = checkpointHeads.get(i);
            Chain chain = chains.get(text(head, "aggregateId"));
            if (chain == null) {
                continue; // the checkpoint covers other aggregates too
            }
            long sequence = head.path("sequenceNumber").asLong();
            String hash = chain.hashes.get(sequence);
            if (hash == null) {
                problems.add(new Problem(checkpointLines.get(i), text(head, "aggregateId"), sequence,
                        "a signed checkpoint vouches for this event, which the file does not hold"));
            } else if (!hash.equals(text(head, "hash"))) {
                problems.add(new Problem(checkpointLines.get(i), text(head, "aggregateId"), sequence,
                        "a signed checkpoint vouches for another hash of this event: it was rewritten"));
            }
        }
    }

    /** The base64 {@code member}'s bytes, when {@code signature} is the trusted key's signature of them. */
    private byte[] signed(JsonNode node, String member) {
        byte[] body = base64(node, member);
        byte[] signature = base64(node, "signature");
        if (body == null || signature == null) {
            problem(null, null, "the " + member + " or its signature is not base64");
            return null;
        }
        if (key == null || !verifies(key, body, signature)) {
            problem(null, null, "the " + member + "'s signature is not the " + (trusted != null ? "trusted" : "named")
                    + " key's");
            return null;
        }
        return body;
    }

    /** The member's bytes when it is base64 exactly as the export writes it (padded, no spare bits); else null. */
    private static byte[] base64(JsonNode node, String member) {
        String text = text(node, member);
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private Report report() {
        byte[] der = key == null ? new byte[0] : key.getEncoded();
        List<Problem> listed = problems.stream().sorted(java.util.Comparator.comparingLong(Problem::line))
                .limit(MAX_PROBLEMS).toList();
        return new Report(problems.isEmpty(), line, events, chains.size(), checkpoints, trusted == null,
                HexFormat.of().formatHex(sha256().digest(der)), scope, exportedAt, listed);
    }

    private void problem(String aggregate, Long sequence, String detail) {
        problems.add(new Problem(line, aggregate, sequence, detail));
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || !value.isString() ? null : value.asString();
    }

    /** An Ed25519 public key from base64 (X.509 DER) or PEM text; null when it is not one. */
    public static PublicKey publicKey(String text) {
        if (text == null) {
            return null;
        }
        try {
            String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean verifies(PublicKey key, byte[] content, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(content);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
