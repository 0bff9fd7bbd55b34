package dev.docket.events;

/**
 * Everything that can happen to a ticket. Sealed: a switch over it must handle every event.
 */
public sealed interface TicketEvent extends DocketEvent permits TicketOpened, TicketEdited, TicketPriorityChanged,
        TicketAssigned, TicketUnassigned, TicketOwnershipTransferred, TicketStatusChanged, TicketCommentAdded,
        TicketAttachmentAdded, TicketTagsChanged, TicketArchived, TicketRestored, SlaWarningRaised, SlaBreached,
        SlaFulfilled {

    TicketId ticketId();

    @Override
    default String subject() {
        return ticketId().toString();
    }
}
