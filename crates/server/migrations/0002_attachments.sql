-- Proof materials (issue 11; api.md "Attachments"). `content` is the file as stored (metadata
-- stripped), sealed with the data key and bound to the row id (seal.rs); BYTEA is PostgreSQL's
-- binary type, and SQLite keeps the bound blob as a BLOB whatever the declared type, so one
-- migration still serves both. `sha256` (hex, of the stored plaintext) makes uploads
-- content-addressed per user: the same bytes from the same caller are one row.
CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    content BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, sha256)
);
CREATE INDEX attachments_created ON attachments (created_at);

-- Which filing names which attachment, in the application's order. The application itself is
-- sealed, so this is what the purge and the review console read.
CREATE TABLE filing_attachments (
    filing_id TEXT NOT NULL REFERENCES filings (id),
    position BIGINT NOT NULL,
    attachment_id TEXT NOT NULL REFERENCES attachments (id),
    material TEXT NOT NULL,
    PRIMARY KEY (filing_id, position)
);
CREATE INDEX filing_attachments_attachment ON filing_attachments (attachment_id);
