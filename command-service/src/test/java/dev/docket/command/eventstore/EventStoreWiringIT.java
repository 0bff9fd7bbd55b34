package dev.docket.command.eventstore;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.command.app.Commands;
import dev.docket.command.app.TicketCommands;
import dev.docket.command.app.UserCommands;
import dev.docket.command.ticket.ChangePriority;
import dev.docket.command.ticket.OpenTicket;
import dev.docket.events.ErrorCode;
import dev.docket.events.MetadataKeys;
import dev.docket.events.Priority;
import dev.docket.events.Role;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import dev.docket.support.security.AccessRole;
import dev.docket.support.security.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The traps of Axon on Spring Boot 4 (see STACK-NOTES), checked on the running service. */
class EventStoreWiringIT extends CommandServiceTestBase {

    @Autowired
    Configuration axon;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TicketCommands commands;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    CommandGateway gateway;
    @Autowired
    UserCommands users;
    @Autowired
    Commands sender;

    private final Caller tester = actingAs("tester", AccessRole.ADMIN);

    private UserId requester() {
        return users.register("requester-" + UUID.randomUUID() + "@example.com", "Requester", Role.REQUESTER).userId();
    }

    @Test
    void axonRunsUnitsOfWorkInSpringTransactions() {
        assertThat(axon.getComponent(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void eventsAreStoredByTheJdbcEngineAsJackson3Json() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(axon.eventSerializer()).isInstanceOf(Jackson3Serializer.class);
        assertThat(axon.messageSerializer()).isInstanceOf(Jackson3Serializer.class);
        assertThat(axon.serializer()).isInstanceOf(Jackson3Serializer.class);
    }

    @Test
    void anEventAppendedInsideATransactionThatRollsBackIsNotStored() throws Exception {
        UserId requester = requester();
        long before = eventCount();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            commands.open("Rolled back", "", Priority.LOW, requester, List.of(), tester);
            throw new IllegalStateException("abort after the command was handled");
        })).hasMessageContaining("abort");
        assertThat(eventCount()).isEqualTo(before);

        commands.open("Committed", "", Priority.LOW, requester, List.of(), tester);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void aRefusalOfTheAggregateReachesTheCallerAsItselfThroughTheGateway() {
        OpenTicket invalid = new OpenTicket(new TicketId(UUID.randomUUID()), " ", "", Priority.LOW,
                new UserId(UUID.randomUUID()), List.of());
        assertThatThrownBy(() -> gateway.sendAndWait(invalid))
                .isInstanceOfSatisfying(DocketException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("title");
                });
    }

    @Test
    void anAppendThatLostTheRaceForItsSequenceIsAConcurrencyExceptionSoTheChangeIsRetried() {
        TicketId id = commands.open("Raced", "", Priority.LOW, requester(), List.of(), tester).change().ticketId();
        sender.send(new ChangePriority(id, null, Priority.HIGH));
        var duplicate = new GenericDomainEventMessage<>("Ticket", id.toString(), 1L,
                new TicketEdited(id, "Second writer", ""), MetaData.with(MetadataKeys.ACTOR, "second-writer"));

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> storageEngine.appendEvents(duplicate)))
                .isInstanceOf(ConcurrencyException.class)
                .satisfies(e -> assertThat(dev.docket.command.app.ChangeTransactionsProbe.isLostRace(e)).isTrue());
    }

    @Test
    void everyTableComesFromFlywayAndNoneFromAxonOrJpaDefaults() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).containsExactly("attachment", "attachment_content", "audit_checkpoint_state", "domain_event_entry", "erasure_receipt",
                "flyway_schema_history", "idempotency_key", "person_key", "relay_position", "sla_calendar_directory", "sla_config_state", "sla_due",
                "snapshot_event_entry", "user_directory");
    }

    @Test
    void theEventLogRefusesUpdatesAndDeletes() throws Exception {
        UserId requester = requester();
        commands.open("Immutable", "", Priority.LOW, requester, List.of(), tester);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE domain_event_entry SET payload = '\\x00'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM domain_event_entry"))
                    .hasMessageContaining("append-only");
        }
    }
}
