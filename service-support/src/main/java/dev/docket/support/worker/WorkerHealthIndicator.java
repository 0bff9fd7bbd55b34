package dev.docket.support.worker;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.Map;
import java.util.function.Supplier;

/** Reports a background worker: UP or DOWN as it says, with its details (state, progress, last error). */
public final class WorkerHealthIndicator extends AbstractHealthIndicator {

    /** What a worker says about itself; {@code null} detail values are left out. */
    public record Report(boolean up, Map<String, Object> details) {
    }

    private final Supplier<Report> reports;

    public WorkerHealthIndicator(Supplier<Report> reports) {
        this.reports = reports;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Report report = reports.get();
        builder.status(report.up() ? "UP" : "DOWN");
        report.details().forEach((name, value) -> {
            if (value != null) {
                builder.withDetail(name, value instanceof Enum<?> || value instanceof java.time.Instant
                        ? value.toString() : value);
            }
        });
    }
}
