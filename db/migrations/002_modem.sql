-- 002_modem: what the modem daemon keeps: parts of long texts waiting for their
-- siblings (reassembled here, so any number of groups may be open at once and a
-- crash loses none), each modem's last known state for `talka status`, and the
-- order in which outbound messages were handed to a modem.

CREATE TABLE modem_parts (
    id            INTEGER PRIMARY KEY,
    modem         TEXT NOT NULL,             -- gammu0, gammu1, ...
    sender        TEXT NOT NULL,             -- as received
    ref           INTEGER NOT NULL,          -- concatenation reference (16-bit ones + 65536)
    total         INTEGER NOT NULL,          -- parts in the whole text
    part          INTEGER NOT NULL,          -- 1..total
    text          BLOB NOT NULL,             -- this part, UTF-8
    sent_at       INTEGER NOT NULL,          -- the network's time stamp (0 unknown)
    received_at   INTEGER NOT NULL,          -- when talka read it (clock_now)
    state         TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'done')),
    inbound_id    INTEGER REFERENCES inbound(id),  -- the text it became
    done_at       INTEGER,
    -- a part read twice (failed delete, crash before the delete) is the same row
    UNIQUE (sender, ref, total, part, sent_at, text)
);
CREATE INDEX modem_parts_waiting ON modem_parts(modem, sender, ref, total) WHERE state = 'waiting';
CREATE INDEX modem_parts_done ON modem_parts(done_at) WHERE state = 'done';

CREATE TABLE modems (
    name          TEXT PRIMARY KEY,          -- gammu0, ...
    device        TEXT,
    state         TEXT NOT NULL DEFAULT 'down' CHECK (state IN ('up', 'down', 'absent', 'stopped')),
    since         INTEGER NOT NULL,          -- when state last changed
    last_contact  INTEGER,                   -- last successful exchange with the device
    signal        INTEGER,                   -- percent
    network       TEXT,
    clock_skew    INTEGER,                   -- device (network) clock minus ours, seconds
    balance       TEXT,                      -- the last USSD balance answer
    balance_at    INTEGER,
    balance_low   INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    reconnects    INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL
);

-- The order messages were handed to a modem (talka sim outbox, audits).
ALTER TABLE outbound ADD COLUMN sent_seq INTEGER;
CREATE INDEX outbound_sent_seq ON outbound(sent_seq) WHERE sent_seq IS NOT NULL;
