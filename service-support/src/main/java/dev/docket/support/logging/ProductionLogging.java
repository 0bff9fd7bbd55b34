package dev.docket.support.logging;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

import java.util.Map;

/**
 * In the {@code production} profile, console logs are Spring Boot's structured JSON in the Elastic Common Schema,
 * one object per line, with the MDC (correlation id, trace id) as fields, ready for any log pipeline. Locally they
 * stay readable lines. An explicit {@code logging.structured.format.console} (ecs, logstash, gelf) wins.
 */
public class ProductionLogging implements EnvironmentPostProcessor {

    static final String FORMAT = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of("production")) && !environment.containsProperty(FORMAT)) {
            environment.getPropertySources().addLast(new MapPropertySource("docket-production-logging",
                    Map.of(FORMAT, "ecs")));
        }
    }
}
