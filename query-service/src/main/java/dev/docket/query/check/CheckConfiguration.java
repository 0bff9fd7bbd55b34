package dev.docket.query.check;

import dev.docket.query.readmodel.Consistency;
import dev.docket.query.readmodel.ReadModelGenerations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class CheckConfiguration {

    /**
     * The command service, called with the caller's own token (the consistency check reads the event store's view
     * through it; a what-if run has proposed policies checked by it).
     *
     * @param commandBaseUrl where the command service answers ({@code DOCKET_COMMAND_BASE_URL})
     */
    @Bean
    RestClient commandService(@Value("${docket.check.command-base-url}") String commandBaseUrl) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(60));
        return RestClient.builder().baseUrl(commandBaseUrl).requestFactory(requests).build();
    }

    @Bean
    ConsistencyCheck consistencyCheck(RestClient commandService, ReadModelGenerations generations,
                                      Consistency consistency) {
        return new ConsistencyCheck(commandService, generations, consistency);
    }
}
