package dev.docket.query.api;

import dev.docket.support.security.AccessRole;
import dev.docket.support.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which query endpoint. Requesters read tickets, counts and history, limited to their own tickets by
 * {@link Viewer}; auditors read a ticket's view (as it is or as it was), its diffs and history, the audit log and the
 * service-level reports (with agents); the read-model operations are for admins. The
 * authorization matrix test holds the expected answer of every endpoint for every role.
 */
@Configuration(proxyBeanMethods = false)
class QueryAccessRules {

    private static final String REQUESTER = AccessRole.REQUESTER.name();
    private static final String AGENT = AccessRole.AGENT.name();
    private static final String ADMIN = AccessRole.ADMIN.name();
    private static final String AUDITOR = AccessRole.AUDITOR.name();

    @Bean
    AccessRules queryEndpointRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/tickets/count").hasAnyRole(REQUESTER, AGENT, ADMIN)
                .requestMatchers("/api/views", "/api/views/*").hasAnyRole(REQUESTER, AGENT, ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/tickets/*", "/api/tickets/*/history", "/api/tickets/*/diff")
                .hasAnyRole(REQUESTER, AGENT, ADMIN, AUDITOR)
                .requestMatchers(HttpMethod.GET, "/api/tickets", "/api/stats/*", "/api/changes")
                .hasAnyRole(REQUESTER, AGENT, ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/people").hasAnyRole(AGENT, ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/audit").hasAnyRole(ADMIN, AUDITOR)
                .requestMatchers(HttpMethod.GET, "/api/sla/counts", "/api/sla/attainment")
                .hasAnyRole(AGENT, ADMIN, AUDITOR)
                .requestMatchers(HttpMethod.POST, "/api/sla/what-if").hasRole(ADMIN)
                .requestMatchers("/api/admin/**").hasRole(ADMIN)
                .requestMatchers("/api/**").denyAll();
    }
}
