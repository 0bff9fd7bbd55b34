package dev.docket.bench.crud;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** The current state of a ticket, updated in place; {@code version} is the optimistic lock. */
@Entity
@Table(name = "ticket", indexes = {
        @Index(name = "ticket_status", columnList = "status"),
        @Index(name = "ticket_assignee", columnList = "assigneeId")})
class Ticket {

    @Id
    UUID id;
    @Column(nullable = false, unique = true)
    long number;
    @Column(nullable = false, length = 500)
    String title;
    @Column(nullable = false, columnDefinition = "text")
    String description;
    @Column(nullable = false, length = 30)
    String status;
    @Column(nullable = false, length = 10)
    String priority;
    @Column(nullable = false)
    UUID requesterId;
    UUID assigneeId;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ticket_tag", joinColumns = @JoinColumn(name = "ticket_id"))
    @Column(name = "tag", length = 50)
    Set<String> tags = new LinkedHashSet<>();
    @Column(nullable = false)
    Instant createdAt;
    @Column(nullable = false)
    Instant updatedAt;
    @Version
    Long version;

    protected Ticket() {
    }

    Ticket(UUID id, long number, String title, String description, String priority, UUID requesterId,
           Set<String> tags, Instant now) {
        this.id = id;
        this.number = number;
        this.title = title;
        this.description = description;
        this.status = "open";
        this.priority = priority;
        this.requesterId = requesterId;
        this.tags.addAll(tags);
        this.createdAt = now;
        this.updatedAt = now;
    }
}
