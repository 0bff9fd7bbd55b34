package dev.docket.bench.crud;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.UUID;

@Entity
@Table(name = "person")
class Person {

    @Id
    UUID id;
    @Column(nullable = false, unique = true, length = 320)
    String email;
    @Column(nullable = false, length = 200)
    String displayName;
    @Column(nullable = false, length = 20)
    String role;
    boolean active;
    @Version
    Long version;

    protected Person() {
    }

    Person(UUID id, String email, String displayName, String role) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.role = role;
        this.active = true;
    }

    boolean worksTickets() {
        return active && ("agent".equals(role) || "admin".equals(role));
    }
}
