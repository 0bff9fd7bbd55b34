package dev.docket.query.people;

import dev.docket.events.CalendarEvent;
import dev.docket.events.SlaPolicyEvent;
import dev.docket.events.TicketEvent;
import dev.docket.events.UserDeactivated;
import dev.docket.events.UserDisplayNameChanged;
import dev.docket.events.UserErased;
import dev.docket.events.UserEvent;
import dev.docket.events.UserRegistered;
import dev.docket.events.privacy.SealedText;
import dev.docket.query.ingest.Batch;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.ingest.Projection;
import dev.docket.query.ingest.Rows;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.query.ticket.PersonNames;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keeps {@code person}: who is who, for the names the ticket read models show. */
final class PersonProjection implements Projection {

    /** A person's row as the batch leaves it. */
    private static final class Person {
        final UUID id;
        final boolean stored;
        String email;
        String displayName;
        String role;
        boolean active;
        Instant registeredAt;
        Instant updatedAt;

        Person(UUID id, boolean stored) {
            this.id = id;
            this.stored = stored;
        }
    }

    private final ReadModelSql sql;
    private final Map<UUID, Person> loaded = new HashMap<>();
    private final Map<UUID, Person> changed = new LinkedHashMap<>();

    PersonProjection(ReadModelSql sql) {
        this.sql = sql;
    }

    @Override
    public void load(List<EventEnvelope> events) {
        String[] people = EventEnvelope.subjects(events, UserEvent.class);
        if (people.length == 0) {
            return;
        }
        // before anything is written: the batch changes these people's names, which tickets copy
        PersonNames.lockExclusive(sql, people);
        sql.sql("""
                        SELECT id, email, display_name, role, active, registered_at, updated_at
                        FROM {rm}.person WHERE id = ANY (?::uuid[])""")
                .param(people)
                .query(rs -> {
                    Person person = new Person(rs.getObject("id", UUID.class), true);
                    person.email = rs.getString("email");
                    person.displayName = rs.getString("display_name");
                    person.role = rs.getString("role");
                    person.active = rs.getBoolean("active");
                    person.registeredAt = rs.getTimestamp("registered_at").toInstant();
                    person.updatedAt = rs.getTimestamp("updated_at").toInstant();
                    loaded.put(person.id, person);
                });
    }

    @Override
    public void apply(EventEnvelope envelope, Batch batch) {
        switch (envelope.event()) {
            case UserEvent event -> apply(envelope, event);
            case TicketEvent ignored -> {
                // tickets name people by id; the ticket read model copies the names
            }
            case CalendarEvent ignored -> {
                // service-level configuration names no person's details
            }
            case SlaPolicyEvent ignored -> {
                // service-level configuration names no person's details
            }
        }
    }

    private void apply(EventEnvelope envelope, UserEvent event) {
        if (event instanceof UserRegistered registered) {
            Person person = new Person(registered.userId().value(), false);
            person.email = registered.email();
            person.displayName = registered.displayName();
            person.role = registered.role().wireName();
            person.active = true;
            person.registeredAt = envelope.time();
            person.updatedAt = envelope.time();
            loaded.put(person.id, person);
            changed.put(person.id, person);
            return;
        }
        Person person = loaded.get(event.userId().value());
        if (person == null) {
            return; // a change of someone never registered here: nothing to change
        }
        switch (event) {
            case UserDisplayNameChanged renamed -> person.displayName = renamed.displayName();
            case UserDeactivated ignored -> person.active = false;
            case UserErased ignored -> {
                // the id stays, as the person's pseudonym; what the key sealed reads as erased from now on
                person.email = SealedText.ERASED;
                person.displayName = SealedText.ERASED;
            }
            case UserRegistered ignored -> throw new IllegalStateException("handled above");
        }
        person.updatedAt = envelope.time();
        changed.put(person.id, person);
    }

    @Override
    public void flush() {
        Rows added = new Rows(7);
        Rows updated = new Rows(5);
        for (Person person : changed.values()) {
            if (person.stored) {
                updated.add(person.id, person.email, person.displayName, person.active, person.updatedAt);
            } else {
                added.add(person.id, person.email, person.displayName, person.role, person.active, person.registeredAt,
                        person.updatedAt);
            }
        }
        added.write(sql, """
                INSERT INTO {rm}.person (id, email, display_name, role, active, registered_at, updated_at)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[],
                                     ?::timestamptz[])""");
        updated.write(sql, """
                UPDATE {rm}.person p SET email = u.email, display_name = u.display_name, active = u.active,
                                         updated_at = u.updated_at
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[])
                     AS u(id, email, display_name, active, updated_at)
                WHERE p.id = u.id""");
    }
}
