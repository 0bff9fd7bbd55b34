package dev.docket.command.sla;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.command.rules.TextRules;
import dev.docket.command.rules.VersionRules;
import dev.docket.events.BusinessCalendarDefined;
import dev.docket.events.CalendarId;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.support.errors.FieldViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A business calendar: its versions are its events, each the whole definition in force from its moment on. Never
 * deleted, so a policy that names it, and every clock computed under an old version, keeps its meaning.
 */
@Aggregate(commandTargetResolver = "commandTargets")
@Revision("1") // the snapshot's shape
class Calendar {

    @AggregateIdentifier
    @JsonProperty
    private CalendarId calendarId;
    @JsonProperty
    private String name;
    @JsonProperty
    private BusinessCalendar calendar;

    Calendar() {
        // for Axon: state comes from the events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    SlaChange handle(CreateCalendar command) {
        TextRules.requirePresent("calendarId", command.calendarId());
        return define(command.calendarId(), command.name(), command.calendar(), command.reason());
    }

    @CommandHandler
    SlaChange handle(ChangeCalendar command) {
        VersionRules.requireCurrent(command.expectedVersion(), "calendar");
        return define(calendarId, command.name(), command.calendar(), command.reason());
    }

    private SlaChange define(CalendarId id, String requestedName, BusinessCalendar definition, String requestedReason) {
        String newName = TextRules.strip(requestedName);
        String reason = TextRules.strip(requestedReason);
        List<FieldViolation> violations = SlaRules.calendarViolations(newName, definition, reason);
        TextRules.requireNone(violations);
        if (!Objects.equals(newName, name) || !definition.equals(calendar)) {
            apply(new BusinessCalendarDefined(id, newName, definition, reason == null ? "" : reason));
        }
        return new SlaChange(id.toString(), VersionRules.current());
    }

    @EventSourcingHandler
    void on(BusinessCalendarDefined event) {
        calendarId = event.calendarId();
        name = event.name();
        calendar = event.calendar();
    }
}
