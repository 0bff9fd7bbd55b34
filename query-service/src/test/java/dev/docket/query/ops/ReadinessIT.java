package dev.docket.query.ops;

import dev.docket.query.QueryServiceTestBase;
import dev.docket.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows the database: it falls when PostgreSQL becomes unreachable (here, the connection is cut by a
 * proxy in between) and recovers by itself when it is back; liveness never falls, so nothing restarts the service.
 */
@ContextConfiguration(initializers = ReadinessIT.ThroughProxy.class)
class ReadinessIT extends QueryServiceTestBase {

    static TcpProxy proxy;

    /** Runs after the test infrastructure chose the database, and routes the service to it through the proxy. */
    static class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            URI url = URI.create(context.getEnvironment().getRequiredProperty("spring.datasource.url").substring(5));
            proxy = new TcpProxy(url.getHost(), url.getPort());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("through-proxy", Map.of(
                    "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + url.getPath(),
                    "spring.datasource.hikari.connection-timeout", "1000",
                    "spring.datasource.hikari.validation-timeout", "500")));
        }
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @Test
    void readinessFallsWithTheDatabaseAndRecoversByItselfWhileLivenessStays() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").statusCode() == 200);

        proxy.cut();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").statusCode() == 503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(json.readTree(get("/actuator/health/readiness").body()).at("/components/db/status").asString())
                .isEqualTo("DOWN");

        proxy.restore();
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
}
