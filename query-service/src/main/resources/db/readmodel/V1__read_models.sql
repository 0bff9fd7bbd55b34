-- The read models of one generation. These migrations run once per generation schema (rm_1, rm_2, ...), with that
-- schema as the search path; everything here is rebuilt from the event topic.

-- Ingest: how far each subject (ticket or person) has got. The exactly-once guard: an event applies only to the
-- version right before it. parked_events > 0 holds the subject's later events back, in order, until retried.
CREATE TABLE subject_progress (
    subject_id    UUID    PRIMARY KEY,
    version       BIGINT  NOT NULL,
    parked_events INTEGER NOT NULL DEFAULT 0
);

-- Where this generation's consumer stands in each partition, written in the transaction that applied the records.
CREATE TABLE consumer_offset (
    topic           VARCHAR(249) NOT NULL,
    partition       INTEGER      NOT NULL,
    -- the next offset to read
    next_offset     BIGINT       NOT NULL,
    -- the partition's end as the consumer last saw it: end_offset - next_offset is the lag
    end_offset      BIGINT       NOT NULL,
    -- when the newest applied event of this partition happened
    last_event_time TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);

-- Dead letters: events that could not be applied (after retries), or that wait behind one that could not. The
-- record is kept whole so a retry decodes and applies it again.
CREATE TABLE parked_event (
    id              BIGSERIAL PRIMARY KEY,
    subject_id      UUID,
    version         BIGINT,
    event_id        VARCHAR(200),
    event_type      VARCHAR(200),
    topic           VARCHAR(249) NOT NULL,
    partition       INTEGER      NOT NULL,
    record_offset   BIGINT       NOT NULL,
    record_key      TEXT,
    headers         JSONB        NOT NULL,
    payload         BYTEA,
    error           TEXT         NOT NULL,
    attempts        INTEGER      NOT NULL,
    parked_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT parked_event_record UNIQUE (topic, partition, record_offset)
);
CREATE INDEX parked_event_by_subject ON parked_event (subject_id, version);

-- People, for display names.
CREATE TABLE person (
    id            UUID        PRIMARY KEY,
    email         TEXT        NOT NULL,
    display_name  TEXT        NOT NULL,
    role          VARCHAR(16) NOT NULL,
    active        BOOLEAN     NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- One row per ticket: lists, search and the head of the ticket view.
CREATE TABLE ticket (
    id                   UUID        PRIMARY KEY,
    number               VARCHAR(32) NOT NULL,
    title                TEXT        NOT NULL,
    description          TEXT        NOT NULL,
    status               VARCHAR(32) NOT NULL,
    priority             VARCHAR(16) NOT NULL,
    -- low 1, normal 2, high 3, urgent 4: what priority filters and sorting use
    priority_rank        SMALLINT    NOT NULL,
    requester_id         UUID        NOT NULL,
    requester_name       TEXT,
    assignee_id          UUID,
    assignee_name        TEXT,
    tags                 TEXT[]      NOT NULL DEFAULT '{}',
    archived             BOOLEAN     NOT NULL DEFAULT FALSE,
    public_comment_count INTEGER     NOT NULL DEFAULT 0,
    internal_note_count  INTEGER     NOT NULL DEFAULT 0,
    attachment_count     INTEGER     NOT NULL DEFAULT 0,
    created_at           TIMESTAMPTZ NOT NULL,
    -- the last event of any kind
    updated_at           TIMESTAMPTZ NOT NULL,
    -- the last conversation: a comment or an attachment (the opening until then)
    last_activity_at     TIMESTAMPTZ NOT NULL,
    version              BIGINT      NOT NULL,
    -- number and title (A), description (B), public comments (C); internal notes are never searchable
    search_vector        TSVECTOR    NOT NULL,
    CONSTRAINT ticket_number_key UNIQUE (number)
);

-- Every sort (created, updated, priority) and every equality filter has an index ending in the sort's tie-breaker,
-- so a filtered page is an index range read, and keyset pagination resumes inside the index.
CREATE INDEX ticket_by_created ON ticket (created_at DESC, id DESC);
CREATE INDEX ticket_by_updated ON ticket (updated_at DESC, id DESC);
CREATE INDEX ticket_by_priority ON ticket (priority_rank DESC, created_at DESC, id DESC);
CREATE INDEX ticket_by_status ON ticket (status, created_at DESC, id DESC);
CREATE INDEX ticket_by_assignee ON ticket (assignee_id, created_at DESC, id DESC);
CREATE INDEX ticket_by_requester ON ticket (requester_id, created_at DESC, id DESC);
CREATE INDEX ticket_archived ON ticket (created_at DESC, id DESC) WHERE archived;
CREATE INDEX ticket_by_tag ON ticket USING gin (tags);
CREATE INDEX ticket_search ON ticket USING gin (search_vector);
CREATE INDEX ticket_title_trigram ON ticket USING gin (title public.gin_trgm_ops);

-- The ticket view's conversation and files.
CREATE TABLE ticket_comment (
    comment_id     UUID         PRIMARY KEY,
    ticket_id      UUID         NOT NULL,
    ticket_version BIGINT       NOT NULL,
    author         VARCHAR(200) NOT NULL,
    -- the author as a person, when the actor is one
    author_id      UUID,
    visibility     VARCHAR(16)  NOT NULL,
    body           TEXT         NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ticket_comment_by_ticket ON ticket_comment (ticket_id, ticket_version);

CREATE TABLE ticket_attachment (
    attachment_id  UUID         PRIMARY KEY,
    ticket_id      UUID         NOT NULL,
    ticket_version BIGINT       NOT NULL,
    file_name      TEXT         NOT NULL,
    media_type     VARCHAR(255) NOT NULL,
    size_bytes     BIGINT       NOT NULL,
    sha256         VARCHAR(64)  NOT NULL,
    added_by       VARCHAR(200),
    added_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ticket_attachment_by_ticket ON ticket_attachment (ticket_id, ticket_version);

-- Exact counts, changed in the transaction of the events that change them; reading one costs a primary-key range
-- read whatever the number of tickets. The priority and assignee breakdowns count tickets that are not archived.
CREATE TABLE ticket_count_by_status (
    status   VARCHAR(32) NOT NULL,
    archived BOOLEAN     NOT NULL,
    tickets  BIGINT      NOT NULL,
    PRIMARY KEY (status, archived)
);
CREATE TABLE ticket_count_by_priority (
    status   VARCHAR(32) NOT NULL,
    priority VARCHAR(16) NOT NULL,
    tickets  BIGINT      NOT NULL,
    PRIMARY KEY (status, priority)
);
CREATE TABLE ticket_count_by_assignee (
    -- the nil UUID stands for "unassigned"
    assignee_id UUID        NOT NULL,
    status      VARCHAR(32) NOT NULL,
    tickets     BIGINT      NOT NULL,
    PRIMARY KEY (assignee_id, status)
);

-- The audit history: every event of every subject, with who, when, why and what changed.
CREATE TABLE audit_entry (
    event_id       VARCHAR(200) PRIMARY KEY,
    subject_id     UUID         NOT NULL,
    subject_type   VARCHAR(16)  NOT NULL,
    version        BIGINT       NOT NULL,
    event_type     VARCHAR(200) NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(200),
    correlation_id VARCHAR(200),
    causation_id   VARCHAR(200),
    position       BIGINT       NOT NULL,
    -- what changed: {"field": {"from": ..., "to": ...}} where there is a before, else {"field": value}
    changes        JSONB        NOT NULL,
    CONSTRAINT audit_entry_subject_version UNIQUE (subject_id, version)
);
CREATE INDEX audit_entry_by_actor ON audit_entry (actor, occurred_at, event_id);
CREATE INDEX audit_entry_by_time ON audit_entry (occurred_at, event_id);
