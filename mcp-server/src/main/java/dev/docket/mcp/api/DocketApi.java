package dev.docket.mcp.api;

import dev.docket.support.web.CorrelationIdFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Function;

/**
 * The command and query APIs as the MCP tools call them: always with the caller's own bearer token, so the APIs
 * decide what the caller may see and do and record the caller as the actor of every event. Answers are JSON trees;
 * a refusal is an {@link ApiRefusal} carrying the problem details.
 */
public final class DocketApi {

    /** What a change answered, and whether it was the stored first answer to an earlier call with its key. */
    public record Changed(JsonNode body, boolean replayed) {
    }

    private final RestClient command;
    private final RestClient query;
    private final JsonMapper json;

    /**
     * @param builder Boot's in the web server (it passes the request's trace on to the APIs), a plain one on stdio
     */
    public DocketApi(String commandBaseUrl, String queryBaseUrl, RestClient.Builder builder, JsonMapper json) {
        // HTTP/1.1, kept alive: the APIs speak nothing else in clear text, so the default (HTTP/2) only adds an
        // upgrade attempt to each new connection
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        // a read may wait up to the query service's own limit for a version (5 s by default) before it answers
        requests.setReadTimeout(Duration.ofSeconds(30));
        this.command = builder.clone().baseUrl(commandBaseUrl).requestFactory(requests).build();
        this.query = builder.clone().baseUrl(queryBaseUrl).requestFactory(requests).build();
        this.json = json;
    }

    /** A read from the query service. */
    public JsonNode read(String token, Function<UriBuilder, URI> uri) {
        return send(query.get().uri(uri), token).body();
    }

    /**
     * A change through the command service, with the version it is based on ({@code If-Match}) and the caller's
     * idempotency key.
     */
    public Changed change(String token, HttpMethod method, String path, @Nullable Object body, @Nullable Long version,
                          String idempotencyKey) {
        RestClient.RequestBodySpec request = command.method(method).uri(path)
                .header("Idempotency-Key", idempotencyKey);
        if (version != null) {
            request.header(HttpHeaders.IF_MATCH, "\"" + version + "\"");
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(body));
        }
        return send(request, token);
    }

    private Changed send(RestClient.RequestHeadersSpec<?> request, String token) {
        // the MCP request's correlation id goes with every call it causes, into the events' metadata and each log
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        if (correlationId != null) {
            request.header(CorrelationIdFilter.HEADER, correlationId);
        }
        try {
            return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .exchange((sent, answer) -> {
                        byte[] bytes = answer.getBody().readAllBytes();
                        int status = answer.getStatusCode().value();
                        if (status >= 400) {
                            throw refusal(status, bytes);
                        }
                        JsonNode body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
                        return new Changed(body, "true".equals(answer.getHeaders().getFirst("Idempotent-Replayed")));
                    });
        } catch (ResourceAccessException unreachable) {
            throw new ApiRefusal(503, "SERVICE_UNAVAILABLE", "Docket's API did not answer; retry shortly.",
                    json.createObjectNode());
        }
    }

    /** The problem details of a refusal; a body that is not problem details still gets a code and a sentence. */
    ApiRefusal refusal(int status, byte[] body) {
        ObjectNode problem;
        try {
            JsonNode parsed = json.readTree(body);
            problem = parsed instanceof ObjectNode object ? object : json.createObjectNode();
        } catch (JacksonException notJson) {
            problem = json.createObjectNode();
        }
        String code = problem.path("code").asString("HTTP_" + status);
        String detail = problem.path("detail").asString("");
        if (detail.isBlank()) {
            detail = problem.path("title").asString("Docket's API refused the call (" + status + ").");
        }
        return new ApiRefusal(status, code, detail, problem);
    }
}
