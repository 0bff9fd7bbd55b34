package dev.docket.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A service's published OpenAPI document, held against the service: every endpoint it maps must be described, the
 * document must be valid for a standard parser, and every answer the service gave must be one the document
 * declares for that operation, with that media type and a body its schema admits ({@link #check}).
 */
public final class OpenApiDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig STRICT_FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final List<Map.Entry<Pattern, String>> templates = new ArrayList<>();

    /** One answer the service gave: the operation (its path template) and what came back. */
    public record Answer(String method, String path, int status, String contentType) {
    }

    private final JsonNode document;

    private OpenApiDocument(JsonNode document) {
        this.document = document;
        document.get("paths").propertyNames().forEach(template -> templates.add(Map.entry(
                Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}]*}", "\\\\E[^/]+\\\\Q")), template)));
        // a literal segment wins over a variable one: /api/tickets/stats before /api/tickets/{id}
        templates.sort(Comparator.comparingLong(entry -> entry.getValue().chars().filter(c -> c == '{').count()));
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

    /** A document as JSON text (a service's own, read in-process). */
    public static OpenApiDocument parse(byte[] json) {
        return new OpenApiDocument(JSON.readTree(json));
    }

    public JsonNode json() {
        return document;
    }

    /**
     * What a standard OpenAPI parser (swagger-parser) finds wrong with the document, with every reference
     * resolved: an unresolved {@code $ref}, an invalid member, a missing required one. Empty when it is valid.
     */
    public List<String> parserMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document.toString(), null, options);
        List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            messages.add("the parser could not read the document");
        }
        return messages;
    }

    /**
     * What is wrong with one answer, by the document: no operation for the method and path (unless the answer is
     * the 403, 404 or 405 that refuses it), a status or media type the operation does not declare, or a JSON body
     * its schema does not admit. Empty when the answer is as documented.
     *
     * @param path the request's path, without the query
     */
    public List<String> check(String method, String path, int status, String contentType, String body) {
        String where = method + " " + path + " -> " + status;
        String template = template(path);
        JsonNode operation = template == null ? null
                : document.get("paths").get(template).get(method.toLowerCase(Locale.ROOT));
        if (operation == null) {
            // an unknown path or method is refused before any operation is involved: no document can list it
            return status >= 403 && status <= 405 ? List.of() : List.of("no operation in the document for " + where);
        }
        JsonNode response = operation.path("responses").get(Integer.toString(status));
        if (response == null) {
            return List.of("status not declared: " + where);
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip();
        if (mediaType.isEmpty() || status == 304) {
            return List.of();
        }
        JsonNode content = response.path("content");
        JsonNode declared = content.has(mediaType) ? content.get(mediaType) : content.get("*/*");
        if (declared == null) {
            return List.of("media type " + mediaType + " not declared: " + where);
        }
        if (!mediaType.endsWith("json") || body == null || body.isEmpty() || !declared.has("schema")) {
            return List.of();
        }
        String key = method + " " + template + " " + status + " " + mediaType;
        JsonSchema schema = schemas.computeIfAbsent(key, k -> {
            ObjectNode root = JSON.createObjectNode();
            root.set("allOf", JSON.createArrayNode().add(declared.get("schema")));
            root.set("components", document.get("components"));
            return SCHEMAS.getSchema(root.toString(), InputFormat.JSON, STRICT_FORMATS);
        });
        Set<ValidationMessage> errors = schema.validate(body, InputFormat.JSON);
        return errors.stream().map(error -> "body does not match the schema: " + where + ": " + error.getMessage())
                .sorted().toList();
    }

    private String template(String path) {
        for (Map.Entry<Pattern, String> entry : templates) {
            if (entry.getKey().matcher(path).matches()) {
                return entry.getValue();
            }
        }
        return null;
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
