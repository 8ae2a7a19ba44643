-- 003_registry: the upload queue to the central registry (issue 5).
-- Triggers on plantings put a record in the queue in the same transaction that
-- accepts, approves or cancels a planting, so the pipeline never calls the uploader.
-- A record waits with batch_id NULL; when a batch is made its records are fixed
-- (record JSON and pseudonym stored), and a retry resends exactly those.

CREATE TABLE registry_batches (
    batch_id      TEXT PRIMARY KEY,          -- uuid; also the Idempotency-Key
    created_at    INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_try_at   INTEGER NOT NULL DEFAULT 0,-- clock_now() seconds: no send before
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done')),
    last_error    TEXT,
    done_at       INTEGER
);
CREATE INDEX registry_batches_open ON registry_batches(created_at) WHERE state = 'open';

CREATE TABLE registry_records (
    id            INTEGER PRIMARY KEY,       -- queue order: a cancel always follows its upsert
    uuid          TEXT NOT NULL,             -- plantings.uuid, the registry's record id
    op            TEXT NOT NULL CHECK (op IN ('upsert', 'cancel')),
    planting_id   INTEGER NOT NULL,          -- plantings.id (no foreign key: erasure may delete)
    volunteer_id  INTEGER,
    queued_at     INTEGER NOT NULL,
    batch_id      TEXT REFERENCES registry_batches(batch_id),
    pseudonym     TEXT,                      -- fixed when the record enters a batch
    record        TEXT,                      -- the record's JSON, fixed with the batch
    state         TEXT NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'accepted', 'duplicate', 'rejected')),
    reason        TEXT,                      -- the registry's reason for a reject
    done_at       INTEGER
);
-- one waiting record per (planting, op): re-approving does not queue twice
CREATE UNIQUE INDEX registry_records_waiting ON registry_records(uuid, op) WHERE batch_id IS NULL;
CREATE INDEX registry_records_queue ON registry_records(id) WHERE batch_id IS NULL;
CREATE INDEX registry_records_batch ON registry_records(batch_id);
CREATE INDEX registry_records_uuid ON registry_records(uuid);
CREATE INDEX registry_records_volunteer ON registry_records(volunteer_id) WHERE pseudonym IS NOT NULL;
CREATE INDEX registry_records_rejected ON registry_records(done_at) WHERE state = 'rejected';

-- last success, last error, auth stop ("key" -> value)
CREATE TABLE registry_state (
    key           TEXT PRIMARY KEY,
    value         TEXT
);

-- Who may upload right now: the daemon or `talka registry flush`, never both.
-- A holder renews expires_at (clock_now() seconds) while it works; a dead
-- holder's lock (same host, pid gone) or an expired one may be taken over.
CREATE TABLE registry_lock (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    holder        TEXT,                      -- "<host>:<pid>:<role>"
    pid           INTEGER,
    host          TEXT,
    expires_at    INTEGER
);
INSERT INTO registry_lock (id) VALUES (1);

-- Accepted at once (AFTER INSERT) ...
CREATE TRIGGER registry_on_insert AFTER INSERT ON plantings
WHEN NEW.status = 'accepted'
BEGIN
    INSERT OR IGNORE INTO registry_records (uuid, op, planting_id, volunteer_id, queued_at)
    VALUES (NEW.uuid, 'upsert', NEW.id, NEW.volunteer_id, coalesce(NEW.status_at, NEW.reported_at));
END;

-- ... or approved later (pending_review -> accepted).
CREATE TRIGGER registry_on_accept AFTER UPDATE OF status ON plantings
WHEN NEW.status = 'accepted' AND OLD.status <> 'accepted'
BEGIN
    -- a cancel still waiting (never sent) is withdrawn: the upsert supersedes it
    DELETE FROM registry_records WHERE uuid = NEW.uuid AND op = 'cancel' AND batch_id IS NULL;
    INSERT OR IGNORE INTO registry_records (uuid, op, planting_id, volunteer_id, queued_at)
    VALUES (NEW.uuid, 'upsert', NEW.id, NEW.volunteer_id, coalesce(NEW.status_at, NEW.reported_at));
END;

-- A cancellation (ATCELT) of an accepted planting: when the upsert never left the
-- queue, it is simply withdrawn (the registry never heard of it); otherwise a
-- cancel record follows it.
CREATE TRIGGER registry_on_cancel AFTER UPDATE OF status ON plantings
WHEN OLD.status = 'accepted' AND NEW.status IN ('cancelled', 'rejected')
BEGIN
    DELETE FROM registry_records WHERE uuid = NEW.uuid AND op = 'upsert' AND batch_id IS NULL;
    INSERT OR IGNORE INTO registry_records (uuid, op, planting_id, volunteer_id, queued_at)
    SELECT NEW.uuid, 'cancel', NEW.id, NEW.volunteer_id, coalesce(NEW.status_at, NEW.reported_at)
    WHERE EXISTS (SELECT 1 FROM registry_records
                  WHERE uuid = NEW.uuid AND op = 'upsert' AND batch_id IS NOT NULL
                    AND state <> 'rejected');
END;
