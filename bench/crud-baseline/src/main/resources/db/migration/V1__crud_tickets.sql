-- The CRUD baseline's schema: tickets updated in place, comments as rows, one audit row per change.
CREATE SEQUENCE ticket_number;

CREATE TABLE person (
    id           UUID         PRIMARY KEY,
    email        VARCHAR(320) NOT NULL UNIQUE,
    display_name VARCHAR(200) NOT NULL,
    role         VARCHAR(20)  NOT NULL,
    active       BOOLEAN      NOT NULL,
    version      BIGINT
);

CREATE TABLE ticket (
    id           UUID         PRIMARY KEY,
    number       BIGINT       NOT NULL UNIQUE,
    title        VARCHAR(500) NOT NULL,
    description  TEXT         NOT NULL,
    status       VARCHAR(30)  NOT NULL,
    priority     VARCHAR(10)  NOT NULL,
    requester_id UUID         NOT NULL,
    assignee_id  UUID,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version      BIGINT
);
CREATE INDEX ticket_status ON ticket (status);
CREATE INDEX ticket_assignee ON ticket (assignee_id);

CREATE TABLE ticket_tag (
    ticket_id UUID        NOT NULL REFERENCES ticket (id),
    tag       VARCHAR(50) NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);

CREATE TABLE ticket_comment (
    id         UUID         PRIMARY KEY,
    ticket_id  UUID         NOT NULL,
    author     VARCHAR(255) NOT NULL,
    body       TEXT         NOT NULL,
    visibility VARCHAR(10)  NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX comment_ticket ON ticket_comment (ticket_id);

CREATE TABLE ticket_audit (
    id        UUID         PRIMARY KEY,
    ticket_id UUID         NOT NULL,
    actor     VARCHAR(255) NOT NULL,
    action    VARCHAR(40)  NOT NULL,
    details   TEXT         NOT NULL,
    at        TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX audit_ticket ON ticket_audit (ticket_id, at);
