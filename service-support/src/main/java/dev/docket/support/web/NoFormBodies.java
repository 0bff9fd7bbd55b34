package dev.docket.support.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Docket takes JSON and multipart bodies only. Spring Boot's form-content filter would parse an
 * {@code application/x-www-form-urlencoded} body of any PUT, PATCH or DELETE before anything else, and a malformed
 * one ({@code %} without two hex digits) failed there, outside the problem answers, as a 500. Without the filter such
 * a body reaches Spring MVC and is refused with 415 like every other unsupported media type. A service that sets
 * the property itself keeps its choice.
 */
public class NoFormBodies implements EnvironmentPostProcessor {

    static final String PROPERTY = "spring.mvc.formcontent.filter.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("docket-no-form-bodies",
                Map.of(PROPERTY, "false")));
    }
}
