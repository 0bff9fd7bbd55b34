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

    /** @param commandBaseUrl where the command service answers ({@code DOCKET_COMMAND_BASE_URL}) */
    @Bean
    ConsistencyCheck consistencyCheck(@Value("${docket.check.command-base-url}") String commandBaseUrl,
                                      ReadModelGenerations generations,
                                      Consistency consistency) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(60));
        return new ConsistencyCheck(RestClient.builder().baseUrl(commandBaseUrl).requestFactory(requests).build(), generations,
                consistency);
    }
}
