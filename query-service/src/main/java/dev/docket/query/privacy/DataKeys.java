package dev.docket.query.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The data keys that open the topic's sealed personal fields: asked from the command service ({@code GET
 * /api/data-keys}, as a {@code consumer}) and kept in memory for a while. A key an erasure destroyed comes back as
 * empty. When the command service cannot be asked, nothing is guessed: the batch fails as transient and is retried.
 */
public class DataKeys {

    private static final int MAX_IDS = 200;

    private final @Nullable RestClient client;
    private final Cache<UUID, SecretKey> keys = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).executor(Runnable::run).build();

    /**
     * @param commandService the command service's client
     * @param token          the bearer token of a {@code consumer}; null when none is configured (then only events
     *                       without sealed fields can be read)
     */
    DataKeys(RestClient commandService, @Nullable String token) {
        this.client = token == null || token.isBlank() ? null : commandService.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token.strip()).build();
    }

    record DataKey(UUID keyId, String algorithm, String key) {
    }

    record DataKeySet(List<DataKey> keys, List<UUID> erased, List<UUID> unknown) {
    }

    /**
     * The key for each id: present, or empty when an erasure destroyed it.
     *
     * @throws TransientDataAccessResourceException when the command service cannot answer (retry later)
     * @throws IllegalStateException                when the command service never had one of the keys
     */
    public Map<UUID, Optional<SecretKey>> resolve(Set<UUID> ids) {
        Map<UUID, Optional<SecretKey>> resolved = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        for (UUID id : ids) {
            SecretKey key = keys.getIfPresent(id);
            if (key != null) {
                resolved.put(id, Optional.of(key));
            } else {
                missing.add(id);
            }
        }
        for (int from = 0; from < missing.size(); from += MAX_IDS) {
            DataKeySet answer = fetch(missing.subList(from, Math.min(from + MAX_IDS, missing.size())));
            for (DataKey key : answer.keys()) {
                SecretKey secret = new SecretKeySpec(Base64.getDecoder().decode(key.key()), "AES");
                keys.put(key.keyId(), secret);
                resolved.put(key.keyId(), Optional.of(secret));
            }
            answer.erased().forEach(id -> resolved.put(id, Optional.empty()));
            if (!answer.unknown().isEmpty()) {
                throw new IllegalStateException("the command service holds no data key " + answer.unknown());
            }
        }
        return resolved;
    }

    /** Forgets a key an erasure destroyed. */
    public void forget(UUID keyId) {
        keys.invalidate(keyId);
    }

    private DataKeySet fetch(List<UUID> ids) {
        if (client == null) {
            throw new TransientDataAccessResourceException("events carry sealed personal fields but no data key "
                    + "token is configured (DOCKET_DATA_KEYS_TOKEN: a token with the consumer role)");
        }
        try {
            DataKeySet answer = client.get().uri(uri -> uri.path("/api/data-keys").queryParam("id", ids.toArray()).build())
                    .retrieve().body(DataKeySet.class);
            if (answer == null) {
                throw new TransientDataAccessResourceException("the command service answered no data keys");
            }
            return answer;
        } catch (RestClientException e) {
            throw new TransientDataAccessResourceException("cannot get data keys from the command service: "
                    + e.getMessage(), e);
        }
    }
}
