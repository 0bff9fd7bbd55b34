-- (Version 6 is left unused: an unreleased build briefly had a V6 here, btree_gist, which it later dropped.)
-- Saved views: each person's own searches (a name, a filter-language expression, an order), kept by the service that
-- owns the filter language. They are no read model: no event holds them, so no rebuild makes or touches them, and they
-- live beside the generations, not in one. Back this table up with the query database; everything else in it can be
-- rebuilt from the topic. A person's erasure removes their views.
CREATE TABLE saved_view (
    id         UUID        PRIMARY KEY,
    -- the token subject of the person who saved it
    owner      TEXT        NOT NULL,
    name       TEXT        NOT NULL,
    filter     TEXT        NOT NULL,
    -- an order of the search API (title, -updated, sla, ...); null for the search's own default
    sort       TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT saved_view_name_per_owner UNIQUE (owner, name)
);
