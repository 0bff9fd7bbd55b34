package dev.docket.events.privacy;

import dev.docket.events.DocketEvent;
import dev.docket.events.EventTypes;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text field of every event is either personal data (sealed, under its owner's key) or named here as not
 * personal: a new event with a text field fails this test until someone decides which it is.
 */
class PersonalDataTest {

    /**
     * Text fields that are the organisation's record, not a person's data (docs/data-protection.md): ids and numbers,
     * content descriptions, service-level configuration, and the reasons agents give for their workflow moves.
     */
    private static final Set<String> NOT_PERSONAL = Set.of(
            "TicketOpened.number", "TicketCommentAdded.author", "TicketAttachmentAdded.mediaType",
            "TicketAttachmentAdded.sha256", "TicketOwnershipTransferred.reason", "TicketArchived.reason",
            "TicketRestored.reason", "TicketStatusChanged.reason", "SlaPoliciesChanged.reason", "SlaWarningRaised.policy", "SlaBreached.policy", "SlaFulfilled.policy",
            "BusinessCalendarDefined.name", "BusinessCalendarDefined.reason", "UserErased.legalBasis",
            "UserErased.reason");

    @Test
    void everyTextFieldOfEveryEventIsDecided() {
        List<String> undecided = new ArrayList<>();
        for (String type : EventTypes.all()) {
            Class<? extends DocketEvent> event = EventTypes.classOf(type).orElseThrow();
            List<String> personal = PersonalData.of(event).map(PersonalData::fields).orElse(List.of());
            for (RecordComponent component : event.getRecordComponents()) {
                String name = event.getSimpleName() + "." + component.getName();
                if (component.getType() == String.class && !personal.contains(component.getName())
                        && !NOT_PERSONAL.contains(name)) {
                    undecided.add(name);
                }
            }
        }
        assertThat(undecided).isEmpty();
    }

    @Test
    void theListOfFieldsThatAreNotPersonalNamesRealFields() {
        List<String> textFields = new ArrayList<>();
        for (String type : EventTypes.all()) {
            Class<? extends DocketEvent> event = EventTypes.classOf(type).orElseThrow();
            for (RecordComponent component : event.getRecordComponents()) {
                textFields.add(event.getSimpleName() + "." + component.getName());
            }
        }
        assertThat(textFields).containsAll(NOT_PERSONAL);
    }

    @Test
    void personalFieldsAreTextFieldsOfTheirEvent() {
        for (String type : EventTypes.all()) {
            Class<? extends DocketEvent> event = EventTypes.classOf(type).orElseThrow();
            PersonalData.of(event).ifPresent(personal -> {
                for (String field : personal.fields()) {
                    assertThat(event.getRecordComponents()).as(event.getSimpleName() + "." + field)
                            .anyMatch(c -> c.getName().equals(field) && c.getType() == String.class);
                }
                if (personal.owner() == PersonalData.Owner.SUBJECT_USER) {
                    assertThat(event.getRecordComponents())
                            .anyMatch(c -> c.getName().equals(PersonalData.SUBJECT_USER_FIELD));
                }
            });
        }
    }
}
