package dev.docket.command.app;

import dev.docket.events.BusinessCalendarDefined;
import dev.docket.events.PolicyBookId;
import dev.docket.events.SlaPoliciesChanged;
import dev.docket.events.sla.SlaConfigHistory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Every version of the calendars and the policy book, from their events, each in force from its event's time: the
 * configuration the clocks are computed under. Read again only when a change bumped the configuration's version.
 */
@Component
class SlaConfigSource {

    private record Loaded(long version, SlaConfigHistory history) {
    }

    private final SlaDue due;
    private final EventStore events;
    private final JdbcClient jdbc;
    private volatile Loaded loaded = new Loaded(-1, SlaConfigHistory.EMPTY);

    SlaConfigSource(SlaDue due, EventStore events, JdbcClient jdbc) {
        this.due = due;
        this.events = events;
        this.jdbc = jdbc;
    }

    SlaConfigHistory current() {
        long version = due.configVersion();
        Loaded now = loaded;
        if (now.version() != version) {
            now = new Loaded(version, load());
            loaded = now;
        }
        return now.history();
    }

    private SlaConfigHistory load() {
        List<String> aggregates = new ArrayList<>(jdbc.sql("SELECT calendar_id::text FROM sla_calendar_directory")
                .query(String.class).list());
        aggregates.add(PolicyBookId.DEFAULT.toString());
        SlaConfigHistory history = SlaConfigHistory.EMPTY;
        for (String aggregate : aggregates) {
            for (DomainEventMessage<?> message : events.readEvents(aggregate, 0).asStream().toList()) {
                if (message.getPayload() instanceof BusinessCalendarDefined defined) {
                    history = history.withCalendar(defined.calendarId(), message.getTimestamp(), defined.calendar());
                } else if (message.getPayload() instanceof SlaPoliciesChanged changed) {
                    history = history.withPolicies(message.getTimestamp(), changed.policies());
                }
            }
        }
        return history;
    }
}
