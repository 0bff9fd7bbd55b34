-- Read models move into one schema per generation (rm_1, rm_2, ...), created by the migrations in db/readmodel.
-- A rebuild fills a new generation from the start of the topic while the active one keeps serving, then switches.
-- The tables of the first read model held nothing that the topic cannot give again: they go.
DROP TABLE ticket_summary;
DROP TABLE consumer_offset;

-- Substring search (trigram indexes in every generation schema). Trusted since PostgreSQL 13: the database owner
-- may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE read_model_generation (
    generation   INTEGER     PRIMARY KEY,
    schema_name  VARCHAR(63) NOT NULL UNIQUE,
    -- building: being filled by a rebuild; active: serves queries; retired: replaced, dropped by the next rebuild
    state        VARCHAR(16) NOT NULL CHECK (state IN ('building', 'active', 'retired')),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    activated_at TIMESTAMPTZ,
    retired_at   TIMESTAMPTZ
);

CREATE UNIQUE INDEX read_model_generation_one_active ON read_model_generation ((TRUE)) WHERE state = 'active';
CREATE UNIQUE INDEX read_model_generation_one_building ON read_model_generation ((TRUE)) WHERE state = 'building';
