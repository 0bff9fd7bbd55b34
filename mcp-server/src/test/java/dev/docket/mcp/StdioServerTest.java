package dev.docket.mcp;

import dev.docket.mcp.tools.Caller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StdioServerTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theTokensSubjectAndDocketRolesPickTheTools() {
        Caller caller = StdioServer.caller(token("{\"sub\":\"ana\",\"roles\":[\"agent\",\"billing\"]}"), "roles", json);
        assertThat(caller.subject()).isEqualTo("ana");
        assertThat(caller.roles()).containsExactly(Caller.Role.AGENT);
        assertThat(caller.token()).isEqualTo(token("{\"sub\":\"ana\",\"roles\":[\"agent\",\"billing\"]}"));
    }

    @Test
    void rolesMayBeOneSpacedStringOrUnderAnotherClaim() {
        assertThat(StdioServer.caller(token("{\"sub\":\"x\",\"roles\":\"requester auditor\"}"), "roles", json).roles())
                .containsExactlyInAnyOrder(Caller.Role.REQUESTER, Caller.Role.AUDITOR);
        assertThat(StdioServer.caller(token("{\"sub\":\"x\",\"realm_access\":{\"roles\":[\"admin\"]}}"),
                "realm_access.roles", json).roles()).containsExactly(Caller.Role.ADMIN);
        assertThat(StdioServer.caller(token("{\"sub\":\"x\"}"), "roles", json).roles()).isEmpty();
    }

    @Test
    void somethingElseThanATokenIsSaidSo() {
        assertThatThrownBy(() -> StdioServer.caller("not a token", "roles", json))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StdioServer.caller("a.!!!.c", "roles", json))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String token(String claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
