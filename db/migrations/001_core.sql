-- 001_core: volunteers, every inbound text, plantings, the points ledger,
-- the outbound queue, the staff audit log and running tree totals.
-- Times are Unix seconds (UTC); dates are 'YYYY-MM-DD'.

CREATE TABLE volunteers (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,      -- E.164; a pseudonym ('erased:...') after DZĒST
    name          TEXT,
    lang          TEXT NOT NULL DEFAULT 'lv' CHECK (lang IN ('lv', 'ru', 'en')),
    home_place    TEXT,
    home_municipality TEXT,
    opted_out     INTEGER NOT NULL DEFAULT 0,
    erased_at     INTEGER,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER
);

-- Every text exactly as received, committed before anything else happens to it.
CREATE TABLE inbound (
    id            INTEGER PRIMARY KEY,
    channel       TEXT NOT NULL,             -- sms | ussd
    transport     TEXT NOT NULL,             -- modem name, 'cli', 'ussd'
    transport_id  TEXT,                      -- the transport's own id, when it has one
    dedupe_key    TEXT NOT NULL UNIQUE,      -- transport id, or sender+text+timestamp
    sender        TEXT NOT NULL,             -- as received (replaced on erasure)
    sender_e164   TEXT,                      -- normalised; NULL for alphanumeric senders
    text          BLOB NOT NULL,             -- raw bytes, verbatim
    received_at   INTEGER NOT NULL,
    meta          TEXT,                      -- transport metadata (JSON)
    state         TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'handled')),
    handled_at    INTEGER,
    outcome       TEXT,                      -- planted, error:<code>, flood, duplicate, ignored, ...
    volunteer_id  INTEGER REFERENCES volunteers(id)
);
CREATE INDEX inbound_new ON inbound(id) WHERE state = 'new';
CREATE INDEX inbound_sender ON inbound(sender_e164, received_at);

CREATE TABLE plantings (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,      -- stable forever (the registry's record id)
    volunteer_id  INTEGER REFERENCES volunteers(id),
    inbound_id    INTEGER REFERENCES inbound(id),
    item_no       INTEGER NOT NULL DEFAULT 0,-- position inside a text with several species
    species       TEXT NOT NULL,
    count         INTEGER NOT NULL CHECK (count > 0),
    place         TEXT NOT NULL,
    place_type    TEXT,
    municipality  TEXT NOT NULL,
    planted_on    TEXT,
    reported_at   INTEGER NOT NULL,
    channel       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('accepted', 'pending_review', 'cancelled', 'rejected')),
    review_no     INTEGER UNIQUE,            -- short number staff use to approve
    status_at     INTEGER,
    status_reason TEXT,
    UNIQUE (inbound_id, item_no)
);
CREATE INDEX plantings_volunteer ON plantings(volunteer_id, reported_at);
CREATE INDEX plantings_status ON plantings(status);

-- A volunteer's total is always SUM(delta) over their rows.
CREATE TABLE points_ledger (
    id            INTEGER PRIMARY KEY,
    volunteer_id  INTEGER NOT NULL REFERENCES volunteers(id),
    planting_id   INTEGER REFERENCES plantings(id),
    delta         INTEGER NOT NULL,
    reason        TEXT NOT NULL,             -- trees, first_report, cancel, approve, ...
    created_at    INTEGER NOT NULL
);
CREATE INDEX points_volunteer ON points_ledger(volunteer_id);

-- Accepted trees per municipality ('' = the whole campaign), kept in the same
-- transaction as the plantings that change them.
CREATE TABLE tree_totals (
    municipality  TEXT PRIMARY KEY,
    trees         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE outbound (
    id            INTEGER PRIMARY KEY,
    recipient     TEXT NOT NULL,
    text          TEXT NOT NULL,
    encoding      TEXT NOT NULL CHECK (encoding IN ('gsm7', 'ucs2')),
    segments      INTEGER NOT NULL,
    priority      INTEGER NOT NULL,          -- lower goes first: 0 reply, 10 staff, 50 broadcast
    kind          TEXT NOT NULL,             -- reply, notice, alert, broadcast
    state         TEXT NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'delivered', 'cancelled')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_try_at   INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    sent_at       INTEGER,
    delivered_at  INTEGER,
    transport     TEXT,                      -- which modem sent it
    transport_ref TEXT,                      -- the network's message reference
    last_error    TEXT,
    inbound_id    INTEGER REFERENCES inbound(id),
    broadcast_id  INTEGER
);
CREATE INDEX outbound_queue ON outbound(priority, id) WHERE state = 'queued';
CREATE INDEX outbound_recipient ON outbound(recipient, created_at);
CREATE UNIQUE INDEX outbound_reply_once ON outbound(inbound_id) WHERE kind = 'reply';

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    actor         TEXT NOT NULL,             -- 'cli:<user>', 'sms:staff#N', 'system'
    action        TEXT NOT NULL,
    subject       TEXT,
    detail        TEXT
);

-- Small key/value facts (gateway id, last start, ...).
CREATE TABLE meta (
    key           TEXT PRIMARY KEY,
    value         TEXT
);
