package dev.docket.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Linux's clock ticks per second for {@code /proc} times (USER_HZ), the same on every common kernel. */
    private static final long TICKS_PER_SECOND = 100;

    private final ProcessHandle service;
    private final long serviceStart;
    private final long serviceJitStart;
    private final Map<Long, Long> databaseStart;

    private CpuTime(ProcessHandle service) {
        this.service = service;
        this.serviceStart = service == null ? 0 : nanos(service);
        this.serviceJitStart = service == null ? 0 : jitNanos(service);
        this.databaseStart = database();
    }

    /** Starts counting the CPU of {@code service} (null: PostgreSQL's only) and of PostgreSQL. */
    static CpuTime start(ProcessHandle service) {
        return new CpuTime(service);
    }

    /** What was used since {@link #start}. */
    Used stop() {
        long serviceUsed = service == null ? 0 : nanos(service) - serviceStart;
        long serviceJit = service == null ? 0 : jitNanos(service) - serviceJitStart;
        long databaseUsed = 0;
        for (Map.Entry<Long, Long> now : database().entrySet()) {
            // a backend that started meanwhile counts whole; one that ended meanwhile is lost (the pools keep theirs)
            databaseUsed += now.getValue() - databaseStart.getOrDefault(now.getKey(), 0L);
        }
        return new Used(serviceUsed, serviceJit, databaseUsed);
    }

    /**
     * Nanoseconds of CPU (user and system) of the service, of which its JIT compiler threads used {@code jitNanos},
     * and of PostgreSQL. A JVM compiles for minutes after it starts; what remains without the compiler is the work
     * each command costs once it has settled.
     */
    record Used(long serviceNanos, long jitNanos, long databaseNanos) {
    }

    /** CPU of the process's JIT compiler threads ({@code C1 CompilerThre...}, {@code C2 CompilerThre...}). */
    private static long jitNanos(ProcessHandle process) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (IOException | RuntimeException threadEnded) {
                    // a thread that ended between listing and reading has nothing more to count
                }
            }
        } catch (IOException notLinux) {
            return 0;
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
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
