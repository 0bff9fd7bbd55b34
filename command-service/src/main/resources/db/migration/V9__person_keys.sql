-- Each person's data key: personal texts in events (profile, what they wrote) are sealed under it (AES-256-GCM).
-- The key is kept wrapped by the key-encryption key from configuration (docket.data-protection), never in clear.
-- An erasure destroys it: wrapped_key becomes NULL and every copy of the person's sealed texts, in the event store,
-- its backups and the Kafka topic, stays unreadable. This table is the one place an erasure deletes data, so its
-- backups need their own, short retention (docs/data-protection.md).
CREATE TABLE person_key (
    key_id      UUID         PRIMARY KEY,
    person_id   VARCHAR(255) NOT NULL UNIQUE,
    wrapped_key BYTEA,        -- nonce (12 bytes), then the AES-256-GCM wrapped key and tag
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    erased_at   TIMESTAMPTZ,
    CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
