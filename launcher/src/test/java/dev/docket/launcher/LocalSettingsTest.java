package dev.docket.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSettingsTest {

    private final Path repo = Path.of("/srv/docket");

    @Test
    void defaultsToTheLocalPortsAndADotDocketDirectoryInTheRepository() {
        LocalSettings settings = LocalSettings.from(Map.of(), repo);
        assertThat(settings.home()).isEqualTo(repo.resolve(".docket"));
        assertThat(settings.jdbcUrl("docket_query")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/docket_query");
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.commandPort()).isEqualTo(8081);
        assertThat(settings.queryPort()).isEqualTo(8082);
        assertThat(settings.logs()).isEqualTo(repo.resolve(".docket/logs"));
        assertThat(settings.commandDatabase()).isEqualTo("docket_command");
        assertThat(settings.queryDatabase()).isEqualTo("docket_query");
    }

    @Test
    void theDatabasesCanBeNamedApart() {
        LocalSettings settings = LocalSettings.from(Map.of("DOCKET_DB_PREFIX", "docket_b"), repo);
        assertThat(settings.commandDatabase()).isEqualTo("docket_b_command");
        assertThat(settings.queryDatabase()).isEqualTo("docket_b_query");
        assertThatThrownBy(() -> LocalSettings.from(Map.of("DOCKET_DB_PREFIX", "x; DROP"), repo))
                .hasMessageContaining("DOCKET_DB_PREFIX");
    }

    @Test
    void takesEverySettingFromTheEnvironment() {
        LocalSettings settings = LocalSettings.from(Map.of("DOCKET_DB_HOST", "db.internal", "DOCKET_DB_PORT", "6543",
                "DOCKET_DB_USER", "docket", "DOCKET_KAFKA_PORT", "19092", "DOCKET_HOME", "/tmp/dh"), repo);
        assertThat(settings.jdbcUrl("docket_command")).isEqualTo("jdbc:postgresql://db.internal:6543/docket_command");
        assertThat(settings.dbUser()).isEqualTo("docket");
        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.home()).isEqualTo(Path.of("/tmp/dh"));
    }

    @Test
    void refusesAPortThatIsNotAPortNumberNamingTheVariable() {
        assertThatThrownBy(() -> LocalSettings.from(Map.of("DOCKET_QUERY_PORT", "eighty"), repo))
                .hasMessage("DOCKET_QUERY_PORT must be a port number (1-65535), not 'eighty'");
        assertThatThrownBy(() -> LocalSettings.from(Map.of("DOCKET_DB_PORT", "70000"), repo))
                .hasMessageContaining("DOCKET_DB_PORT");
    }
}
