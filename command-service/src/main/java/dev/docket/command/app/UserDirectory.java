package dev.docket.command.app;

import dev.docket.command.ticket.People;
import dev.docket.events.Role;
import dev.docket.events.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * The command side's lookup of people ({@code user_directory}): claims emails at registration and answers the
 * ticket's questions about requesters and assignees. Written only in the transaction of the user event it reflects
 * ({@link UserDirectoryUpdates}).
 */
@Repository
class UserDirectory implements People {

    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads with a share lock, so a deactivation running at the same moment waits for this command to commit (or
     * this command waits for it): nobody is assigned a ticket in the instant they are deactivated.
     */
    @Override
    public Optional<Person> find(UserId id) {
        return jdbc.sql("SELECT role, active FROM user_directory WHERE user_id = ? FOR SHARE")
                .param(id.value())
                .query((rs, n) -> new Person(id, Role.fromWireName(rs.getString("role")).orElseThrow(),
                        rs.getBoolean("active")))
                .optional();
    }

    /**
     * Claims an email for a new person. False when someone already holds it; a concurrent claim of the same email
     * waits for this transaction and then finds it taken.
     */
    boolean claim(UserId id, String email, String displayName, Role role) {
        return jdbc.sql("""
                        INSERT INTO user_directory (user_id, email, display_name, role, active)
                        VALUES (?, ?, ?, ?, TRUE)
                        ON CONFLICT (email) DO NOTHING""")
                .params(id.value(), email, displayName, role.wireName())
                .update() == 1;
    }

    void rename(UserId id, String displayName) {
        jdbc.sql("UPDATE user_directory SET display_name = ? WHERE user_id = ?").params(displayName, id.value()).update();
    }

    void deactivate(UserId id) {
        jdbc.sql("UPDATE user_directory SET active = FALSE WHERE user_id = ?").param(id.value()).update();
    }
}
