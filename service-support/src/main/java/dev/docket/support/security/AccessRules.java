package dev.docket.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own URL rules, in one place per service so the authorization matrix test can be read beside them.
 * Applied after the shared rules (health open, other actuator endpoints for admins) and before the last one: any
 * other request needs an authenticated caller.
 */
@FunctionalInterface
public interface AccessRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
