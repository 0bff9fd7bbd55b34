-- The business calendars that exist, for the policy book's check that every calendar a policy names exists (a rule
-- across aggregates). A calendar is recorded here in the same transaction as its creation event and never removed.
CREATE TABLE sla_calendar_directory (
    calendar_id UUID PRIMARY KEY,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
