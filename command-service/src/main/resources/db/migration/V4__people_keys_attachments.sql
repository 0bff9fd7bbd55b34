-- The command side's user directory: the set-based facts no single aggregate can decide. An email is claimed here
-- in the same transaction as the registration event, so two people can never share one; tickets check here that a
-- requester or assignee exists, is active and may work tickets. Never the read side: it may lag.
CREATE TABLE user_directory (
    user_id      UUID PRIMARY KEY,
    email        VARCHAR(254) NOT NULL,
    display_name VARCHAR(1000) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    active       BOOLEAN      NOT NULL,
    CONSTRAINT user_directory_email_key UNIQUE (email)
);

-- Idempotency keys: the first answer to each (caller, key), replayed for a retry with the same request. Written in
-- the transaction of the change itself, so a key exists exactly when its change committed. Kept at least
-- docket.idempotency.retention (24 hours by default), then purged.
CREATE TABLE idempotency_key (
    actor            VARCHAR(128) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    -- SHA-256 over method, path, If-Match and the canonical request: a different request under the same key is refused
    fingerprint      CHAR(64)     NOT NULL,
    response_status  INTEGER,
    response_headers TEXT,
    response_body    BYTEA,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, idempotency_key)
);

CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);

-- Attachment content, addressed by its SHA-256: stored once however often it is attached, never rewritten.
CREATE TABLE attachment_content (
    sha256    BYTEA       PRIMARY KEY CHECK (length(sha256) = 32),
    size      BIGINT      NOT NULL CHECK (size > 0),
    content   BYTEA       NOT NULL,
    stored_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (length(content) = size)
);

-- Most uploads (images, archives, PDFs) are compressed already: store them as they are instead of trying again.
ALTER TABLE attachment_content ALTER COLUMN content SET STORAGE EXTERNAL;

-- Which ticket each attachment belongs to, for downloads. The event carries the same facts for everyone else.
CREATE TABLE attachment (
    attachment_id UUID PRIMARY KEY,
    ticket_id     UUID         NOT NULL,
    sha256        BYTEA        NOT NULL REFERENCES attachment_content (sha256),
    file_name     VARCHAR(1020) NOT NULL,
    media_type    VARCHAR(255) NOT NULL,
    size          BIGINT       NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX attachment_ticket ON attachment (ticket_id);
