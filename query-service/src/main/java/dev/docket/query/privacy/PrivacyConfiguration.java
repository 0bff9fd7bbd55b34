package dev.docket.query.privacy;

import dev.docket.query.ingest.ProjectionFactory;
import dev.docket.support.security.ErasedPeople;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    /**
     * @param token a bearer token with the {@code consumer} role for the command service's data keys
     *              ({@code DOCKET_DATA_KEYS_TOKEN}; {@code ./docket up} makes one)
     */
    @Bean
    DataKeys dataKeys(RestClient commandService, @Value("${docket.data-keys.token:}") String token) {
        return new DataKeys(commandService, token);
    }

    @Bean
    SealedFieldOpener sealedFieldOpener(JdbcClient jdbc, DataKeys dataKeys) {
        return new SealedFieldOpener(jdbc, dataKeys);
    }

    /** An erased person's tokens no longer authenticate: the read models learnt of the erasure. */
    @Bean
    ErasedPeople erasedPeople(JdbcClient jdbc) {
        return ErasedPeople.remembering(person -> jdbc.sql(
                "SELECT EXISTS (SELECT 1 FROM erased_data_key WHERE person_id = ?)").param(person).query(Boolean.class)
                .single());
    }

    /** Last: it replaces texts the other projections wrote in the same batch. */
    @Bean
    @Order(90)
    ProjectionFactory personalTextProjection(JsonMapper json, DataKeys dataKeys, ErasedPeople erasedPeople) {
        return sql -> new PersonalTextProjection(sql, json, dataKeys, erasedPeople);
    }
}
