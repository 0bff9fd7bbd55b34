package dev.docket.command.user;

import dev.docket.command.app.CommandTargets;
import dev.docket.events.ErrorCode;
import dev.docket.events.Role;
import dev.docket.events.UserDeactivated;
import dev.docket.events.UserDisplayNameChanged;
import dev.docket.events.UserErased;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.docket.command.Refusals.refusal;
import static dev.docket.command.Refusals.validationFailureOf;

/** Given/when/then for every user command and every refusal. */
class UserTest {

    private static final UserId ID = new UserId(UUID.fromString("0193a0e2-7c1d-7b4e-9f00-000000000042"));
    private static final UserRegistered REGISTERED = new UserRegistered(ID, "ana@example.com", "Ana", Role.AGENT);

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerCommandTargetResolver(new CommandTargets());
    }

    @Test
    void registersAPersonWithANormalisedEmail() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "  Ana@Example.COM ", " Ana ", Role.AGENT))
                .expectEvents(REGISTERED)
                .expectResultMessagePayload(new UserChange(ID, 1));
    }

    @Test
    void rejectsAnInvalidEmail() {
        rejectsRegistration(new RegisterUser(ID, "ana.example.com", "Ana", Role.AGENT), "email");
    }

    @Test
    void rejectsAnEmailWithoutDomainDot() {
        rejectsRegistration(new RegisterUser(ID, "ana@localhost", "Ana", Role.AGENT), "email");
    }

    @Test
    void rejectsAMissingDisplayName() {
        rejectsRegistration(new RegisterUser(ID, "ana@example.com", " ", Role.AGENT), "displayName");
    }

    @Test
    void rejectsADisplayNameOverTheMaximumLength() {
        rejectsRegistration(new RegisterUser(ID, "ana@example.com", "a".repeat(UserRules.DISPLAY_NAME_MAX_LENGTH + 1),
                Role.AGENT), "displayName");
    }

    @Test
    void rejectsAMissingRole() {
        rejectsRegistration(new RegisterUser(ID, "ana@example.com", "Ana", null), "role");
    }

    @Test
    void changesTheDisplayName() {
        fixture.given(REGISTERED)
                .when(new ChangeDisplayName(ID, 1L, "Ana Lima"))
                .expectEvents(new UserDisplayNameChanged(ID, "Ana Lima"));
    }

    @Test
    void theSameDisplayNameAgainChangesNothing() {
        fixture.given(REGISTERED)
                .when(new ChangeDisplayName(ID, null, "Ana"))
                .expectNoEvents()
                .expectResultMessagePayload(new UserChange(ID, 1));
    }

    @Test
    void rejectsAControlCharacterInTheDisplayName() {
        fixture.given(REGISTERED)
                .when(new ChangeDisplayName(ID, null, "Ana\u0007"))
                .expectNoEvents()
                .expectException(validationFailureOf("displayName"));
    }

    @Test
    void rejectsARenameBasedOnAStaleVersion() {
        fixture.given(REGISTERED, new UserDisplayNameChanged(ID, "Ana L."))
                .when(new ChangeDisplayName(ID, 1L, "Ana Lima"))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.VERSION_MISMATCH));
    }

    @Test
    void deactivatesAnActivePerson() {
        fixture.given(REGISTERED)
                .when(new DeactivateUser(ID, null, "Left the company"))
                .expectEvents(new UserDeactivated(ID, "Left the company"));
    }

    @Test
    void rejectsDeactivatingTwice() {
        fixture.given(REGISTERED, new UserDeactivated(ID, ""))
                .when(new DeactivateUser(ID, null, null))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.USER_DEACTIVATED));
    }

    private static final UUID KEY = UUID.fromString("6f0c2d4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f");

    @Test
    void erasesAPersonUnderALegalBasis() {
        fixture.given(REGISTERED)
                .when(new ErasePerson(ID, KEY, " GDPR Art. 17(1)(a) ", "Request 42"))
                .expectEvents(new UserErased(ID, KEY, "GDPR Art. 17(1)(a)", "Request 42"));
    }

    @Test
    void erasesADeactivatedPersonAndOneWithoutAKey() {
        fixture.given(REGISTERED, new UserDeactivated(ID, ""))
                .when(new ErasePerson(ID, null, "GDPR Art. 17(1)(a)", null))
                .expectEvents(new UserErased(ID, null, "GDPR Art. 17(1)(a)", ""));
    }

    @Test
    void erasingTwiceChangesNothing() {
        fixture.given(REGISTERED, new UserErased(ID, KEY, "GDPR Art. 17(1)(a)", ""))
                .when(new ErasePerson(ID, KEY, "GDPR Art. 17(1)(a)", "again"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void rejectsAnErasureWithoutALegalBasis() {
        fixture.given(REGISTERED)
                .when(new ErasePerson(ID, KEY, "  ", null))
                .expectNoEvents()
                .expectException(validationFailureOf("legalBasis"));
    }

    @Test
    void rejectsAnErasureWithAnOverlongReason() {
        fixture.given(REGISTERED)
                .when(new ErasePerson(ID, KEY, "GDPR Art. 17(1)(a)", "x".repeat(1_001)))
                .expectNoEvents()
                .expectException(validationFailureOf("reason"));
    }

    @Test
    void anErasedPersonsProfileAcceptsNoChange() {
        fixture.given(REGISTERED, new UserErased(ID, KEY, "GDPR Art. 17(1)(a)", ""))
                .when(new ChangeDisplayName(ID, null, "Back again"))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.USER_ERASED));
        fixture.given(REGISTERED, new UserErased(ID, KEY, "GDPR Art. 17(1)(a)", ""))
                .when(new DeactivateUser(ID, null, null))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.USER_ERASED));
    }

    @Test
    void aCommandToAnotherAggregatesIdIsRefusedBeforeReachingTheUser() {
        fixture.given(new dev.docket.events.TicketOpened(new dev.docket.events.TicketId(ID.value()), "TCK-1", "t", "",
                        dev.docket.events.Priority.LOW, ID, java.util.List.of()))
                .when(new DeactivateUser(ID, null, null))
                .expectNoEvents()
                .expectException(org.axonframework.eventsourcing.IncompatibleAggregateException.class);
    }

    private void rejectsRegistration(RegisterUser command, String field) {
        fixture.givenNoPriorActivity().when(command).expectNoEvents().expectException(validationFailureOf(field));
    }
}
