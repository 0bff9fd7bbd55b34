package dev.docket.mcp;

import dev.docket.mcp.tools.Caller;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StdioServerTest {


    @Test
    void theTokensSubjectAndDocketRolesPickTheTools() {
        Caller caller = StdioServer.caller(token("{\"sub\":\"ana\",\"roles\":[\"agent\",\"billing\"]}"), "roles");
        assertThat(caller.subject()).isEqualTo("ana");
        assertThat(caller.roles()).containsExactly(Caller.Role.AGENT);
        assertThat(caller.token()).isEqualTo(token("{\"sub\":\"ana\",\"roles\":[\"agent\",\"billing\"]}"));
    }

    @Test
    void aTokenAsTheLocalIdentityMintsItWithItsTimes() {
        String token = dev.docket.testing.TestIdentity.tokens().mint("bo", java.util.List.of("agent"),
                java.time.Duration.ofMinutes(5));
        Caller caller = StdioServer.caller(token, "roles");
        assertThat(caller.subject()).isEqualTo("bo");
        assertThat(caller.roles()).containsExactly(Caller.Role.AGENT);
    }

    @Test
    void rolesMayBeOneSpacedStringOrUnderAnotherClaim() {
        assertThat(StdioServer.caller(token("{\"sub\":\"x\",\"roles\":\"requester auditor\"}"), "roles").roles())
                .containsExactlyInAnyOrder(Caller.Role.REQUESTER, Caller.Role.AUDITOR);
        assertThat(StdioServer.caller(token("{\"sub\":\"x\",\"realm_access\":{\"roles\":[\"admin\"]}}"),
                "realm_access.roles").roles()).containsExactly(Caller.Role.ADMIN);
        assertThat(StdioServer.caller(token("{\"sub\":\"x\"}"), "roles").roles()).isEmpty();
    }

    @Test
    void somethingElseThanATokenIsSaidSo() {
        assertThatThrownBy(() -> StdioServer.caller("not a token", "roles"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StdioServer.caller("a.!!!.c", "roles"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String token(String claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
