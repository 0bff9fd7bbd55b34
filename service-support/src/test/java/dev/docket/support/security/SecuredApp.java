package dev.docket.support.security;

import dev.docket.support.kafka.DocketKafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** A service with one endpoint for agents and one for anyone authenticated, behind the shared security. */
@SpringBootApplication(exclude = {DocketKafkaAutoConfiguration.class, DataSourceAutoConfiguration.class})
@Import(SecuredApp.WhoAmI.class)
class SecuredApp {

    @Bean
    AccessRules sampleRules() {
        return rules -> rules.requestMatchers("/agents-only").hasRole(AccessRole.AGENT.name());
    }

    @RestController
    static class WhoAmI {

        @GetMapping("/whoami")
        Map<String, Object> whoami() {
            Caller caller = Caller.current();
            return Map.of("subject", caller.subject(), "roles", caller.roles().stream().map(AccessRole::claimValue)
                    .sorted().toList());
        }

        @GetMapping("/agents-only")
        String agentsOnly() {
            return "ok";
        }
    }
}
