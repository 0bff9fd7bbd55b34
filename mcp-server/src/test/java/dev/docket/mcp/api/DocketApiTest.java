package dev.docket.mcp.api;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocketApiTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final DocketApi api = new DocketApi("http://127.0.0.1:1", "http://127.0.0.1:1", RestClient.builder(), json);

    @Test
    void aProblemKeepsItsCodeDetailAndMembers() {
        ApiRefusal refusal = api.refusal(412, """
                {"type":"urn:docket:problem:version-mismatch","title":"Version mismatch","status":412,
                 "detail":"The ticket is at version 5, not 3; nothing was changed. Re-read it and retry.",
                 "code":"VERSION_MISMATCH","currentVersion":5}""".getBytes(StandardCharsets.UTF_8));
        assertThat(refusal.status()).isEqualTo(412);
        assertThat(refusal.code()).isEqualTo("VERSION_MISMATCH");
        assertThat(refusal.detail()).startsWith("The ticket is at version 5");
        assertThat(refusal.problem().path("currentVersion").asLong()).isEqualTo(5);
    }

    @Test
    void anAnswerThatIsNoProblemStillGetsACodeAndASentence() {
        ApiRefusal refusal = api.refusal(502, "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(refusal.code()).isEqualTo("HTTP_502");
        assertThat(refusal.detail()).contains("502");
        assertThat(api.refusal(404, "{\"title\":\"Not found\"}".getBytes(StandardCharsets.UTF_8)).detail())
                .isEqualTo("Not found");
    }

    @Test
    void anApiThatDoesNotAnswerIsServiceUnavailable() {
        assertThatThrownBy(() -> api.read("token", Query.of("/api/tickets").uri()))
                .isInstanceOfSatisfying(ApiRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(503);
                    assertThat(refusal.code()).isEqualTo("SERVICE_UNAVAILABLE");
                });
    }
}
