package dev.docket.bench.crud;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "ticket_comment", indexes = @Index(name = "comment_ticket", columnList = "ticketId"))
class Comment {

    @Id
    UUID id;
    @Column(nullable = false)
    UUID ticketId;
    @Column(nullable = false)
    String author;
    @Column(nullable = false, columnDefinition = "text")
    String body;
    @Column(nullable = false, length = 10)
    String visibility;
    @Column(nullable = false)
    Instant createdAt;

    protected Comment() {
    }

    Comment(UUID id, UUID ticketId, String author, String body, String visibility, Instant createdAt) {
        this.id = id;
        this.ticketId = ticketId;
        this.author = author;
        this.body = body;
        this.visibility = visibility;
        this.createdAt = createdAt;
    }
}
