-- When each ticket's service-level clocks must next be looked at: one row per ticket whose clocks are not all
-- stopped. A ticket's every event sets due_at to its time in the event's own transaction (so no change is ever
-- missed) and bumps revision; the sweeper computes the clocks, records the milestones due, and sets due_at to the
-- next warning or breach (NULL: nothing scheduled until the ticket or the configuration changes) unless the revision
-- moved meanwhile. Claimed rows are leased by pushing due_at ahead, so an instance that dies leaves them to others.
CREATE TABLE sla_due (
    ticket_id UUID PRIMARY KEY,
    due_at    TIMESTAMPTZ,
    revision  BIGINT NOT NULL DEFAULT 1
);

CREATE INDEX sla_due_due_at ON sla_due (due_at) WHERE due_at IS NOT NULL;

-- The version of the service-level configuration (calendars and policies), bumped in the transaction of each change,
-- so every instance knows to reload it.
CREATE TABLE sla_config_state (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    version   BIGINT  NOT NULL
);

INSERT INTO sla_config_state (singleton, version) VALUES (TRUE, 0);

-- Tickets opened before this migration: looked at once, then kept only while their clocks run.
INSERT INTO sla_due (ticket_id, due_at)
SELECT DISTINCT aggregate_identifier::uuid, now() FROM domain_event_entry WHERE type = 'Ticket';
