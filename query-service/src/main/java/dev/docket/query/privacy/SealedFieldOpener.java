package dev.docket.query.privacy;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.SecretKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The keys that open a batch's sealed fields, taken inside the batch's transaction. A key an erasure destroyed opens
 * nothing, also when this instance still holds it in memory: the batch takes a shared lock on each key it uses and
 * then reads {@code erased_data_key}, while the erasure's projection takes the same lock exclusively before it
 * records the key and replaces the person's texts. So either the erasure waits for this batch to commit (and then
 * replaces what it wrote), or this batch sees the key erased and writes the placeholder. Without the lock, a batch of
 * another partition holding the key could write a text just after the erasure replaced it.
 */
public class SealedFieldOpener {

    /** First key of the data-key advisory locks: "DKKY". */
    static final int LOCK_NAMESPACE = 0x444B4B59;

    private final JdbcClient jdbc;
    private final DataKeys dataKeys;

    SealedFieldOpener(JdbcClient jdbc, DataKeys dataKeys) {
        this.jdbc = jdbc;
        this.dataKeys = dataKeys;
    }

    /** The key for each id, empty where an erasure destroyed it. Called in the batch's transaction. */
    public Map<UUID, Optional<SecretKey>> keys(Set<UUID> keyIds) {
        if (keyIds.isEmpty()) {
            return Map.of();
        }
        UUID[] sorted = new TreeSet<>(keyIds).toArray(UUID[]::new);
        jdbc.sql("SELECT count(pg_advisory_xact_lock_shared(?, hashtext(k::text))) FROM unnest(?::uuid[]) k")
                .params(LOCK_NAMESPACE, sorted).query(Long.class).single();
        Set<UUID> erased = Set.copyOf(jdbc.sql("SELECT key_id FROM erased_data_key WHERE key_id = ANY (?::uuid[])")
                .param(sorted).query(UUID.class).list());
        Set<UUID> live = keyIds.stream().filter(id -> !erased.contains(id)).collect(Collectors.toSet());
        Map<UUID, Optional<SecretKey>> keys = new java.util.HashMap<>(live.isEmpty() ? Map.of() : dataKeys.resolve(live));
        erased.forEach(id -> keys.put(id, Optional.empty()));
        return keys;
    }
}
