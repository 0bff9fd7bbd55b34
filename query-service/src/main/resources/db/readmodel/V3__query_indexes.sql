-- Indexes that only queries use: the projector never reads by them. A generation being rebuilt is queried by no one
-- until it serves, so it is filled without them and they are built once, from the finished tables, just before it
-- switches over (a sorted build instead of an index insertion per row version: PostgreSQL's advice for a bulk load).
-- An index added later that only queries use gets a row here in its migration.
-- definition: NULL while the index exists; while it is deferred, the statement that builds it again.
CREATE TABLE query_index (
    name       TEXT PRIMARY KEY,
    definition TEXT
);
INSERT INTO query_index (name) VALUES
    ('ticket_by_created'), ('ticket_by_updated'), ('ticket_by_priority'), ('ticket_by_status'),
    ('ticket_archived'), ('ticket_by_tag'), ('ticket_search'), ('ticket_title_trigram'),
    ('audit_entry_by_actor'), ('audit_entry_by_time');
