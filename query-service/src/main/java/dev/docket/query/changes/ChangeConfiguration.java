package dev.docket.query.changes;

import dev.docket.query.ingest.ProjectionFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChangeProperties.class)
class ChangeConfiguration {

    /** Last: it takes the change log's lock, held until the batch commits. */
    @Bean
    @Order(1000)
    ProjectionFactory changeLogProjection() {
        return ChangeLogProjection::new;
    }
}
