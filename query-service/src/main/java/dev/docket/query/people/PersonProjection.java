package dev.docket.query.people;

import dev.docket.events.TicketEvent;
import dev.docket.events.UserDeactivated;
import dev.docket.events.UserDisplayNameChanged;
import dev.docket.events.UserEvent;
import dev.docket.events.UserRegistered;
import dev.docket.query.ingest.Batch;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.ingest.Projection;
import dev.docket.query.readmodel.ReadModelSql;

import java.sql.Timestamp;

/** Keeps {@code person}: who is who, for the names the ticket read models show. */
final class PersonProjection implements Projection {

    private final ReadModelSql sql;

    PersonProjection(ReadModelSql sql) {
        this.sql = sql;
    }

    @Override
    public void apply(EventEnvelope envelope, Batch batch) {
        switch (envelope.event()) {
            case TicketEvent ignored -> {
                // tickets name people by id; the ticket read model joins the names
            }
            case UserEvent event -> apply(envelope, event);
        }
    }

    private void apply(EventEnvelope envelope, UserEvent event) {
        Timestamp at = Timestamp.from(envelope.time());
        switch (event) {
            case UserRegistered registered -> sql.sql("""
                            INSERT INTO {rm}.person (id, email, display_name, role, active, registered_at, updated_at)
                            VALUES (?, ?, ?, ?, TRUE, ?, ?)""")
                    .params(registered.userId().value(), registered.email(), registered.displayName(),
                            registered.role().wireName(), at, at)
                    .update();
            case UserDisplayNameChanged changed -> sql.sql(
                            "UPDATE {rm}.person SET display_name = ?, updated_at = ? WHERE id = ?")
                    .params(changed.displayName(), at, changed.userId().value()).update();
            case UserDeactivated deactivated -> sql.sql("UPDATE {rm}.person SET active = FALSE, updated_at = ? WHERE id = ?")
                    .params(at, deactivated.userId().value()).update();
        }
    }
}
