package dev.docket.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used by processes while something runs, read from the operating system (on Linux, {@code /proc}):
 * a service's JVM, and PostgreSQL's processes (every backend and helper). CPU time per command is far less
 * distorted by a noisy neighbour than throughput is: a neighbour takes cores away, it does not make our code do
 * more work.
 */
final class CpuTime {

    private final ProcessHandle service;
    private final long serviceStart;
    private final Map<Long, Long> databaseStart;

    private CpuTime(ProcessHandle service) {
        this.service = service;
        this.serviceStart = service == null ? 0 : nanos(service);
        this.databaseStart = database();
    }

    /** Starts counting the CPU of {@code service} (null: PostgreSQL's only) and of PostgreSQL. */
    static CpuTime start(ProcessHandle service) {
        return new CpuTime(service);
    }

    /** What was used since {@link #start}. */
    Used stop() {
        long serviceUsed = service == null ? 0 : nanos(service) - serviceStart;
        long databaseUsed = 0;
        for (Map.Entry<Long, Long> now : database().entrySet()) {
            // a backend that started meanwhile counts whole; one that ended meanwhile is lost (the pools keep theirs)
            databaseUsed += now.getValue() - databaseStart.getOrDefault(now.getKey(), 0L);
        }
        return new Used(serviceUsed, databaseUsed);
    }

    /** Nanoseconds of CPU (user and system) of the service and of PostgreSQL. */
    record Used(long serviceNanos, long databaseNanos) {
    }

    private static Map<Long, Long> database() {
        Map<Long, Long> cpu = new HashMap<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .forEach(p -> cpu.put(p.pid(), nanos(p)));
        return cpu;
    }

    private static long nanos(ProcessHandle process) {
        Optional<Duration> cpu = process.info().totalCpuDuration();
        return cpu.map(Duration::toNanos).orElse(0L);
    }
}
