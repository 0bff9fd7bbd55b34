package dev.docket.command.ticket;

import dev.docket.command.app.CommandTargets;
import dev.docket.events.AttachmentId;
import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.ErrorCode;
import dev.docket.events.MetadataKeys;
import dev.docket.events.Priority;
import dev.docket.events.Role;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketOwnershipTransferred;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.TicketUnassigned;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.docket.command.Refusals.refusal;
import static dev.docket.command.Refusals.validationFailureOf;
import static dev.docket.events.TicketStatus.CLOSED;
import static dev.docket.events.TicketStatus.IN_PROGRESS;
import static dev.docket.events.TicketStatus.OPEN;
import static dev.docket.events.TicketStatus.RESOLVED;
import static dev.docket.events.TicketStatus.WAITING_ON_CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Given/when/then for every ticket command and every refusal. */
class TicketTest {

    static final TicketId ID = new TicketId(UUID.fromString("0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f"));
    static final UserId REQUESTER = user(1);
    static final UserId OTHER_REQUESTER = user(2);
    static final UserId AGENT = user(3);
    static final UserId OTHER_AGENT = user(4);
    static final UserId ADMIN = user(5);
    static final UserId GONE_AGENT = user(6);
    static final UserId GONE_REQUESTER = user(7);
    static final UserId NOBODY = user(99);
    static final CommentId COMMENT = new CommentId(UUID.fromString("0193a0e2-7c1d-7b4e-9f00-00000000c001"));
    static final AttachmentId ATTACHMENT = new AttachmentId(UUID.fromString("0193a0e2-7c1d-7b4e-9f00-00000000a001"));
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private FixtureConfiguration<Ticket> fixture;

    static UserId user(int n) {
        return new UserId(UUID.fromString("0193a0e2-7c1d-7b4e-9f00-%012d".formatted(n)));
    }

    /** The directory as the aggregate sees it: a plain map, because here only the rule is under test. */
    static People people() {
        Map<UserId, People.Person> people = new HashMap<>();
        people.put(REQUESTER, new People.Person(REQUESTER, Role.REQUESTER, true));
        people.put(OTHER_REQUESTER, new People.Person(OTHER_REQUESTER, Role.REQUESTER, true));
        people.put(AGENT, new People.Person(AGENT, Role.AGENT, true));
        people.put(OTHER_AGENT, new People.Person(OTHER_AGENT, Role.AGENT, true));
        people.put(ADMIN, new People.Person(ADMIN, Role.ADMIN, true));
        people.put(GONE_AGENT, new People.Person(GONE_AGENT, Role.AGENT, false));
        people.put(GONE_REQUESTER, new People.Person(GONE_REQUESTER, Role.REQUESTER, false));
        return id -> Optional.ofNullable(people.get(id));
    }

    static TicketOpened opened() {
        return new TicketOpened(ID, "TCK-000001", "Printer on fire", "Third floor", Priority.NORMAL, REQUESTER,
                List.of("hardware"));
    }

    /** How many ticket numbers the ticket asked for: none for a refused opening. */
    private final AtomicInteger numbersAllocated = new AtomicInteger();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerCommandTargetResolver(new CommandTargets());
        fixture.registerInjectableResource(people());
        fixture.registerInjectableResource((TicketNumbers) () -> "TCK-%06d".formatted(numbersAllocated.incrementAndGet()));
    }

    @Nested
    class Opening {

        @Test
        void opensATicketWithTrimmedTextNormalisedTagsAndAnswersVersionOne() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(ID, "  Printer on fire ", "Third floor, room 3\n\n  ",
                            Priority.HIGH, REQUESTER, List.of(" Hardware ", "floor 3", "hardware")))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TicketOpened(ID, "TCK-000001", "Printer on fire", "Third floor, room 3",
                            Priority.HIGH, REQUESTER, List.of("hardware", "floor-3")))
                    .expectResultMessagePayload(new OpenedTicket(new TicketChange(ID, 1), "TCK-000001"));
        }

        @Test
        void opensATicketWithoutDescriptionOrTags() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(ID, "No description", null, Priority.NORMAL, REQUESTER, null))
                    .expectEvents(new TicketOpened(ID, "TCK-000001", "No description", "", Priority.NORMAL, REQUESTER,
                            List.of()));
        }

        @Test
        void opensATicketForAnAgentAsRequester() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(ID, "Laptop", "", Priority.LOW, AGENT, List.of()))
                    .expectEvents(new TicketOpened(ID, "TCK-000001", "Laptop", "", Priority.LOW, AGENT, List.of()));
        }

        @Test
        void acceptsATitleOfExactlyTheMaximumLengthCountedInCharactersNotCodeUnits() {
            String title = "\uD83D\uDD25".repeat(TicketRules.TITLE_MAX_LENGTH); // 500 emoji, 1000 UTF-16 units
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(ID, title, "", Priority.LOW, REQUESTER, List.of()))
                    .expectEvents(new TicketOpened(ID, "TCK-000001", title, "", Priority.LOW, REQUESTER, List.of()));
        }

        @Test
        void rejectsAMissingTitle() {
            rejectsOpening(open(null, "", List.of()), "title");
        }

        @Test
        void rejectsABlankTitle() {
            rejectsOpening(open(" \t ", "", List.of()), "title");
        }

        @Test
        void rejectsATitleOverTheMaximumLength() {
            rejectsOpening(open("x".repeat(TicketRules.TITLE_MAX_LENGTH + 1), "", List.of()), "title");
        }

        @Test
        void rejectsControlCharactersInTheTitle() {
            rejectsOpening(open("line\nbreak", "", List.of()), "title");
        }

        @Test
        void rejectsANulCharacterInTheDescription() {
            rejectsOpening(open("ok", "bad\u0000byte", List.of()), "description");
        }

        @Test
        void rejectsADescriptionOverTheMaximumLength() {
            rejectsOpening(open("ok", "d".repeat(TicketRules.DESCRIPTION_MAX_LENGTH + 1), List.of()), "description");
        }

        @Test
        void rejectsAMissingPriority() {
            rejectsOpening(new OpenTicket(ID, "ok", "", null, REQUESTER, List.of()), "priority");
        }

        @Test
        void rejectsAMissingRequester() {
            rejectsOpening(new OpenTicket(ID, "ok", "", Priority.LOW, null, List.of()), "requesterId");
        }

        @Test
        void rejectsACommandWithoutAnAllocatedId() {
            rejectsOpening(new OpenTicket(null, "ok", "", Priority.NORMAL, REQUESTER, List.of()), "ticketId");
        }

        @Test
        void rejectsAnInvalidTag() {
            rejectsOpening(open("ok", "", List.of("fine", "-starts-with-dash")), "tags[1]");
        }

        @Test
        void rejectsATagOverTheMaximumLength() {
            rejectsOpening(open("ok", "", List.of("t".repeat(TicketRules.TAG_MAX_LENGTH + 1))), "tags[0]");
        }

        @Test
        void rejectsMoreThanTheMaximumNumberOfTags() {
            List<String> tags = IntStream.rangeClosed(0, TicketRules.MAX_TAGS).mapToObj(i -> "tag" + i).toList();
            rejectsOpening(open("ok", "", tags), "tags");
        }

        @Test
        void rejectsAnUnknownRequester() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(ID, "ok", "", Priority.LOW, NOBODY, List.of()))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.UNKNOWN_USER));
            assertThat(numbersAllocated).as("a refused opening spends no number").hasValue(0);
        }

        @Test
        void rejectsADeactivatedRequester() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(ID, "ok", "", Priority.LOW, GONE_REQUESTER, List.of()))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.USER_INACTIVE));
            assertThat(numbersAllocated).as("a refused opening spends no number").hasValue(0);
        }

        private OpenTicket open(String title, String description, List<String> tags) {
            return new OpenTicket(ID, title, description, Priority.NORMAL, REQUESTER, tags);
        }

        private void rejectsOpening(OpenTicket command, String field) {
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectNoEvents()
                    .expectException(validationFailureOf(field));
            assertThat(numbersAllocated).as("a refused opening spends no number").hasValue(0);
        }
    }

    @Nested
    class Editing {

        @Test
        void editsTheTitleAndKeepsTheDescription() {
            fixture.given(opened())
                    .when(new EditTicket(ID, null, " Printer smoking ", null))
                    .expectEvents(new TicketEdited(ID, "Printer smoking", "Third floor"))
                    .expectResultMessagePayload(new TicketChange(ID, 2));
        }

        @Test
        void editsTheDescriptionAndKeepsTheTitle() {
            fixture.given(opened())
                    .when(new EditTicket(ID, 1L, null, "Second floor"))
                    .expectEvents(new TicketEdited(ID, "Printer on fire", "Second floor"));
        }

        @Test
        void anEditToTheSameTextChangesNothing() {
            fixture.given(opened())
                    .when(new EditTicket(ID, null, "Printer on fire", "Third floor"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new TicketChange(ID, 1));
        }

        @Test
        void anEditKeepsTheTextItDoesNotChangeUnderItsWriter() {
            // opened by the requester; an agent changes the title: the event names each text's writer, whose key
            // seals it (the description stays the requester's)
            fixture.given(new GenericDomainEventMessage<>("Ticket", ID.toString(), 0, opened(),
                            MetaData.with(MetadataKeys.ACTOR, REQUESTER.toString())))
                    .when(new EditTicket(ID, null, "Printer smoking", null),
                            MetaData.with(MetadataKeys.ACTOR, "agent-bo"))
                    .expectEventsMatching(Matchers.exactSequenceOf(Matchers.predicate(event -> {
                        MetaData metaData = ((EventMessage<?>) event).getMetaData();
                        return "agent-bo".equals(metaData.get(MetadataKeys.WRITER_PREFIX + "title"))
                                && REQUESTER.toString().equals(metaData.get(MetadataKeys.WRITER_PREFIX + "description"));
                    }), Matchers.andNoMore()));
        }

        @Test
        void anEditOfBothTextsMakesTheEditorTheirWriter() {
            fixture.given(new GenericDomainEventMessage<>("Ticket", ID.toString(), 0, opened(),
                            MetaData.with(MetadataKeys.ACTOR, REQUESTER.toString())))
                    .when(new EditTicket(ID, null, "Printer smoking", "Fourth floor"),
                            MetaData.with(MetadataKeys.ACTOR, "agent-bo"))
                    .expectEventsMatching(Matchers.exactSequenceOf(Matchers.predicate(event -> {
                        MetaData metaData = ((EventMessage<?>) event).getMetaData();
                        return "agent-bo".equals(metaData.get(MetadataKeys.WRITER_PREFIX + "title"))
                                && "agent-bo".equals(metaData.get(MetadataKeys.WRITER_PREFIX + "description"));
                    }), Matchers.andNoMore()));
        }

        @Test
        void rejectsAnEditWithNeitherTitleNorDescription() {
            fixture.given(opened())
                    .when(new EditTicket(ID, null, null, null))
                    .expectNoEvents()
                    .expectException(validationFailureOf("title"));
        }

        @Test
        void rejectsABlankTitle() {
            fixture.given(opened())
                    .when(new EditTicket(ID, null, "  ", null))
                    .expectNoEvents()
                    .expectException(validationFailureOf("title"));
        }
    }

    @Nested
    class Priorities {

        @Test
        void changesThePriorityRecordingTheOldOne() {
            fixture.given(opened())
                    .when(new ChangePriority(ID, null, Priority.URGENT))
                    .expectEvents(new TicketPriorityChanged(ID, Priority.NORMAL, Priority.URGENT));
        }

        @Test
        void theSamePriorityAgainChangesNothing() {
            fixture.given(opened())
                    .when(new ChangePriority(ID, null, Priority.NORMAL))
                    .expectNoEvents()
                    .expectResultMessagePayload(new TicketChange(ID, 1));
        }

        @Test
        void rejectsAMissingPriority() {
            fixture.given(opened())
                    .when(new ChangePriority(ID, null, null))
                    .expectNoEvents()
                    .expectException(validationFailureOf("priority"));
        }
    }

    @Nested
    class Assignment {

        @Test
        void assignsAnUnassignedTicketToAnActiveAgent() {
            fixture.given(opened())
                    .when(new AssignTicket(ID, null, AGENT))
                    .expectEvents(new TicketAssigned(ID, AGENT, null));
        }

        @Test
        void assignsToAnAdmin() {
            fixture.given(opened())
                    .when(new AssignTicket(ID, null, ADMIN))
                    .expectEvents(new TicketAssigned(ID, ADMIN, null));
        }

        @Test
        void reassignsRecordingThePreviousAgent() {
            fixture.given(opened(), new TicketAssigned(ID, AGENT, null))
                    .when(new AssignTicket(ID, 2L, OTHER_AGENT))
                    .expectEvents(new TicketAssigned(ID, OTHER_AGENT, AGENT))
                    .expectResultMessagePayload(new TicketChange(ID, 3));
        }

        @Test
        void assigningTheCurrentAssigneeAgainChangesNothing() {
            fixture.given(opened(), new TicketAssigned(ID, AGENT, null))
                    .when(new AssignTicket(ID, null, AGENT))
                    .expectNoEvents();
        }

        @Test
        void rejectsAssignmentToARequester() {
            fixture.given(opened())
                    .when(new AssignTicket(ID, null, OTHER_REQUESTER))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.NOT_AN_AGENT));
        }

        @Test
        void rejectsAssignmentToADeactivatedAgent() {
            fixture.given(opened())
                    .when(new AssignTicket(ID, null, GONE_AGENT))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.USER_INACTIVE));
        }

        @Test
        void rejectsAssignmentToAnUnknownPerson() {
            fixture.given(opened())
                    .when(new AssignTicket(ID, null, NOBODY))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.UNKNOWN_USER));
        }

        @Test
        void rejectsAnAssignmentWithoutAssignee() {
            fixture.given(opened())
                    .when(new AssignTicket(ID, null, null))
                    .expectNoEvents()
                    .expectException(validationFailureOf("assigneeId"));
        }

        @Test
        void unassignsRecordingWhoHadIt() {
            fixture.given(opened(), new TicketAssigned(ID, AGENT, null))
                    .when(new UnassignTicket(ID, null))
                    .expectEvents(new TicketUnassigned(ID, AGENT));
        }

        @Test
        void unassigningAnUnassignedTicketChangesNothing() {
            fixture.given(opened())
                    .when(new UnassignTicket(ID, null))
                    .expectNoEvents();
        }
    }

    @Nested
    class Ownership {

        @Test
        void transfersOwnershipToAnotherRequesterWithTheReason() {
            fixture.given(opened())
                    .when(new TransferOwnership(ID, null, OTHER_REQUESTER, " Ana left the team "))
                    .expectEvents(new TicketOwnershipTransferred(ID, REQUESTER, OTHER_REQUESTER, "Ana left the team"));
        }

        @Test
        void transferringToTheCurrentRequesterChangesNothing() {
            fixture.given(opened())
                    .when(new TransferOwnership(ID, null, REQUESTER, "no-op"))
                    .expectNoEvents();
        }

        @Test
        void rejectsATransferWithoutReason() {
            fixture.given(opened())
                    .when(new TransferOwnership(ID, null, OTHER_REQUESTER, " "))
                    .expectNoEvents()
                    .expectException(validationFailureOf("reason"));
        }

        @Test
        void rejectsATransferToADeactivatedPerson() {
            fixture.given(opened())
                    .when(new TransferOwnership(ID, null, GONE_REQUESTER, "moving on"))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.USER_INACTIVE));
        }

        @Test
        void rejectsATransferToAnUnknownPerson() {
            fixture.given(opened())
                    .when(new TransferOwnership(ID, null, NOBODY, "moving on"))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.UNKNOWN_USER));
        }
    }

    @Nested
    class Lifecycle {

        static Stream<Arguments> allowedMoves() {
            return Stream.of(
                    Arguments.of(OPEN, IN_PROGRESS), Arguments.of(OPEN, WAITING_ON_CUSTOMER), Arguments.of(OPEN, RESOLVED),
                    Arguments.of(IN_PROGRESS, WAITING_ON_CUSTOMER), Arguments.of(IN_PROGRESS, RESOLVED),
                    Arguments.of(WAITING_ON_CUSTOMER, IN_PROGRESS), Arguments.of(WAITING_ON_CUSTOMER, RESOLVED),
                    Arguments.of(RESOLVED, OPEN), Arguments.of(RESOLVED, CLOSED));
        }

        static Stream<Arguments> forbiddenMoves() {
            List<Arguments> forbidden = new ArrayList<>();
            Predicate<Arguments> allowed = a -> allowedMoves().anyMatch(m ->
                    m.get()[0] == a.get()[0] && m.get()[1] == a.get()[1]);
            for (TicketStatus from : TicketStatus.values()) {
                for (TicketStatus to : TicketStatus.values()) {
                    Arguments move = Arguments.of(from, to);
                    if (from != to && !allowed.test(move)) {
                        forbidden.add(move);
                    }
                }
            }
            return forbidden.stream();
        }

        @ParameterizedTest(name = "moves a ticket from {0} to {1}")
        @MethodSource("allowedMoves")
        void movesAlongEveryAllowedTransition(TicketStatus from, TicketStatus to) {
            fixture.given(inStatus(from))
                    .when(new ChangeStatus(ID, null, to, "because"))
                    .expectEvents(new TicketStatusChanged(ID, from, to, "because"));
        }

        @ParameterizedTest(name = "refuses to move a ticket from {0} to {1}")
        @MethodSource("forbiddenMoves")
        void refusesEveryOtherTransitionNamingCurrentAndRequestedStatus(TicketStatus from, TicketStatus to) {
            fixture.given(inStatus(from))
                    .when(new ChangeStatus(ID, null, to, null))
                    .expectNoEvents()
                    .expectException(new TypeSafeMatcher<DocketException>() {
                        @Override
                        protected boolean matchesSafely(DocketException e) {
                            return e.code() == ErrorCode.INVALID_TRANSITION
                                    && from.wireName().equals(e.properties().get("currentStatus"))
                                    && to.wireName().equals(e.properties().get("requestedStatus"));
                        }

                        @Override
                        public void describeTo(Description description) {
                            description.appendText("INVALID_TRANSITION from " + from + " to " + to);
                        }
                    });
        }

        @Test
        void theTransitionTableHasExactlyTheTestedMoves() {
            long moves = Stream.of(TicketStatus.values())
                    .mapToLong(s -> StatusTransitions.from(s).size()).sum();
            org.assertj.core.api.Assertions.assertThat(moves).isEqualTo(allowedMoves().count());
        }

        @Test
        void theSameStatusAgainChangesNothing() {
            fixture.given(opened())
                    .when(new ChangeStatus(ID, null, OPEN, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(new TicketChange(ID, 1));
        }

        @Test
        void rejectsAMissingStatus() {
            fixture.given(opened())
                    .when(new ChangeStatus(ID, null, null, null))
                    .expectNoEvents()
                    .expectException(validationFailureOf("status"));
        }

        @Test
        void rejectsAReasonOverTheMaximumLength() {
            fixture.given(opened())
                    .when(new ChangeStatus(ID, null, IN_PROGRESS, "r".repeat(TicketRules.REASON_MAX_LENGTH + 1)))
                    .expectNoEvents()
                    .expectException(validationFailureOf("reason"));
        }

        @Test
        void aClosedTicketRefusesEveryOtherChange() {
            fixture.given(inStatus(CLOSED))
                    .when(new AddComment(ID, null, COMMENT, "ana", CommentVisibility.PUBLIC, "Still broken"))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.TICKET_CLOSED));
        }

        private List<Object> inStatus(TicketStatus status) {
            List<Object> events = new ArrayList<>(List.of(opened()));
            TicketStatus current = OPEN;
            List<TicketStatus> path = switch (status) {
                case OPEN -> List.of();
                case IN_PROGRESS -> List.of(IN_PROGRESS);
                case WAITING_ON_CUSTOMER -> List.of(WAITING_ON_CUSTOMER);
                case RESOLVED -> List.of(RESOLVED);
                case CLOSED -> List.of(RESOLVED, CLOSED);
            };
            for (TicketStatus next : path) {
                events.add(new TicketStatusChanged(ID, current, next, ""));
                current = next;
            }
            return events;
        }
    }

    @Nested
    class Requesters {

        @Test
        void aRequesterRepliesPubliclyOnTheirOwnTicket() {
            fixture.given(opened())
                    .when(new AddComment(ID, null, COMMENT, REQUESTER.toString(), CommentVisibility.PUBLIC, "Still on fire",
                            REQUESTER))
                    .expectEvents(new TicketCommentAdded(ID, COMMENT, REQUESTER.toString(), CommentVisibility.PUBLIC,
                            "Still on fire"));
        }

        @Test
        void anotherRequestersTicketAnswersAsMissingBeforeAnyOtherCheck() {
            fixture.given(opened())
                    .when(new AddComment(ID, 99L, COMMENT, OTHER_REQUESTER.toString(), CommentVisibility.PUBLIC, "Me too",
                            OTHER_REQUESTER))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.TICKET_NOT_FOUND));
        }

        @Test
        void aRequesterWritesNoInternalNoteWhicheverTicket() {
            // refused as the command is formed, before any ticket is looked at: it reveals nothing about tickets
            assertThatThrownBy(() -> new AddComment(ID, 99L, COMMENT, OTHER_REQUESTER.toString(),
                    CommentVisibility.INTERNAL, "psst", OTHER_REQUESTER))
                    .isInstanceOfSatisfying(DocketException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        }

        @Test
        void aRequesterAttachesOnlyToTheirOwnTicket() {
            fixture.given(opened())
                    .when(new AddAttachment(ID, null, ATTACHMENT, "photo.png", "image/png", 2048, SHA, REQUESTER))
                    .expectEvents(new TicketAttachmentAdded(ID, ATTACHMENT, "photo.png", "image/png", 2048, SHA));
            fixture.given(opened())
                    .when(new AddAttachment(ID, null, ATTACHMENT, "photo.png", "image/png", 2048, SHA, OTHER_REQUESTER))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.TICKET_NOT_FOUND));
        }

        @Test
        void theFormerRequesterLosesTheTicketWithItsOwnership() {
            fixture.given(opened(), new TicketOwnershipTransferred(ID, REQUESTER, OTHER_REQUESTER, "moved"))
                    .when(new AddComment(ID, null, COMMENT, REQUESTER.toString(), CommentVisibility.PUBLIC, "Hello?",
                            REQUESTER))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.TICKET_NOT_FOUND));
        }
    }

    @Nested
    class Comments {

        @Test
        void addsAPublicReplyByItsAuthor() {
            fixture.given(opened())
                    .when(new AddComment(ID, null, COMMENT, "ana", CommentVisibility.PUBLIC, "Have you tried water?\n"))
                    .expectEvents(new TicketCommentAdded(ID, COMMENT, "ana", CommentVisibility.PUBLIC,
                            "Have you tried water?"))
                    .expectResultMessagePayload(new TicketChange(ID, 2));
        }

        @Test
        void addsAnInternalNote() {
            fixture.given(opened())
                    .when(new AddComment(ID, null, COMMENT, "bo", CommentVisibility.INTERNAL, "Customer is VIP"))
                    .expectEvents(new TicketCommentAdded(ID, COMMENT, "bo", CommentVisibility.INTERNAL, "Customer is VIP"));
        }

        @Test
        void rejectsAnEmptyComment() {
            fixture.given(opened())
                    .when(new AddComment(ID, null, COMMENT, "ana", CommentVisibility.PUBLIC, "  \n"))
                    .expectNoEvents()
                    .expectException(validationFailureOf("body"));
        }

        @Test
        void rejectsACommentOverTheMaximumLength() {
            fixture.given(opened())
                    .when(new AddComment(ID, null, COMMENT, "ana", CommentVisibility.PUBLIC,
                            "c".repeat(TicketRules.COMMENT_MAX_LENGTH + 1)))
                    .expectNoEvents()
                    .expectException(validationFailureOf("body"));
        }

        @Test
        void rejectsACommentWithoutVisibility() {
            fixture.given(opened())
                    .when(new AddComment(ID, null, COMMENT, "ana", null, "hello"))
                    .expectNoEvents()
                    .expectException(validationFailureOf("visibility"));
        }
    }

    @Nested
    class Attachments {

        @Test
        void recordsAnAttachmentsNameTypeSizeAndHash() {
            fixture.given(opened())
                    .when(new AddAttachment(ID, null, ATTACHMENT, "photo.png", "image/png", 2048, SHA))
                    .expectEvents(new TicketAttachmentAdded(ID, ATTACHMENT, "photo.png", "image/png", 2048, SHA));
        }

        @Test
        void rejectsAFileNameWithADirectory() {
            rejectsAttachment(new AddAttachment(ID, null, ATTACHMENT, "../etc/passwd", "text/plain", 10, SHA), "fileName");
        }

        @Test
        void rejectsAnInvalidMediaType() {
            rejectsAttachment(new AddAttachment(ID, null, ATTACHMENT, "a.txt", "text", 10, SHA), "mediaType");
        }

        @Test
        void rejectsAnEmptyFile() {
            rejectsAttachment(new AddAttachment(ID, null, ATTACHMENT, "a.txt", "text/plain", 0, SHA), "file");
        }

        @Test
        void rejectsAMalformedHash() {
            rejectsAttachment(new AddAttachment(ID, null, ATTACHMENT, "a.txt", "text/plain", 10, "abc"), "sha256");
        }

        private void rejectsAttachment(AddAttachment command, String field) {
            fixture.given(opened()).when(command).expectNoEvents().expectException(validationFailureOf(field));
        }
    }

    @Nested
    class Tags {

        @Test
        void addsAndRemovesTagsInOneChange() {
            fixture.given(opened())
                    .when(new ChangeTags(ID, null, List.of("VPN", "urgent-ish"), List.of("hardware")))
                    .expectEvents(new TicketTagsChanged(ID, List.of("vpn", "urgent-ish"), List.of("hardware")));
        }

        @Test
        void onlyRecordsTagsThatActuallyChange() {
            fixture.given(opened())
                    .when(new ChangeTags(ID, null, List.of("hardware", "new"), List.of("absent")))
                    .expectEvents(new TicketTagsChanged(ID, List.of("new"), List.of()));
        }

        @Test
        void aChangeThatChangesNoTagChangesNothing() {
            fixture.given(opened())
                    .when(new ChangeTags(ID, null, List.of("Hardware"), List.of()))
                    .expectNoEvents();
        }

        @Test
        void rejectsAChangeNamingNoTag() {
            fixture.given(opened())
                    .when(new ChangeTags(ID, null, List.of(), null))
                    .expectNoEvents()
                    .expectException(validationFailureOf("add"));
        }

        @Test
        void rejectsATagBothAddedAndRemoved() {
            fixture.given(opened())
                    .when(new ChangeTags(ID, null, List.of("vpn"), List.of("VPN")))
                    .expectNoEvents()
                    .expectException(validationFailureOf("remove"));
        }

        @Test
        void rejectsGoingOverTheMaximumNumberOfTags() {
            List<String> nineteen = IntStream.range(0, TicketRules.MAX_TAGS - 1).mapToObj(i -> "t" + i).toList();
            fixture.given(opened(), new TicketTagsChanged(ID, nineteen, List.of()))
                    .when(new ChangeTags(ID, null, List.of("one-more", "two-more"), List.of()))
                    .expectNoEvents()
                    .expectException(validationFailureOf("add"));
        }
    }

    @Nested
    class Archiving {

        @Test
        void archivesWithAReason() {
            fixture.given(opened())
                    .when(new ArchiveTicket(ID, null, "Spam"))
                    .expectEvents(new TicketArchived(ID, "Spam"));
        }

        @Test
        void archivesAClosedTicket() {
            fixture.given(opened(), new TicketStatusChanged(ID, OPEN, RESOLVED, ""),
                            new TicketStatusChanged(ID, RESOLVED, CLOSED, ""))
                    .when(new ArchiveTicket(ID, null, "Old"))
                    .expectEvents(new TicketArchived(ID, "Old"));
        }

        @Test
        void rejectsArchivingWithoutReason() {
            fixture.given(opened())
                    .when(new ArchiveTicket(ID, null, null))
                    .expectNoEvents()
                    .expectException(validationFailureOf("reason"));
        }

        @Test
        void rejectsArchivingAnArchivedTicket() {
            fixture.given(opened(), new TicketArchived(ID, "Spam"))
                    .when(new ArchiveTicket(ID, null, "Again"))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.TICKET_ARCHIVED));
        }

        @Test
        void restoresAnArchivedTicket() {
            fixture.given(opened(), new TicketArchived(ID, "Spam"))
                    .when(new RestoreTicket(ID, 2L, "Not spam after all"))
                    .expectEvents(new TicketRestored(ID, "Not spam after all"))
                    .expectResultMessagePayload(new TicketChange(ID, 3));
        }

        @Test
        void rejectsRestoringATicketThatIsNotArchived() {
            fixture.given(opened())
                    .when(new RestoreTicket(ID, null, null))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.TICKET_NOT_ARCHIVED));
        }

        static Stream<Object> changesOtherThanRestore() {
            return Stream.of(
                    new EditTicket(ID, null, "New title", null),
                    new ChangePriority(ID, null, Priority.HIGH),
                    new AssignTicket(ID, null, AGENT),
                    new UnassignTicket(ID, null),
                    new TransferOwnership(ID, null, OTHER_REQUESTER, "why"),
                    new ChangeStatus(ID, null, IN_PROGRESS, null),
                    new AddComment(ID, null, COMMENT, "ana", CommentVisibility.PUBLIC, "hello"),
                    new AddAttachment(ID, null, ATTACHMENT, "a.txt", "text/plain", 1, SHA),
                    new ChangeTags(ID, null, List.of("x"), List.of()));
        }

        @ParameterizedTest(name = "an archived ticket refuses {0}")
        @MethodSource("changesOtherThanRestore")
        void anArchivedTicketRefusesEveryChangeButRestore(Object command) {
            fixture.given(opened(), new TicketArchived(ID, "Spam"))
                    .when(command)
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.TICKET_ARCHIVED));
        }
    }

    @Nested
    class Concurrency {

        @ParameterizedTest(name = "a stale If-Match refuses {0}")
        @MethodSource("dev.docket.command.ticket.TicketTest$Archiving#changesOtherThanRestore")
        void aStaleVersionRefusesEveryChangeAndNamesTheCurrentVersion(Object command) {
            Object stale = withExpectedVersion(command, 1L);
            fixture.given(opened(), new TicketPriorityChanged(ID, Priority.NORMAL, Priority.LOW))
                    .when(stale)
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.VERSION_MISMATCH, "currentVersion", 2L));
        }

        @Test
        void theCurrentVersionAppliesTheChange() {
            fixture.given(opened(), new TicketPriorityChanged(ID, Priority.NORMAL, Priority.LOW))
                    .when(new ChangePriority(ID, 2L, Priority.HIGH))
                    .expectEvents(new TicketPriorityChanged(ID, Priority.LOW, Priority.HIGH))
                    .expectResultMessagePayload(new TicketChange(ID, 3));
        }

        @Test
        void aCommandToAnotherAggregatesIdIsRefusedBeforeReachingTheTicket() {
            fixture.given(new dev.docket.events.UserRegistered(new UserId(ID.value()), "a@b.co", "A", Role.AGENT))
                    .when(new ChangePriority(ID, null, Priority.HIGH))
                    .expectNoEvents()
                    .expectException(org.axonframework.eventsourcing.IncompatibleAggregateException.class);
        }

        private Object withExpectedVersion(Object command, Long version) {
            return switch (command) {
                case EditTicket c -> new EditTicket(ID, version, c.title(), c.description());
                case ChangePriority c -> new ChangePriority(ID, version, c.priority());
                case AssignTicket c -> new AssignTicket(ID, version, c.assigneeId());
                case UnassignTicket c -> new UnassignTicket(ID, version);
                case TransferOwnership c -> new TransferOwnership(ID, version, c.requesterId(), c.reason());
                case ChangeStatus c -> new ChangeStatus(ID, version, c.status(), c.reason());
                case AddComment c -> new AddComment(ID, version, c.commentId(), c.author(), c.visibility(), c.body());
                case AddAttachment c -> new AddAttachment(ID, version, c.attachmentId(), c.fileName(), c.mediaType(),
                        c.size(), c.sha256());
                case ChangeTags c -> new ChangeTags(ID, version, c.add(), c.remove());
                default -> throw new IllegalArgumentException(command.toString());
            };
        }
    }
}
