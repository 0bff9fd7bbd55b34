package dev.docket.events;

/** Everything that can happen to the book of service-level policies. Sealed: a switch must handle every event. */
public sealed interface SlaPolicyEvent extends DocketEvent permits SlaPoliciesChanged {

    PolicyBookId bookId();

    @Override
    default String subject() {
        return bookId().toString();
    }
}
