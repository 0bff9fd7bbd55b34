package dev.docket.events;

import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.events.calendar.BusinessCalendar.Holiday;
import dev.docket.events.calendar.BusinessCalendar.WorkingHours;
import dev.docket.events.sla.SlaConditions;
import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaPause;
import dev.docket.events.sla.SlaPolicy;
import dev.docket.events.sla.SlaTarget;
import dev.docket.events.sla.TimeBasis;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.RecordComponent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContractTest {

    private static final TicketId TICKET = new TicketId(UUID.fromString("0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f"));
    private static final UserId USER = new UserId(UUID.fromString("0193a0e2-7c1d-7b4e-9f00-000000000001"));
    private static final CalendarId CALENDAR = CalendarId.parse("0193a0e2-7c1d-7b4e-9f00-0000000cafe0");
    private static final UserId AGENT = new UserId(UUID.fromString("0193a0e2-7c1d-7b4e-9f00-000000000002"));

    private final JsonMapper json = JsonMapper.builder().build();

    /** One instance of every event: a new event must be added here, which the first test checks. */
    static List<DocketEvent> samples() {
        return List.of(
                new TicketOpened(TICKET, "TCK-000042", "Printer on fire", "Third floor", Priority.URGENT, USER,
                        List.of("hardware")),
                new TicketEdited(TICKET, "Printer smoking", ""),
                new TicketPriorityChanged(TICKET, Priority.URGENT, Priority.HIGH),
                new TicketAssigned(TICKET, AGENT, null),
                new TicketUnassigned(TICKET, AGENT),
                new TicketOwnershipTransferred(TICKET, USER, AGENT, "Team change"),
                new TicketStatusChanged(TICKET, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, ""),
                new TicketCommentAdded(TICKET, new CommentId(UUID.randomUUID()), "ana", CommentVisibility.INTERNAL, "VIP"),
                new TicketAttachmentAdded(TICKET, new AttachmentId(UUID.randomUUID()), "a.png", "image/png", 42,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                new TicketTagsChanged(TICKET, List.of("vpn"), List.of("hardware")),
                new TicketArchived(TICKET, "Spam"),
                new TicketRestored(TICKET, ""),
                new SlaWarningRaised(TICKET, SlaMetric.FIRST_RESPONSE, 1, "vip", Instant.parse("2026-12-03T09:45:00Z"),
                        Instant.parse("2026-12-03T10:00:00Z")),
                new SlaBreached(TICKET, SlaMetric.NEXT_RESPONSE, 2, "vip", Instant.parse("2026-12-03T10:00:00Z")),
                new SlaFulfilled(TICKET, SlaMetric.RESOLUTION, 1, "vip", Instant.parse("2026-12-03T11:00:00.123Z"), true),
                new UserRegistered(USER, "ana@example.com", "Ana", Role.REQUESTER),
                new UserDisplayNameChanged(USER, "Ana Lima"),
                new UserDeactivated(USER, "Left"),
                new UserErased(USER, java.util.UUID.fromString("6f0c2d4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f"),
                        "GDPR Art. 17(1)(a)", "Request DPO-2026-0042"),
                new BusinessCalendarDefined(CALENDAR, "Berlin office", new BusinessCalendar(ZoneId.of("Europe/Berlin"),
                        List.of(new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 30)),
                                new WorkingHours(DayOfWeek.FRIDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))),
                        List.of(Holiday.on(LocalDate.of(2026, 12, 24)),
                                new Holiday(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 1)))), "Opening hours"),
                new SlaPoliciesChanged(PolicyBookId.DEFAULT, List.of(new SlaPolicy("vip", "VIP customers",
                        new SlaConditions(Set.of(Priority.URGENT), Set.of("vip"), Set.of(USER)), CALENDAR,
                        List.of(new SlaTarget(Priority.URGENT, SlaMetric.FIRST_RESPONSE, 60, TimeBasis.BUSINESS, 15)),
                        List.of(new SlaPause(TicketStatus.WAITING_ON_CUSTOMER, Set.of(SlaMetric.RESOLUTION))),
                        false, true)), "Contract renewal"));
    }

    private static List<Class<?>> allEventClasses() {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> family : DocketEvent.class.getPermittedSubclasses()) {
            classes.addAll(Arrays.asList(family.getPermittedSubclasses()));
        }
        return classes;
    }

    @Test
    void everyEventIsAnAnnotatedRecordStartingWithItsSubjectsIdWhoseRevisionMatchesItsTypeVersion() {
        List<Class<?>> events = allEventClasses();
        assertThat(events).hasSize(21);
        assertThat(samples()).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(events);
        for (Class<?> event : events) {
            assertThat(event.isRecord()).as("%s is a record", event).isTrue();
            EventType type = event.getAnnotation(EventType.class);
            Revision revision = event.getAnnotation(Revision.class);
            assertThat(type).as("%s has @EventType", event).isNotNull();
            assertThat(revision).as("%s has @Revision", event).isNotNull();
            assertThat(revision.value()).as("%s revision equals its type version", event)
                    .isEqualTo(String.valueOf(type.version()));
            RecordComponent first = event.getRecordComponents()[0];
            if (TicketEvent.class.isAssignableFrom(event)) {
                assertThat(type.name()).startsWith("dev.docket.ticket.");
                assertThat(first.getName()).as("%s starts with the ticket id", event).isEqualTo("ticketId");
                assertThat(first.getType()).isEqualTo(TicketId.class);
            } else if (UserEvent.class.isAssignableFrom(event)) {
                assertThat(type.name()).startsWith("dev.docket.user.");
                assertThat(first.getName()).as("%s starts with the user id", event).isEqualTo("userId");
                assertThat(first.getType()).isEqualTo(UserId.class);
            } else if (CalendarEvent.class.isAssignableFrom(event)) {
                assertThat(type.name()).startsWith("dev.docket.sla.");
                assertThat(first.getName()).as("%s starts with the calendar id", event).isEqualTo("calendarId");
                assertThat(first.getType()).isEqualTo(CalendarId.class);
            } else {
                assertThat(type.name()).startsWith("dev.docket.sla.");
                assertThat(first.getName()).as("%s starts with the book id", event).isEqualTo("bookId");
                assertThat(first.getType()).isEqualTo(PolicyBookId.class);
            }
        }
    }

    @Test
    void everyEventWritesExactlyItsRecordComponentsAndReadsBackEqual() {
        for (DocketEvent event : samples()) {
            JsonNode tree = json.readTree(json.writeValueAsString(event));
            Set<String> components = Arrays.stream(event.getClass().getRecordComponents())
                    .map(RecordComponent::getName).collect(Collectors.toSet());
            assertThat(tree.propertyNames()).as("%s fields", event.getClass().getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(components);
            assertThat(json.readValue(json.writeValueAsString(event), event.getClass())).isEqualTo(event);
        }
    }

    @Test
    void typeNamesAreUniqueAndResolveBothWays() {
        assertThat(EventTypes.typeOf(TicketOpened.class)).isEqualTo("dev.docket.ticket.opened.v2");
        assertThat(EventTypes.typeOf(UserRegistered.class)).isEqualTo("dev.docket.user.registered.v2");
        assertThat(EventTypes.typeOf(TicketStatusChanged.class)).isEqualTo("dev.docket.ticket.status-changed.v1");
        assertThat(EventTypes.classOf("dev.docket.ticket.status-changed.v1")).contains(TicketStatusChanged.class);
        assertThat(EventTypes.typeOfClassName(TicketOpened.class.getName())).contains("dev.docket.ticket.opened.v2");
        // the version before personal fields were sealed still reads into the same record
        assertThat(EventTypes.classOf("dev.docket.ticket.opened.v1")).contains(TicketOpened.class);
        assertThat(EventTypes.typeOfStored(TicketOpened.class.getName(), "1")).contains("dev.docket.ticket.opened.v1");
        assertThat(EventTypes.typeOfStored(TicketOpened.class.getName(), "2")).contains("dev.docket.ticket.opened.v2");
        assertThat(EventTypes.typeOfStored(TicketOpened.class.getName(), "3")).isEmpty();
        assertThat(EventTypes.typeOfStored(TicketStatusChanged.class.getName(), "2")).isEmpty();
        assertThat(EventTypes.classOf("dev.docket.ticket.opened.v3")).isEmpty();
        assertThat(EventTypes.typeOfClassName("java.lang.String")).isEmpty();
        List<String> all = new ArrayList<>();
        EventTypes.all().forEach(all::add);
        long earlier = allEventClasses().stream().mapToLong(c -> c.getAnnotation(EventType.class).earlier().length).sum();
        assertThat(all).doesNotHaveDuplicates().hasSize(allEventClasses().size() + (int) earlier);
    }

    @Test
    void ticketOpenedHasTheDocumentedJsonShape() {
        JsonNode tree = json.readTree(json.writeValueAsString(samples().getFirst()));

        assertThat(tree.get("ticketId").asString()).isEqualTo("0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f");
        assertThat(tree.get("number").asString()).isEqualTo("TCK-000042");
        assertThat(tree.get("priority").asString()).isEqualTo("urgent");
        assertThat(tree.get("requesterId").asString()).isEqualTo("0193a0e2-7c1d-7b4e-9f00-000000000001");
        assertThat(tree.get("tags").get(0).asString()).isEqualTo("hardware");
    }

    @Test
    void enumsUseTheirLowerCaseWireNames() {
        assertThat(json.writeValueAsString(TicketStatus.WAITING_ON_CUSTOMER)).isEqualTo("\"waiting_on_customer\"");
        assertThat(TicketStatus.fromWireName("in_progress")).contains(TicketStatus.IN_PROGRESS);
        assertThat(TicketStatus.fromWireName("IN_PROGRESS")).isEmpty();
        assertThat(json.writeValueAsString(CommentVisibility.INTERNAL)).isEqualTo("\"internal\"");
        assertThat(Role.fromWireName("admin")).contains(Role.ADMIN);
        assertThat(Role.AGENT.worksTickets()).isTrue();
        assertThat(Role.REQUESTER.worksTickets()).isFalse();
    }

    @Test
    void missingOptionalTextReadsAsEmptyAndMissingListsAsEmpty() {
        TicketOpened event = json.readValue("""
                {"ticketId":"0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f","number":"TCK-000001","title":"t","priority":"low",
                 "requesterId":"0193a0e2-7c1d-7b4e-9f00-000000000001"}
                """, TicketOpened.class);
        assertThat(event.description()).isEmpty();
        assertThat(event.tags()).isEmpty();
    }

    @Test
    void idsParseOnlyTheCanonicalForm() {
        assertThat(TicketId.parse("0193A0E2-7C1D-7B4E-9F00-5A2B3C4D5E6F").toString())
                .isEqualTo("0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f");
        assertThatThrownBy(() -> TicketId.parse("1-1-1-1-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserId.parse("0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommentId.parse("zz93a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttachmentId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prioritiesMatchTheirWireNamesExactly() {
        assertThat(Priority.fromWireName("urgent")).contains(Priority.URGENT);
        assertThat(Priority.fromWireName("URGENT")).isEmpty();
        assertThat(Priority.fromWireName("critical")).isEmpty();
        assertThat(Priority.fromWireName(null)).isEmpty();
    }
}
