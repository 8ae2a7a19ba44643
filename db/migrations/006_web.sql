-- 006_web: the staff dashboard (docs/dashboard.md): accounts with yescrypt
-- password hashes, sessions (only a SHA-256 of the cookie is stored, so a copy
-- of the database opens no session), and failed logins per address.

CREATE TABLE web_accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'viewer')),
    hash          TEXT NOT NULL,             -- crypt(3) yescrypt string
    created_at    INTEGER NOT NULL,
    password_at   INTEGER NOT NULL,
    failures      INTEGER NOT NULL DEFAULT 0,-- wrong passwords in a row
    locked_until  INTEGER NOT NULL DEFAULT 0,
    last_login_at INTEGER
);

CREATE TABLE web_sessions (
    id_hash       TEXT PRIMARY KEY,          -- hex SHA-256 of the cookie value
    account_id    INTEGER NOT NULL REFERENCES web_accounts(id) ON DELETE CASCADE,
    csrf          TEXT NOT NULL,             -- the token every changing form carries
    address       TEXT,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL
);
CREATE INDEX web_sessions_account ON web_sessions(account_id);

-- Wrong passwords per client address (any account name): 10 lock it for 15 min.
CREATE TABLE web_login_failures (
    address       TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL DEFAULT 0,
    last_at       INTEGER NOT NULL,
    locked_until  INTEGER NOT NULL DEFAULT 0
);

-- The overview's per-day and per-species figures without a scan of every row.
CREATE INDEX plantings_reported ON plantings(status, reported_at, count);
CREATE INDEX plantings_species ON plantings(status, species, count);
CREATE INDEX inbound_received ON inbound(received_at);
