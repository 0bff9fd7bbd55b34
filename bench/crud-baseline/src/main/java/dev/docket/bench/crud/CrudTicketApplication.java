package dev.docket.bench.crud;

import dev.docket.support.security.AccessRole;
import dev.docket.support.security.AccessRules;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

/**
 * The command benchmark's second baseline: the ticket service a team would otherwise build. Tickets are JPA
 * entities updated in place; every change also inserts an audit-log row in the same transaction (the origin guide's
 * design). It sits behind the same HTTP stack as Docket's command service (bearer tokens, the same role rules,
 * strict JSON, validation, problem details), so the comparison is about the write model, not the plumbing.
 */
@SpringBootApplication
public class CrudTicketApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrudTicketApplication.class, args);
    }

    @Bean
    AccessRules crudEndpointRules() {
        String requester = AccessRole.REQUESTER.name();
        String agent = AccessRole.AGENT.name();
        String admin = AccessRole.ADMIN.name();
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/tickets", "/api/tickets/*/comments")
                .hasAnyRole(requester, agent, admin)
                .requestMatchers("/api/tickets/**").hasAnyRole(agent, admin)
                .requestMatchers("/api/users").hasRole(admin)
                .requestMatchers("/api/**").denyAll();
    }
}
