package dev.docket.command.eventstore;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.docket.support.transaction.AfterCommit;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate cache, holding only committed states, each lent to one command at a time.
 *
 * <p>Axon caches the aggregate object itself, and a command changes that object in place. Axon's own guard (it
 * evicts on the unit of work's rollback, and its lock keeps other commands out until the unit of work ends) does
 * not hold when the unit of work runs inside a longer Spring transaction, as ours do (the idempotency key commits
 * with the events): the unit of work ends before the database commits, so another command could read a state
 * whose events then roll back, and decide on something that never happened. So here:
 * <ul>
 *     <li>{@link #get} takes the entry out: while a command works on a state, no other command can see it, and a
 *     concurrent command of the same ticket loads from the event store instead (then one of the two loses the
 *     append race and is retried);</li>
 *     <li>{@link #put} waits for the database: the state is cached after its transaction commits, never when it
 *     rolls back.</li>
 * </ul>
 * An entry can still be older than the store (another instance appended since): the append of the next event then
 * collides on the (aggregate, sequence) key, the command is retried on a fresh load, and nothing is lost. Bounded by
 * count; the least recently used tickets go first. Its upkeep (the eviction order) runs in the writing thread, not
 * on the common pool: every command writes here, and handing each write's upkeep to a pool thread cost more than
 * the upkeep itself.
 */
final class CommittedAggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

    CommittedAggregateCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.asMap().remove(key);
    }

    @Override
    public void put(Object key, Object value) {
        AfterCommit.run(() -> entries.put(key, value));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        AfterCommit.run(() -> entries.asMap().putIfAbsent(key, value));
        return true;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    /** Axon registers no listeners on aggregate caches; nothing here would call one. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache has no entry listeners");
    }
}
