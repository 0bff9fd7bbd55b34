package dev.docket.command.ticket;

import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

class TicketTest {

    private static final TicketId ID = new TicketId(UUID.fromString("0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f"));
    private FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
    }

    @Test
    void opensATicketWithTrimmedTextAndAnswersVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new OpenTicket(ID, "TCK-000001", "  Printer on fire ", "Third floor, room 3\n\n  ", Priority.HIGH))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TicketOpened(ID, "TCK-000001", "Printer on fire", "Third floor, room 3", Priority.HIGH))
                .expectResultMessagePayload(new TicketChange(ID, 1));
    }

    @Test
    void opensATicketWithoutDescriptionAsAnEmptyOne() {
        fixture.givenNoPriorActivity()
                .when(new OpenTicket(ID, "TCK-000002", "No description", null, Priority.NORMAL))
                .expectEvents(new TicketOpened(ID, "TCK-000002", "No description", "", Priority.NORMAL));
    }

    @Test
    void acceptsATitleOfExactlyTheMaximumLengthCountedInCharactersNotCodeUnits() {
        String title = "\uD83D\uDD25".repeat(TicketRules.TITLE_MAX_LENGTH); // 500 emoji, 1000 UTF-16 units
        fixture.givenNoPriorActivity()
                .when(new OpenTicket(ID, "TCK-000003", title, "", Priority.LOW))
                .expectEvents(new TicketOpened(ID, "TCK-000003", title, "", Priority.LOW));
    }

    @Test
    void rejectsAMissingTitle() {
        rejects(new OpenTicket(ID, "TCK-000004", null, "", Priority.NORMAL), "title");
    }

    @Test
    void rejectsABlankTitle() {
        rejects(new OpenTicket(ID, "TCK-000005", " \t ", "", Priority.NORMAL), "title");
    }

    @Test
    void rejectsATitleOverTheMaximumLength() {
        rejects(new OpenTicket(ID, "TCK-000006", "x".repeat(TicketRules.TITLE_MAX_LENGTH + 1), "", Priority.NORMAL), "title");
    }

    @Test
    void rejectsControlCharactersInTheTitle() {
        rejects(new OpenTicket(ID, "TCK-000007", "line\nbreak", "", Priority.NORMAL), "title");
    }

    @Test
    void rejectsANulCharacterInTheDescription() {
        rejects(new OpenTicket(ID, "TCK-000008", "ok", "bad\u0000byte", Priority.NORMAL), "description");
    }

    @Test
    void rejectsADescriptionOverTheMaximumLength() {
        rejects(new OpenTicket(ID, "TCK-000009", "ok", "d".repeat(TicketRules.DESCRIPTION_MAX_LENGTH + 1), Priority.NORMAL),
                "description");
    }

    @Test
    void rejectsAMissingPriority() {
        rejects(new OpenTicket(ID, "TCK-000010", "ok", "", null), "priority");
    }

    @Test
    void rejectsACommandWithoutAnAllocatedNumber() {
        rejects(new OpenTicket(ID, null, "ok", "", Priority.NORMAL), "ticketId");
    }

    private void rejects(OpenTicket command, String field) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(validationFailureOf(field));
    }

    private static Matcher<DocketException> validationFailureOf(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DocketException e) {
                return e.code() == ErrorCode.VALIDATION_FAILED
                        && e.violations().stream().map(FieldViolation::field).anyMatch(field::equals);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a VALIDATION_FAILED refusal naming " + field);
            }
        };
    }
}
