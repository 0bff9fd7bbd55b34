package dev.docket.events.privacy;

import dev.docket.events.DocketEvent;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketOpened;
import dev.docket.events.UserDeactivated;
import dev.docket.events.UserDisplayNameChanged;
import dev.docket.events.UserRegistered;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fields of an event that hold personal data, and whose data they are. Two kinds:
 * <ul>
 *   <li>a person's profile (email, display name, why they were deactivated) is that person's: the event's
 *       {@code userId};</li>
 *   <li>what someone wrote (a ticket's title and description when opened or edited, a comment, an attachment's
 *       file name) is the writer's: the event's actor, the authenticated caller. An agent who opens a ticket for a
 *       requester, edits it or quotes the requester in a reply wrote that text: it is sealed under the agent's key and
 *       an erasure of the requester does not reach it.</li>
 * </ul>
 * Ids, numbers, statuses, priorities, tags, timestamps, media types, sizes, content digests, service-level
 * configuration and the reasons agents give for transfers, archiving and restoring are not personal data here: they
 * are the organisation's record of the work and keep history's shape after an erasure.
 *
 * @param fields the JSON field names that hold personal text
 * @param owner  whose key seals them
 */
public record PersonalData(List<String> fields, Owner owner) {

    /** Whose data the fields are. */
    public enum Owner {
        /** The event's actor (metadata {@code actor}): who wrote the text. */
        ACTOR,
        /** The person the event is about: its {@code userId} field. */
        SUBJECT_USER
    }

    private static final Map<String, PersonalData> BY_CLASS_NAME = Stream.of(
                    Map.entry(TicketOpened.class, new PersonalData(List.of("title", "description"), Owner.ACTOR)),
                    Map.entry(TicketEdited.class, new PersonalData(List.of("title", "description"), Owner.ACTOR)),
                    Map.entry(TicketCommentAdded.class, new PersonalData(List.of("body"), Owner.ACTOR)),
                    Map.entry(TicketAttachmentAdded.class, new PersonalData(List.of("fileName"), Owner.ACTOR)),
                    Map.entry(UserRegistered.class,
                            new PersonalData(List.of("email", "displayName"), Owner.SUBJECT_USER)),
                    Map.entry(UserDisplayNameChanged.class,
                            new PersonalData(List.of("displayName"), Owner.SUBJECT_USER)),
                    Map.entry(UserDeactivated.class, new PersonalData(List.of("reason"), Owner.SUBJECT_USER)))
            .collect(Collectors.toUnmodifiableMap(e -> e.getKey().getName(), Map.Entry::getValue));

    public PersonalData {
        fields = List.copyOf(fields);
    }

    /** The personal fields of an event class, by the class name Axon stores; empty for events without any. */
    public static Optional<PersonalData> ofClassName(String className) {
        return Optional.ofNullable(BY_CLASS_NAME.get(className));
    }

    /** The personal fields of an event class; empty for events without any. */
    public static Optional<PersonalData> of(Class<? extends DocketEvent> eventClass) {
        return ofClassName(eventClass.getName());
    }

    /** The field naming the person whose profile it is, for {@link Owner#SUBJECT_USER}. */
    public static final String SUBJECT_USER_FIELD = "userId";
}
