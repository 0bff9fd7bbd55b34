package dev.docket.query.people;

import dev.docket.query.ingest.ProjectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

@Configuration(proxyBeanMethods = false)
class PeopleConfiguration {

    /** After the audit (which reads the name before a change), before the tickets (which copy names). */
    @Bean
    @Order(20)
    ProjectionFactory personProjection() {
        return PersonProjection::new;
    }
}
