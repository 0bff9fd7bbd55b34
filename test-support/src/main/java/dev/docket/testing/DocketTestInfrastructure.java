package dev.docket.testing;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Points a Spring Boot service under test at real infrastructure of its own: a new PostgreSQL database and a new
 * topic on the shared test broker. The database is a bean, so tests can inject it, and it is dropped when the
 * context closes, after the service's own lifecycle (relay, consumer) has stopped. Every answer the service gives
 * is held to its OpenAPI document ({@link ResponseContract}).
 *
 * <p>Used through {@link DocketServiceTest}, so each test class gets, and then drops, its own. It runs before any other
 * initializer, so a test class may point the service elsewhere (a broker of its own) with an initializer of its own.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DocketTestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String service = context.getEnvironment().getProperty("spring.application.name", "service");
        PostgresDatabase database = PostgresDatabase.create(service);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("docket-test-infrastructure", Map.ofEntries(
                Map.entry("spring.datasource.url", database.jdbcUrl()),
                Map.entry("spring.datasource.username", database.username()),
                Map.entry("spring.datasource.password", database.password()),
                Map.entry("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers()),
                Map.entry("docket.kafka.topic", TestKafka.uniqueTopic(service)),
                Map.entry("docket.auth.local-public-key", TestIdentity.keys().tokenPublicKeyBase64()),
                Map.entry("docket.checkpoints.signing-key", TestIdentity.keys().checkpointPrivateKeyBase64()),
                Map.entry("docket.checkpoints.public-key", TestIdentity.keys().checkpointPublicKeyBase64()),
                Map.entry("docket.data-protection.key-encryption-key", TestIdentity.keys().keyEncryptionKeyBase64()),
                Map.entry("docket.checkpoints.topic", TestKafka.uniqueTopic(service + "-checkpoints")),
                Map.entry("docket.checkpoints.interval", "500ms"))));
        context.getBeanFactory().registerSingleton("testDatabase", database);
        FilterRegistrationBean<ResponseContract> contract = new FilterRegistrationBean<>(new ResponseContract(context));
        contract.setOrder(Ordered.HIGHEST_PRECEDENCE);
        context.getBeanFactory().registerSingleton("testResponseContract", contract);
        // Registered first, so destroyed last: after the lifecycle stopped and the connection pool closed.
        ((DefaultListableBeanFactory) context.getBeanFactory())
                .registerDisposableBean("testDatabaseDropper", (DisposableBean) database::close);
    }
}
