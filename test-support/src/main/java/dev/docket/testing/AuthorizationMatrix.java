package dev.docket.testing;

import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The one table of who may call what ({@code authorization-matrix.csv}), and its check against a running service:
 * every row is called as every kind of caller, and the table must name every endpoint the service maps.
 */
public final class AuthorizationMatrix {

    /** The kinds of caller, in the table's column order; each but anonymous is a token with that one role. */
    public static final List<String> CALLERS = List.of("anonymous", "requester", "agent", "admin", "auditor", "consumer");
    /** What anyone may read without a token: the health probes and the API description with its browser UI. */
    static final List<String> PUBLIC_PREFIXES = List.of("/actuator/health", "/v3/api-docs", "/swagger-ui");

    /** One endpoint and what each caller gets: {@code allow}, {@code 401} or {@code 403}. */
    public record Row(String service, String method, String path, Map<String, String> expected) {

        /** {@code METHOD /path/{}/...}: the path with its variables unnamed, as the services' mappings compare. */
        public String endpoint() {
            return method + " " + path.replaceAll("\\{[^}]*}", "{}");
        }
    }

    private AuthorizationMatrix() {
    }

    public static List<Row> rows(String service) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                AuthorizationMatrix.class.getResourceAsStream("authorization-matrix.csv")), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\\s*,\\s*");
                if (!cells[0].strip().equals(service)) {
                    continue;
                }
                Map<String, String> expected = new LinkedHashMap<>();
                for (int i = 0; i < CALLERS.size(); i++) {
                    expected.put(CALLERS.get(i), cells[3 + i].strip());
                }
                rows.add(new Row(service, cells[1].strip(), cells[2].strip(), expected));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Everything wrong with {@code service} against the table: endpoints missing from it, and wrong answers. */
    public static List<String> problems(String service, int port, RequestMappingHandlerMapping mappings)
            throws Exception {
        List<Row> rows = rows(service);
        if (rows.size() < 10) {
            return List.of("the matrix has only " + rows.size() + " rows for " + service);
        }
        List<String> problems = new ArrayList<>(coverageGaps(rows, apiEndpoints(mappings)));
        problems.addAll(mismatches("http://127.0.0.1:" + port, rows));
        return problems;
    }

    /** The service's {@code /api} endpoints as {@code METHOD /path/{}}. */
    public static Set<String> apiEndpoints(RequestMappingHandlerMapping mappings) {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(method ->
                            endpoints.add(method.name() + " " + pattern.replaceAll("\\{[^}]*}", "{}")));
                }
            }
        }
        return endpoints;
    }

    /** Endpoints the service maps that the table lacks, and {@code /api} rows the service does not map. */
    static List<String> coverageGaps(List<Row> rows, Set<String> mapped) {
        Set<String> listed = new TreeSet<>();
        rows.forEach(row -> listed.add(row.endpoint()));
        List<String> gaps = new ArrayList<>();
        mapped.stream().filter(e -> !listed.contains(e)).sorted()
                .forEach(e -> gaps.add("not in the authorization matrix: " + e));
        listed.stream().filter(e -> e.contains(" /api/") && !mapped.contains(e))
                .forEach(e -> gaps.add("in the matrix but not mapped: " + e));
        return gaps;
    }

    /**
     * Calls every row as every caller against {@code baseUrl}; answers each mismatch. Bodies are {@code {}}, so an
     * allowed change is refused by validation and changes nothing; path variables are fresh ids.
     */
    static List<String> mismatches(String baseUrl, List<Row> rows) throws Exception {
        return mismatches(baseUrl, rows, new ArrayList<>());
    }

    /** Every answer the matrix's calls to {@code service} got, for checking against the OpenAPI document. */
    public static List<OpenApiDocument.Answer> answers(String service, int port) throws Exception {
        List<OpenApiDocument.Answer> answers = new ArrayList<>();
        mismatches("http://127.0.0.1:" + port, rows(service).stream()
                .filter(row -> row.path().startsWith("/api/")).toList(), answers);
        return answers;
    }

    private static List<String> mismatches(String baseUrl, List<Row> rows, List<OpenApiDocument.Answer> answers)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            String path = row.path().replaceAll("\\{[^}]*}", UUID.randomUUID().toString());
            for (String caller : CALLERS) {
                boolean hasBody = !row.method().equals("GET") && !row.method().equals("DELETE");
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .method(row.method(), hasBody ? HttpRequest.BodyPublishers.ofString("{}")
                                : HttpRequest.BodyPublishers.noBody());
                if (hasBody) {
                    request.header("Content-Type", "application/json");
                }
                if (!caller.equals("anonymous")) {
                    request.header("Authorization", TestIdentity.bearer("matrix-" + caller, caller));
                }
                // The answer's head is what is checked; a stream (the change stream) would never end its body.
                HttpResponse<java.io.InputStream> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                response.body().close();
                int status = response.statusCode();
                answers.add(new OpenApiDocument.Answer(row.method(), row.path(), status,
                        response.headers().firstValue("Content-Type").orElse(null)));
                String expected = row.expected().get(caller);
                boolean ok = expected.equals("allow") ? status != 401 && status != 403
                        : Integer.toString(status).equals(expected);
                if (!ok) {
                    mismatches.add(row.method() + " " + row.path() + " as " + caller + ": expected " + expected
                            + ", got " + status);
                }
            }
        }
        return mismatches;
    }
}
