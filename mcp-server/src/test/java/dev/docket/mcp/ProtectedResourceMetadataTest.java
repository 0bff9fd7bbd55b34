package dev.docket.mcp;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an identity provider configured (its discovery document is read on the first token, not at start-up), the
 * RFC 9728 metadata names it, so that an MCP client can send the person there to sign in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "docket.auth.issuer-uri=https://id.example.com/realms/docket")
class ProtectedResourceMetadataTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Test
    void theMetadataNamesTheIdentityProviderAsAuthorizationServer() throws Exception {
        HttpResponse<String> metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/.well-known/oauth-protected-resource")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(metadata.body());
        assertThat(document.path("authorization_servers").get(0).asString())
                .isEqualTo("https://id.example.com/realms/docket");
    }
}
