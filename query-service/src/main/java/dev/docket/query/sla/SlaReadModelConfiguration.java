package dev.docket.query.sla;

import dev.docket.query.ingest.ProjectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SlaReadModelConfiguration {

    /** After the ticket projection: new tickets' rows exist when their service-level columns are written. */
    @Bean
    @Order(40)
    ProjectionFactory slaProjection(JsonMapper json, SlaConfigs configs) {
        return sql -> new SlaProjection(sql, json, configs);
    }
}
