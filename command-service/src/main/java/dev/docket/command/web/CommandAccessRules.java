package dev.docket.command.web;

import dev.docket.support.security.AccessRole;
import dev.docket.support.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which command endpoint. Requesters open tickets, reply publicly and attach files, and the ticket
 * aggregate lets them do so on their own tickets only; everything else about tickets is for agents and admins,
 * people and service-level configuration are for admins, verifying the audit chain is for auditors (exporting it for
 * auditors and admins), and the data
 * keys that open the topic's sealed fields are for its consumers. The authorization matrix test holds the
 * expected answer of every endpoint for every role.
 */
@Configuration(proxyBeanMethods = false)
class CommandAccessRules {

    private static final String REQUESTER = AccessRole.REQUESTER.name();
    private static final String AGENT = AccessRole.AGENT.name();
    private static final String ADMIN = AccessRole.ADMIN.name();
    private static final String AUDITOR = AccessRole.AUDITOR.name();
    private static final String CONSUMER = AccessRole.CONSUMER.name();

    @Bean
    AccessRules commandEndpointRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/tickets", "/api/tickets/*/comments",
                        "/api/tickets/*/attachments").hasAnyRole(REQUESTER, AGENT, ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/tickets/*/attachments/*").hasAnyRole(REQUESTER, AGENT, ADMIN)
                .requestMatchers("/api/tickets/**").hasAnyRole(AGENT, ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/users/*/erasure").hasAnyRole(ADMIN, AUDITOR)
                .requestMatchers("/api/users/**", "/api/users").hasRole(ADMIN)
                .requestMatchers("/api/sla/**").hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/audit/verify").hasRole(AUDITOR)
                .requestMatchers(HttpMethod.GET, "/api/audit/export").hasAnyRole(AUDITOR, ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/admin/ticket-states").hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/data-keys", "/api/data-keys/*").hasRole(CONSUMER)
                .requestMatchers("/api/**").denyAll();
    }
}
