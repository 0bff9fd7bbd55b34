package dev.docket.launcher;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCommandTest {

    @TempDir
    Path home;

    @Test
    void printsATokenSignedWithTheLocalKeyForTheSubjectAndRoles() throws Exception {
        String token = TokenCommand.run(List.of("--user", "ana", "--role", "agent", "--role", "AUDITOR", "--ttl", "30m"),
                home);

        SignedJWT jwt = SignedJWT.parse(token);
        LocalKeys keys = LocalKeys.loadOrCreate(home.resolve(TokenCommand.KEYS_DIRECTORY));
        assertThat(jwt.verify(new RSASSAVerifier(keys.tokenPublicKey()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("ana");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(LocalTokens.ISSUER);
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("agent", "auditor");
        long lifetime = jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime();
        assertThat(lifetime).isEqualTo(Duration.ofMinutes(30).toMillis());
    }

    @Test
    void keepsItsKeysWhereOnlyTheOwnerReadsThemAndReusesThem() throws Exception {
        TokenCommand.run(List.of("--user", "ana", "--role", "admin"), home);
        Path keys = home.resolve(TokenCommand.KEYS_DIRECTORY);
        assertThat(Files.getPosixFilePermissions(keys.resolve("token-signing.key")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        String before = Files.readString(keys.resolve("token-signing.pub"));
        TokenCommand.run(List.of("--user", "bo", "--role", "admin"), home);
        assertThat(Files.readString(keys.resolve("token-signing.pub"))).isEqualTo(before);
    }

    @Test
    void refusesWhatWouldMakeAUselessOrUnsafeToken() {
        assertThatThrownBy(() -> TokenCommand.run(List.of("--role", "agent"), home)).hasMessageContaining("--user");
        assertThatThrownBy(() -> TokenCommand.run(List.of("--user", "ana"), home)).hasMessageContaining("--role");
        assertThatThrownBy(() -> TokenCommand.run(List.of("--user", "ana", "--role", "root"), home))
                .hasMessageContaining("unknown role");
        assertThatThrownBy(() -> TokenCommand.run(List.of("--user", "ana smith", "--role", "agent"), home))
                .hasMessageContaining("--user");
        assertThatThrownBy(() -> TokenCommand.run(List.of("--user", "ana", "--role", "agent", "--ttl", "90d"), home))
                .hasMessageContaining("30 days");
        assertThatThrownBy(() -> TokenCommand.run(List.of("--user", "ana", "--role", "agent", "--ttl", "soon"), home))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> TokenCommand.run(List.of("--user"), home)).hasMessageContaining("needs a value");
    }
}
