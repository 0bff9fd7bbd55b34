-- Every value each ticket field has held: from which version (and instant) to which, who set it and what it was
-- before. It serves the ticket as of any version or instant, diffs between two of them, and the filter language's
-- WAS and CHANGED conditions. Fields: status, priority, assignee (value null: unassigned), requester, archived
-- ('true'/'false'), tag (one span per tag while the ticket carries it), title and description (value null: the
-- text is read from the audit entry of event_id, where erasure replaces it).
CREATE TABLE ticket_field_history (
    ticket_id    UUID         NOT NULL,
    field        VARCHAR(16)  NOT NULL,
    value        TEXT,
    -- orders the tags one event adds, as the ticket lists them
    ordinal      SMALLINT     NOT NULL DEFAULT 0,
    from_version BIGINT       NOT NULL,
    from_time    TIMESTAMPTZ  NOT NULL,
    set_by       VARCHAR(200),
    -- title and description: the event whose audit entry holds the text (null for the other fields)
    event_id     VARCHAR(200),
    -- the value before (null for the opening, and for tags)
    previous     TEXT,
    -- null while the value holds; ended_by: who changed it (for a tag, who removed it)
    to_version   BIGINT,
    to_time      TIMESTAMPTZ,
    ended_by     VARCHAR(200),
    PRIMARY KEY (ticket_id, field, from_version, ordinal)
);
-- The projector loads the values a batch's tickets hold now through the primary key's ticket_id prefix: a
-- separate index of the open spans would cost every new span a second index entry, for a read that is cheap anyway.
-- WAS: the spans of a field's value that began before the period's end (their end filtered from the index). A GiST
-- index over the period itself served the same plans no better and took 2.2 s to build at 150,000 spans, 40 times
-- this one, on every rebuild.
CREATE INDEX ticket_field_history_was ON ticket_field_history (field, value, from_time) INCLUDE (to_time);
-- CHANGED: changes (not openings) of a field in a period, and by an actor.
CREATE INDEX ticket_field_history_changed ON ticket_field_history (field, from_time) WHERE from_version > 1;
CREATE INDEX ticket_field_history_changed_by ON ticket_field_history (set_by, from_time) WHERE from_version > 1;
-- CHANGED FROM for tags: removals in a period.
CREATE INDEX ticket_field_history_ended ON ticket_field_history (field, to_time) WHERE to_version IS NOT NULL;
-- The version a ticket had at an instant.
CREATE INDEX audit_entry_by_subject_time ON audit_entry (subject_id, occurred_at, version);
INSERT INTO query_index (name) VALUES ('ticket_field_history_was'), ('ticket_field_history_changed'),
                                      ('ticket_field_history_changed_by'), ('ticket_field_history_ended'),
                                      ('audit_entry_by_subject_time');
