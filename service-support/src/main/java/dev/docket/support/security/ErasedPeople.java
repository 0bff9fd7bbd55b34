package dev.docket.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Whether a token's subject is a person an erasure removed. Each service answers from its own store; a token of an
 * erased person no longer authenticates anywhere (401), whatever the identity provider still issues.
 */
public interface ErasedPeople {

    boolean isErased(String subject);

    /** Forgets what was remembered about the subject: the service has just erased them. */
    void forget(String subject);

    /**
     * Looks subjects up with {@code lookup} (only those that are person ids, UUIDs) and remembers each answer for ten
     * seconds: a person erased through another instance is refused here within that time, through this one at once.
     */
    static ErasedPeople remembering(Predicate<UUID> lookup) {
        Cache<String, Boolean> answers = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(10))
                .executor(Runnable::run).build();
        return new ErasedPeople() {
            @Override
            public boolean isErased(String subject) {
                return answers.get(subject, s -> {
                    try {
                        return lookup.test(UUID.fromString(s));
                    } catch (IllegalArgumentException notAPersonId) {
                        return false;
                    }
                });
            }

            @Override
            public void forget(String subject) {
                answers.invalidate(subject);
            }
        };
    }
}
