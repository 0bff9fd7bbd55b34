package dev.docket.bench.crud;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row per change: who did what to which ticket, when, with the change's details as JSON. */
@Entity
@Table(name = "ticket_audit", indexes = @Index(name = "audit_ticket", columnList = "ticketId, at"))
class AuditEntry {

    @Id
    UUID id;
    @Column(nullable = false)
    UUID ticketId;
    @Column(nullable = false)
    String actor;
    @Column(nullable = false, length = 40)
    String action;
    @Column(nullable = false, columnDefinition = "text")
    String details;
    @Column(nullable = false)
    Instant at;

    protected AuditEntry() {
    }

    AuditEntry(UUID ticketId, String actor, String action, String details, Instant at) {
        this.id = UUID.randomUUID();
        this.ticketId = ticketId;
        this.actor = actor;
        this.action = action;
        this.details = details;
        this.at = at;
    }
}
