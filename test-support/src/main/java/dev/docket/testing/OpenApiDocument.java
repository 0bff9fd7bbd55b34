package dev.docket.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A service's published OpenAPI document, held against the service: every endpoint it maps must be described, and
 * every answer it gave (an {@link Answer}) must be one the document declares for that operation, with that media
 * type.
 */
public final class OpenApiDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One answer the service gave: the operation (its path template) and what came back. */
    public record Answer(String method, String path, int status, String contentType) {
    }

    private final JsonNode document;

    private OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    /** Fetches {@code /v3/api-docs}, which is public. */
    public static OpenApiDocument of(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /v3/api-docs answered " + response.statusCode() + ": " + response.body());
        }
        return new OpenApiDocument(JSON.readTree(response.body()));
    }

    public JsonNode json() {
        return document;
    }

    /** The described operations as {@code METHOD /path/{}}. */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (Set.of("get", "put", "post", "patch", "delete").contains(method.getKey())) {
                operations.add(method.getKey().toUpperCase(Locale.ROOT) + " " + unnamed(path.getKey()));
            }
        }));
        return operations;
    }

    /** Endpoints the service maps that the document does not describe. */
    public List<String> undescribed(Set<String> mapped) {
        Set<String> described = operations();
        return mapped.stream().filter(e -> !described.contains(e)).map(e -> "not in the document: " + e).toList();
    }

    /** Answers the document does not declare: an unknown operation, status, or media type for that status. */
    public List<String> undeclared(List<Answer> answers) {
        List<String> problems = new ArrayList<>();
        for (Answer answer : answers) {
            JsonNode operation = operation(answer.method(), answer.path());
            String where = answer.method() + " " + answer.path() + " -> " + answer.status();
            if (operation == null) {
                problems.add("no operation in the document for " + where);
                continue;
            }
            JsonNode response = operation.path("responses").get(Integer.toString(answer.status()));
            if (response == null) {
                problems.add("status not declared: " + where);
                continue;
            }
            String mediaType = answer.contentType() == null ? null : answer.contentType().split(";")[0].strip();
            JsonNode content = response.get("content");
            if (mediaType != null && !mediaType.isEmpty() && answer.status() != 304) {
                boolean declared = content != null && content.properties().stream().anyMatch(entry ->
                        entry.getKey().equals(mediaType) || entry.getKey().equals("*/*"));
                if (!declared) {
                    problems.add("media type " + mediaType + " not declared: " + where);
                }
            }
        }
        return problems;
    }

    private JsonNode operation(String method, String path) {
        String wanted = unnamed(path);
        for (var entry : document.get("paths").properties()) {
            if (unnamed(entry.getKey()).equals(wanted)) {
                return entry.getValue().get(method.toLowerCase(Locale.ROOT));
            }
        }
        return null;
    }

    static String unnamed(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
