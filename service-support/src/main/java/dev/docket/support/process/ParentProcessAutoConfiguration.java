package dev.docket.support.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.Optional;

/**
 * Ends the service when the process that started it is gone, however it went: {@code ./docket up} sets
 * {@value #PROPERTY} to its own pid, so a launcher killed with {@code kill -9} (no shutdown hook runs) does not leave
 * the services holding their ports. The service stops as on SIGTERM, gracefully. Without the property (a service
 * run on its own, in a container, under a supervisor) nothing is watched.
 */
@AutoConfiguration
@ConditionalOnProperty(ParentProcessAutoConfiguration.PROPERTY)
public class ParentProcessAutoConfiguration {

    /** The pid to outlive no longer than a few seconds; {@code DOCKET_PARENT_PID} in the environment. */
    public static final String PROPERTY = "docket.parent-pid";

    private static final Logger log = LoggerFactory.getLogger(ParentProcessAutoConfiguration.class);

    /** Watches the parent from the start, so a service still starting is not left behind either. */
    @Bean
    ParentWatch parentWatch(Environment environment) {
        long pid = Long.parseLong(environment.getRequiredProperty(PROPERTY).strip());
        Optional<ProcessHandle> parent = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (parent.isEmpty()) {
            exit(pid);
        } else {
            // for a process that is not our child, the JDK checks about every 0.3 s, slowing to every 5 s
            parent.get().onExit().thenRun(() -> exit(pid));
        }
        return new ParentWatch(pid);
    }

    /** The watched pid, for whoever wants to know. */
    public record ParentWatch(long pid) {
    }

    private static void exit(long pid) {
        log.warn("The process that started this service (pid {}) is gone; stopping.", pid);
        // System.exit runs the shutdown hooks, so the service stops as it does on SIGTERM
        Thread stopper = new Thread(() -> System.exit(0), "docket-parent-gone");
        stopper.start();
    }
}
