package dev.docket.bench;

import dev.docket.events.privacy.SealedText;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * What sealing personal data costs per command, measured in this process beside the run: a comment's payload as
 * the command service stores it (parse, seal the body with AES-256-GCM, write) and as the query service reads it
 * (parse, open the body). One core, no database: the key lookups are cached on both sides.
 */
final class SealingCost {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 200_000;

    private SealingCost() {
    }

    static String measure() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        SecretKey key = new SecretKeySpec(bytes, "AES");
        UUID keyId = UUID.randomUUID();
        JsonMapper json = JsonMapper.builder().build();
        byte[] payload = json.writeValueAsBytes(json.createObjectNode()
                .put("ticketId", UUID.randomUUID().toString()).put("commentId", UUID.randomUUID().toString())
                .put("author", UUID.randomUUID().toString()).put("visibility", "public")
                .put("body", "The printer on the third floor is out of toner again; could someone bring a new "
                        + "cartridge before the afternoon meeting? It is the HP next to the kitchen, thanks."));
        byte[] sealed = seal(json, payload, key, keyId);
        for (int i = 0; i < WARM_UP; i++) {
            open(json, seal(json, payload, key, keyId), key);
        }
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            sealed = seal(json, payload, key, keyId);
        }
        long sealing = System.nanoTime() - start;
        start = System.nanoTime();
        int length = 0;
        for (int i = 0; i < MEASURED; i++) {
            length += open(json, sealed, key).length();
        }
        long opening = System.nanoTime() - start;
        return "sealing a comment's payload (parse, AES-256-GCM, write): %.1f us; opening it: %.1f us (%,d times each, "
                .formatted(sealing / 1_000.0 / MEASURED, opening / 1_000.0 / MEASURED, MEASURED)
                + "one thread, " + (length > 0 ? "checked" : "empty") + ")";
    }

    private static byte[] seal(JsonMapper json, byte[] payload, SecretKey key, UUID keyId) {
        ObjectNode node = (ObjectNode) json.readTree(payload);
        node.put("body", SealedText.seal(key, keyId, "body", node.get("body").asString()));
        return json.writeValueAsBytes(node);
    }

    private static String open(JsonMapper json, byte[] sealed, SecretKey key) {
        ObjectNode node = (ObjectNode) json.readTree(sealed);
        return SealedText.open(key, "body", node.get("body").asString());
    }
}
