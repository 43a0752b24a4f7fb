-- Yidi's schema. Written in the SQL that SQLite and PostgreSQL both accept (TEXT, BIGINT, plain
-- keys and indexes), so one migration serves both backends. Times are milliseconds since the Unix
-- epoch (UTC); ids are UUIDv7 text made by the server.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    phone TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- Bearer tokens, stored as the hex SHA-256 of the token; the token itself is never kept.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Reviewer tokens made by `yidi-server reviewer add` (hashed like sessions).
CREATE TABLE reviewers (
    token_hash TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- One-time sign-in codes, hashed. `used` is 0/1; a code is spent when used or after 5 misses.
CREATE TABLE login_codes (
    id TEXT PRIMARY KEY,
    phone TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    used BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX login_codes_phone ON login_codes (phone, created_at);

-- One row per phone that asked for a code; updating it serialises concurrent requests for the
-- same phone (a row lock on PostgreSQL; SQLite has a single writer anyway).
CREATE TABLE code_throttle (
    phone TEXT PRIMARY KEY,
    touched_at BIGINT NOT NULL
);

-- A filing: the application as submitted (JSON text, exactly the create body after changes) and
-- what the server adds.
CREATE TABLE filings (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    reason TEXT,
    application TEXT NOT NULL,
    end_date TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX filings_user ON filings (user_id, created_at);

-- Every change to a filing; (filing_id, version) is unique because every change bumps the version.
CREATE TABLE filing_events (
    filing_id TEXT NOT NULL REFERENCES filings (id),
    version BIGINT NOT NULL,
    event TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    actor TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (filing_id, version)
);

-- Stripe-style idempotency: the first response to (user, key) is kept with a hash of the request
-- body and replayed byte for byte. Written in the same transaction as the filing.
CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status BIGINT NOT NULL,
    response TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
