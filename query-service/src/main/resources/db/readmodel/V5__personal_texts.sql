-- Which data key sealed each personal text the read models show, so an erasure finds every text to replace: a
-- ticket's current title and description, comment bodies, attachment names, and the texts audit entries quote
-- (field: the change's path, such as title.from). A person's own profile is found by their id instead.
CREATE TABLE sealed_text (
    kind   VARCHAR(16)  NOT NULL,
    ref    VARCHAR(200) NOT NULL,
    field  VARCHAR(64)  NOT NULL,
    key_id UUID         NOT NULL,
    PRIMARY KEY (kind, ref, field)
);
CREATE INDEX sealed_text_by_key ON sealed_text (key_id);
