package dev.docket.command.app;

import dev.docket.command.CommandServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled purge deletes the keys past their retention (24 h by default) and keeps the others. */
class IdempotencyKeyPurgerIT extends CommandServiceTestBase {

    @Autowired
    IdempotencyKeyPurger purger;

    @Test
    void deletesOnlyTheExpiredKeys() throws Exception {
        String ticket = openTicket("Purge");
        String expired = "expired-" + UUID.randomUUID();
        String live = "live-" + UUID.randomUUID();
        for (String key : new String[] {expired, live}) {
            assertThat(send("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"" + key + "\"}",
                    "Idempotency-Key", key).statusCode()).isEqualTo(201);
        }
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE idempotency_key SET created_at = now() - interval '25 hours' "
                    + "WHERE idempotency_key = '" + expired + "'");
        }

        assertThat(purger.purge()).isEqualTo(1);

        assertThat(queryLong("SELECT count(*) FROM idempotency_key WHERE idempotency_key = '" + expired + "'")).isZero();
        assertThat(queryLong("SELECT count(*) FROM idempotency_key WHERE idempotency_key = '" + live + "'")).isOne();
        assertThat(purger.purge()).isZero();
    }
}
