package dev.docket.command;

import dev.docket.testing.DocketServiceTest;
import dev.docket.testing.PostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The whole command service on real PostgreSQL and Kafka, with its own database and topic. */
@DocketServiceTest
public abstract class CommandServiceTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected PostgresDatabase database;

    protected final HttpClient http = HttpClient.newHttpClient();

    protected HttpResponse<String> postJson(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
