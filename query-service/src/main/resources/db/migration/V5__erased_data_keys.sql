-- The data keys erasures destroyed, as the read models learnt them (from a person-erased event, or from the command
-- service answering that a key is gone). Shared by every generation: a projection that meets a sealed text under
-- one of these keys writes the erased placeholder, whichever generation it fills and whichever key cache it holds.
CREATE TABLE erased_data_key (
    key_id    UUID        PRIMARY KEY,
    person_id UUID,
    erased_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX erased_data_key_by_person ON erased_data_key (person_id);
