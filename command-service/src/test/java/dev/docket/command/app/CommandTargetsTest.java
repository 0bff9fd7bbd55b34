package dev.docket.command.app;

import dev.docket.command.ticket.AddComment;
import dev.docket.command.ticket.OpenTicket;
import dev.docket.command.user.RegisterUser;
import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
import dev.docket.events.Role;
import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.IdentifierMissingException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTargetsTest {

    private final CommandTargets targets = new CommandTargets();

    @Test
    void aChangeIsForTheAggregateItsMarkedComponentNames() {
        TicketId ticket = Ids.newTicketId();
        AddComment comment = new AddComment(ticket, 3L, Ids.newCommentId(), UUID, CommentVisibility.PUBLIC, "hello",
                null);

        var target = targets.resolveTarget(GenericCommandMessage.asCommandMessage(comment));

        assertThat(target.getIdentifierValue()).isEqualTo(ticket);
        assertThat(target.getIdentifier()).isEqualTo(ticket.toString());
        assertThat(target.getVersion()).as("the ticket checks If-Match itself").isNull();
        assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(comment)).getIdentifierValue())
                .as("the second command of a type, from the looked-up accessor").isEqualTo(ticket);
    }

    @Test
    void aCommandThatNamesNoAggregateCreatesOneAsAxonExpects() {
        var open = new OpenTicket(Ids.newTicketId(), "t", "d", Priority.NORMAL, UserId.parse(UUID), List.of());
        var register = new RegisterUser(UserId.parse(UUID), "a@example.com", "A", Role.AGENT);

        for (Object creation : List.of(open, register)) {
            assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(creation)))
                    .isInstanceOf(IdentifierMissingException.class);
        }
    }

    @Test
    void aMissingIdentifierIsRefused() {
        record Change(@TargetAggregateIdentifier TicketId ticketId) {
        }

        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Change(null))))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(IdentifierMissingException.class)
                .hasMessageContaining("Change");
    }

    @Test
    void anAxonTargetVersionIsRefusedRatherThanIgnored() {
        record Versioned(@TargetAggregateIdentifier TicketId ticketId, @TargetAggregateVersion Long version) {
        }

        assertThatThrownBy(() -> targets.resolveTarget(
                GenericCommandMessage.asCommandMessage(new Versioned(Ids.newTicketId(), 1L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@TargetAggregateVersion");
    }

    private static final String UUID = "00000000-0000-4000-8000-000000000001";
}
