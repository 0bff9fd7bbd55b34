package dev.docket.events;

/** Everything that can happen to a person. Sealed: a switch over it must handle every event. */
public sealed interface UserEvent extends DocketEvent permits UserRegistered, UserDisplayNameChanged, UserDeactivated,
        UserErased {

    UserId userId();

    @Override
    default String subject() {
        return userId().toString();
    }
}
