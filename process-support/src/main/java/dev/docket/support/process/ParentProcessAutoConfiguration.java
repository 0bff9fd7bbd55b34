package dev.docket.support.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the service when the process that started it is gone, however it went: {@code ./docket up} sets
 * {@value #PROPERTY} to its own pid, so a launcher killed with {@code kill -9} (no shutdown hook runs) does not leave
 * the services holding their ports. The parent is checked every second (Spring's scheduler; {@code
 * ProcessHandle.onExit} polls a process that is not our child with a pause that grows to 5 s); once it is gone the
 * service stops as on SIGTERM, gracefully, for at most two seconds, and then halts. Without the property (a service
 * run on its own, in a container, under a supervisor) nothing is watched.
 */
@AutoConfiguration
@ConditionalOnProperty(ParentProcessAutoConfiguration.PROPERTY)
@EnableScheduling
public class ParentProcessAutoConfiguration {

    /** The pid to outlive no longer than a few seconds; {@code DOCKET_PARENT_PID} in the environment. */
    public static final String PROPERTY = "docket.parent-pid";

    @Bean
    ParentWatch parentWatch(Environment environment) {
        long pid = Long.parseLong(environment.getRequiredProperty(PROPERTY).strip());
        return new ParentWatch(pid, ProcessHandle.of(pid));
    }

    /** Watches the parent from the start, so a service still starting is not left behind either. */
    public static final class ParentWatch {

        private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);
        /** How long a service may take to stop once its launcher is gone, before it halts. */
        private static final Duration GRACE = Duration.ofSeconds(2);

        private final long pid;
        private final Optional<ProcessHandle> parent;
        private final AtomicBoolean stopping = new AtomicBoolean();

        ParentWatch(long pid, Optional<ProcessHandle> parent) {
            this.pid = pid;
            this.parent = parent;
        }

        @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
        void check() {
            if (parent.filter(ProcessHandle::isAlive).isPresent() || !stopping.compareAndSet(false, true)) {
                return;
            }
            log.warn("The process that started this service (pid {}) is gone; stopping.", pid);
            // ... within a bound: what the launcher ran in-process (the local Kafka broker) died with it, and a
            // graceful stop would wait out each Kafka client's close timeout. Everything is in PostgreSQL already:
            // halting is a crash the services are built to survive (the fault suite kills them the same way).
            CompletableFuture.delayedExecutor(GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                log.warn("Still stopping {} s after the launcher went; halting.", GRACE.toSeconds());
                Runtime.getRuntime().halt(1);
            });
            // runs the shutdown hooks, so the service stops as it does on SIGTERM
            System.exit(0);
        }
    }
}
