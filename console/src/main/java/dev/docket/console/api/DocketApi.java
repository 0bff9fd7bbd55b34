package dev.docket.console.api;

import dev.docket.console.ConsoleProperties;
import dev.docket.console.signin.ConsoleUser;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The two public APIs as the console calls them, always with the signed-in person's own token: the APIs decide what
 * they may see and do, and record them as the actor. Answers are maps (what the pages render); a refusal becomes an
 * {@link ApiProblem} with the problem details' code and detail.
 */
@Component
public class DocketApi {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    private final RestClient command;
    private final RestClient query;
    private final JsonMapper json;

    /** @param builder Boot's, with its message converters (and so the application's JSON mapper) */
    DocketApi(ConsoleProperties properties, RestClient.Builder builder, JsonMapper json) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(Duration.ofSeconds(30));
        this.command = builder.clone().baseUrl(properties.commandBaseUrl()).requestFactory(requests).build();
        this.query = builder.clone().baseUrl(properties.queryBaseUrl()).requestFactory(requests).build();
        this.json = json;
    }

    // ---- reads (query service)

    public Map<String, Object> get(ConsoleUser user, Function<UriBuilder, URI> uri) {
        return answer(query.get().uri(uri).headers(bearer(user)).retrieve());
    }

    /** A change to what the query service keeps of the person's own (their saved views). */
    public Map<String, Object> queryChange(ConsoleUser user, String method, String path, @Nullable Object body) {
        RestClient.RequestBodySpec request = query.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path).headers(bearer(user));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return answer(request.retrieve());
    }

    // ---- changes (command service)

    /** Sends a change with the version the page showed ({@code If-Match}); answers the new version. */
    public Map<String, Object> change(ConsoleUser user, String method, String path, @Nullable Object body,
                                      @Nullable Long version) {
        RestClient.RequestBodySpec request = command.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path).headers(bearer(user));
        if (version != null) {
            request.header(HttpHeaders.IF_MATCH, "\"" + version + "\"");
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return answer(request.retrieve());
    }

    /** Uploads a file to a ticket (multipart), with the version the page showed. */
    public Map<String, Object> upload(ConsoleUser user, String path, org.springframework.util.MultiValueMap<String, ?> parts,
                                      long version) {
        return answer(command.post().uri(path).headers(bearer(user))
                .header(HttpHeaders.IF_MATCH, "\"" + version + "\"")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve());
    }

    /** A ticket's file as the command API serves it (only to those who may see the ticket). */
    public org.springframework.http.ResponseEntity<byte[]> download(ConsoleUser user, String path) {
        return command.get().uri(path).headers(bearer(user)).retrieve()
                .onStatus(HttpStatusCode::isError, (request, refused) -> {
                    throw problem(refused.getStatusCode().value(), refused.getBody().readAllBytes());
                }).toEntity(byte[].class);
    }

    /** Sends a change that is not a ticket's (registering a person) with the given token. */
    public Map<String, Object> post(String token, String path, Object body) {
        return answer(command.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve());
    }

    /** Reads with the given token (the local sign-in lists people with a token of its own). */
    public Map<String, Object> get(String token, Function<UriBuilder, URI> uri) {
        return answer(query.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve());
    }

    public static java.util.function.Consumer<HttpHeaders> bearer(ConsoleUser user) {
        return headers -> headers.setBearerAuth(user.token());
    }

    private Map<String, Object> answer(RestClient.ResponseSpec response) {
        Map<String, Object> body = response.onStatus(HttpStatusCode::isError, (request, refused) -> {
            throw problem(refused.getStatusCode().value(), refused.getBody().readAllBytes());
        }).body(MAP);
        return body == null ? new LinkedHashMap<>() : body;
    }

    /** The problem details of a refusal, in words; a body that is not problem details still gets a sentence. */
    ApiProblem problem(int status, byte[] body) {
        try {
            JsonNode problem = json.readTree(body);
            String code = problem.path("code").asString("HTTP_" + status);
            String detail = problem.path("detail").asString("");
            List<String> errors = new java.util.ArrayList<>();
            problem.path("errors").forEach(e -> errors.add(e.path("field").asString("") + ": "
                    + e.path("message").asString("")));
            if (detail.isBlank()) {
                detail = problem.path("title").asString("The service refused the request (" + status + ").");
            }
            if (!errors.isEmpty() && !detail.contains(errors.getFirst())) {
                detail = detail + " (" + String.join("; ", errors) + ")";
            }
            JsonNode current = problem.path("currentVersion");
            return new ApiProblem(status, code, detail, current.isNumber() ? current.asLong() : null);
        } catch (RuntimeException notJson) {
            return new ApiProblem(status, "HTTP_" + status, "The service answered " + status + ".", null);
        }
    }
}
