package dev.docket.query.ticket;

import dev.docket.query.ingest.ProjectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

@Configuration(proxyBeanMethods = false)
class TicketConfiguration {

    @Bean
    @Order(30)
    ProjectionFactory ticketProjection() {
        return TicketProjection::new;
    }
}
