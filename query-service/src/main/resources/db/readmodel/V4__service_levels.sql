-- Service levels on the read side: the clocks of every ticket, computed by the same pure function as the command
-- side's sweeper (SlaClocks) from the ticket's facts and the configuration versions the topic brought.

-- Every version of the policy book and of each business calendar, from its event (the time is the event's).
CREATE TABLE sla_config (
    event_id     TEXT        PRIMARY KEY,
    -- the version of its aggregate (the policy book or the calendar): orders two versions made at one instant
    version      BIGINT      NOT NULL,
    kind         VARCHAR(16) NOT NULL CHECK (kind IN ('policies', 'calendar')),
    effective_at TIMESTAMPTZ NOT NULL,
    body         JSONB       NOT NULL
);

-- The events of a ticket that the clocks read, stripped of text (titles, descriptions and comment bodies are not
-- needed), each at the time the clocks read it (its own, or its predecessor's when that is later).
CREATE TABLE ticket_sla_fact (
    ticket_id UUID        NOT NULL,
    seq       INTEGER     NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    type      TEXT        NOT NULL,
    data      JSONB       NOT NULL,
    PRIMARY KEY (ticket_id, seq)
);

-- Per ticket: what its clocks were last computed from.
CREATE TABLE ticket_sla (
    ticket_id      UUID        PRIMARY KEY,
    facts          INTEGER     NOT NULL,
    -- the time of the ticket's last event (of any kind): the earliest time its next fact can be read at
    last_event_at  TIMESTAMPTZ NOT NULL,
    -- the number of configuration versions the clocks were computed under, and the moment computed for
    config_version INTEGER     NOT NULL,
    computed_at    TIMESTAMPTZ NOT NULL,
    policy         TEXT,
    -- every clock stopped: a configuration change cannot move them (an event of the ticket computes it again)
    settled        BOOLEAN     NOT NULL
);
CREATE INDEX ticket_sla_to_refresh ON ticket_sla (config_version) WHERE NOT settled;

-- Every cycle of every clock of a ticket as computed at ticket_sla.computed_at.
CREATE TABLE ticket_sla_clock (
    ticket_id       UUID        NOT NULL,
    metric          VARCHAR(16) NOT NULL,
    cycle           INTEGER     NOT NULL,
    state           VARCHAR(8)  NOT NULL CHECK (state IN ('running', 'paused', 'stopped')),
    policy          TEXT,
    -- the target the clock is (or was, when stopped) measured against; all null when none applies
    priority        VARCHAR(16),
    target_minutes  BIGINT,
    basis           VARCHAR(16),
    warn_minutes    BIGINT,
    calendar_id     UUID,
    started_at      TIMESTAMPTZ NOT NULL,
    elapsed_seconds BIGINT      NOT NULL,
    due_at          TIMESTAMPTZ,
    warn_at         TIMESTAMPTZ,
    paused_since    TIMESTAMPTZ,
    stopped_at      TIMESTAMPTZ,
    warned_at       TIMESTAMPTZ,
    breached_at     TIMESTAMPTZ,
    PRIMARY KEY (ticket_id, metric, cycle)
);
-- The attainment report reads the cycles that ended in a period, and those not stopped that breached in it (a
-- running clock breaches at its due time, which may have passed since it was computed).
CREATE INDEX ticket_sla_clock_stopped ON ticket_sla_clock (stopped_at) WHERE stopped_at IS NOT NULL;
CREATE INDEX ticket_sla_clock_breached ON ticket_sla_clock ((coalesce(breached_at, due_at))) WHERE stopped_at IS NULL;

-- What lists filter, sort and count by. sla_due_at: the earliest breach of a clock not stopped, or else the earliest
-- due time of a running one (so "breached" is sla_due_at <= now); sla_warn_at: the earliest warning of a running
-- clock not breached (warned or still to warn). The sort puts tickets without a due time last: its index holds a
-- moment after every real one for them, and the filters compare the same expression.
ALTER TABLE ticket
    ADD COLUMN sla_due_at  TIMESTAMPTZ,
    ADD COLUMN sla_warn_at TIMESTAMPTZ;
CREATE INDEX ticket_by_sla_due ON ticket ((coalesce(sla_due_at, '9999-12-31T00:00:00Z'::timestamptz)), id);
CREATE INDEX ticket_by_sla_warn ON ticket (sla_warn_at) WHERE sla_warn_at IS NOT NULL;
INSERT INTO query_index (name) VALUES ('ticket_by_sla_due'), ('ticket_by_sla_warn'), ('ticket_sla_clock_stopped'),
                                      ('ticket_sla_clock_breached');
