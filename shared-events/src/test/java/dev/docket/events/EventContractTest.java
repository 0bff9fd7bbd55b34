package dev.docket.events;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.RecordComponent;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContractTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyTicketEventIsAnAnnotatedRecordWhoseRevisionMatchesItsTypeVersion() {
        Class<?>[] events = TicketEvent.class.getPermittedSubclasses();
        assertThat(events).isNotEmpty();
        for (Class<?> event : events) {
            assertThat(event.isRecord()).as("%s is a record", event).isTrue();
            EventType type = event.getAnnotation(EventType.class);
            Revision revision = event.getAnnotation(Revision.class);
            assertThat(type).as("%s has @EventType", event).isNotNull();
            assertThat(revision).as("%s has @Revision", event).isNotNull();
            assertThat(revision.value()).as("%s revision equals its type version", event)
                    .isEqualTo(String.valueOf(type.version()));
            assertThat(type.name()).startsWith("dev.docket.ticket.");
            RecordComponent first = event.getRecordComponents()[0];
            assertThat(first.getName()).as("%s starts with the ticket id", event).isEqualTo("ticketId");
            assertThat(first.getType()).isEqualTo(TicketId.class);
        }
    }

    @Test
    void typeNamesAreUniqueAndResolveBothWays() {
        assertThat(EventTypes.typeOf(TicketOpened.class)).isEqualTo("dev.docket.ticket.opened.v1");
        assertThat(EventTypes.classOf("dev.docket.ticket.opened.v1")).contains(TicketOpened.class);
        assertThat(EventTypes.typeOfClassName(TicketOpened.class.getName())).contains("dev.docket.ticket.opened.v1");
        assertThat(EventTypes.classOf("dev.docket.ticket.opened.v2")).isEmpty();
        assertThat(EventTypes.typeOfClassName("java.lang.String")).isEmpty();
        assertThat(EventTypes.all()).hasSize(TicketEvent.class.getPermittedSubclasses().length);
    }

    @Test
    void ticketOpenedHasTheDocumentedJsonShapeAndReadsBackEqual() {
        TicketId id = new TicketId(UUID.fromString("0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f"));
        TicketOpened event = new TicketOpened(id, "TCK-000042", "Printer on fire", "Third floor", Priority.URGENT);

        JsonNode tree = json.readTree(json.writeValueAsString(event));

        assertThat(tree.get("ticketId").asString()).isEqualTo("0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f");
        assertThat(tree.get("number").asString()).isEqualTo("TCK-000042");
        assertThat(tree.get("title").asString()).isEqualTo("Printer on fire");
        assertThat(tree.get("description").asString()).isEqualTo("Third floor");
        assertThat(tree.get("priority").asString()).isEqualTo("urgent");
        assertThat(tree.propertyNames()).containsExactlyInAnyOrder("ticketId", "number", "title", "description", "priority");
        assertThat(json.readValue(json.writeValueAsString(event), TicketOpened.class)).isEqualTo(event);
    }

    @Test
    void aMissingDescriptionReadsAsEmptyText() {
        TicketOpened event = json.readValue("""
                {"ticketId":"0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f","number":"TCK-000001","title":"t","priority":"low"}
                """, TicketOpened.class);
        assertThat(event.description()).isEmpty();
    }

    @Test
    void ticketIdsParseOnlyTheCanonicalForm() {
        assertThat(TicketId.parse("0193A0E2-7C1D-7B4E-9F00-5A2B3C4D5E6F").toString())
                .isEqualTo("0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f");
        assertThatThrownBy(() -> TicketId.parse("1-1-1-1-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketId.parse("0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketId.parse("zz93a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prioritiesMatchTheirWireNamesExactly() {
        assertThat(Priority.fromWireName("urgent")).contains(Priority.URGENT);
        assertThat(Priority.fromWireName("URGENT")).isEmpty();
        assertThat(Priority.fromWireName("critical")).isEmpty();
        assertThat(Priority.fromWireName(null)).isEmpty();
    }
}
