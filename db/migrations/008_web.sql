-- 008_web: the staff dashboard (docs/dashboard.md): accounts with yescrypt
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

-- The overview's per-day figures without a scan of every row.
CREATE INDEX plantings_reported ON plantings(status, reported_at, count);

-- Accepted trees per species, kept by triggers in the transaction that changes a
-- planting (like tree_totals per municipality), so the overview reads 42 rows
-- instead of summing every planting.
CREATE TABLE species_totals (
    species       TEXT PRIMARY KEY,
    trees         INTEGER NOT NULL DEFAULT 0
);
INSERT INTO species_totals (species, trees)
    SELECT species, sum(count) FROM plantings WHERE status = 'accepted' GROUP BY species;
CREATE TRIGGER species_totals_insert AFTER INSERT ON plantings WHEN NEW.status = 'accepted'
BEGIN
    INSERT INTO species_totals (species, trees) VALUES (NEW.species, NEW.count)
        ON CONFLICT(species) DO UPDATE SET trees = trees + excluded.trees;
END;
CREATE TRIGGER species_totals_update AFTER UPDATE OF status, count, species ON plantings
WHEN OLD.status = 'accepted' OR NEW.status = 'accepted'
BEGIN
    UPDATE species_totals SET trees = trees - OLD.count
        WHERE OLD.status = 'accepted' AND species = OLD.species;
    INSERT INTO species_totals (species, trees) SELECT NEW.species, NEW.count
        WHERE NEW.status = 'accepted'
        ON CONFLICT(species) DO UPDATE SET trees = trees + excluded.trees;
END;
CREATE TRIGGER species_totals_delete AFTER DELETE ON plantings WHEN OLD.status = 'accepted'
BEGIN
    UPDATE species_totals SET trees = trees - OLD.count WHERE species = OLD.species;
END;
CREATE INDEX inbound_received ON inbound(received_at);
