-- The summary follows the whole ticket domain: people, tags, archive flag and activity counts. The full search and
-- view read models come later; these columns are what lists show today.
ALTER TABLE ticket_summary
    ADD COLUMN requester_id          UUID,
    ADD COLUMN assignee_id           UUID,
    ADD COLUMN tags                  TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN archived              BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN public_comment_count  INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN internal_note_count   INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN attachment_count      INTEGER NOT NULL DEFAULT 0;
