package dev.docket.query.audit;

import dev.docket.query.ingest.ProjectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /** First: it reads values from before the event in the other read models. */
    @Bean
    @Order(10)
    ProjectionFactory auditProjection(JsonMapper json) {
        return sql -> new AuditProjection(sql, json);
    }
}
