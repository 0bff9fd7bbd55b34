package dev.docket.e2e;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as a browser without scripts sees it: one person's session (cookies), pages parsed with jsoup, and
 * forms submitted with every field they carry (the CSRF token and the version included), redirects followed.
 */
final class ConsoleBrowser {

    /** A page as it arrived: its status, its address after redirects, its document. */
    record Page(int status, URI uri, Document document) {

        String text() {
            return document.text();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private Page page;

    ConsoleBrowser(String base) {
        this.base = base;
    }

    HttpClient http() {
        return http;
    }

    Page open(String path) throws Exception {
        return load(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Page page() {
        return page;
    }

    /**
     * Submits the first form of the current page that {@code selector} picks, with its fields as the page has them
     * and {@code values} changed.
     */
    Page submit(String selector, Map<String, String> values) throws Exception {
        Element form = page.document().selectFirst(selector);
        assertThat(form).as("a form %s on %s", selector, page.uri()).isNotNull();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element field : form.select("input[name], textarea[name], select[name]")) {
            String value = switch (field.tagName()) {
                case "textarea" -> field.text();
                case "select" -> {
                    Element chosen = field.selectFirst("option[selected]");
                    if (chosen == null) {
                        chosen = field.selectFirst("option");
                    }
                    yield chosen == null ? "" : chosen.attr("value");
                }
                default -> field.attr("value");
            };
            fields.put(field.attr("name"), value);
        }
        fields.putAll(values);
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        URI action = page.uri().resolve(form.attr("action"));
        return load(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Submits a file form ({@code multipart/form-data}): its other fields as the page has them, and the file. */
    Page upload(String selector, String field, String fileName, byte[] content) throws Exception {
        Element form = page.document().selectFirst(selector);
        assertThat(form).as("a form %s on %s", selector, page.uri()).isNotNull();
        String boundary = "----console-test-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Element input : form.select("input[type=hidden][name]")) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + input.attr("name")
                    + "\"\r\n\r\n" + input.attr("value") + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return load(HttpRequest.newBuilder(page.uri().resolve(form.attr("action")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** The bytes at {@code path} (a download), with the session. */
    byte[] download(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(page.uri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private Page load(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        page = new Page(response.statusCode(), response.uri(), Jsoup.parse(response.body(), response.uri().toString()));
        return page;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
