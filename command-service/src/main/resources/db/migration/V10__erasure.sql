-- Erasure (docs/data-protection.md). The person's key is destroyed in person_key; what the command database kept
-- beside the events is replaced or deleted in the same transaction as the user.erased event.

-- An erased person's email no longer holds its place (it may be registered again, as a new person); their name is
-- gone; and the services refuse their tokens.
ALTER TABLE user_directory ADD COLUMN erased BOOLEAN NOT NULL DEFAULT FALSE;

-- Who attached each file, so an erasure finds the files a person attached: their names are replaced and their
-- content deleted (kept only where someone else attached the same bytes). Attachments from before this column have
-- no uploader and are not found by an erasure.
ALTER TABLE attachment ADD COLUMN uploaded_by VARCHAR(255);
ALTER TABLE attachment ALTER COLUMN sha256 DROP NOT NULL;
CREATE INDEX attachment_uploaded_by ON attachment (uploaded_by) WHERE uploaded_by IS NOT NULL;

-- The signed receipt of each erasure: holds no personal data (ids, times, the legal basis, the key id, the erasure
-- event's link in the audit chain). A second request for the same person answers it again.
CREATE TABLE erasure_receipt (
    person_id   UUID        PRIMARY KEY,
    erased_at   TIMESTAMPTZ NOT NULL,
    signed      BYTEA       NOT NULL,
    signature   BYTEA       NOT NULL
);
