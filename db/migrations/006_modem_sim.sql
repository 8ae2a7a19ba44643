-- 006_modem_sim: what a modem's SIM holds besides texts. Every message on a SIM
-- ends stored and deleted (a SIM holds 20-30 messages and stops receiving when
-- full): texts and delivery reports as before, anything else -- messages an old
-- phone saved or sent, data messages, PDUs libgammu cannot read -- is set aside
-- here with its raw PDU and what could be decoded. The modems table also keeps
-- how full the SIM was at the last look, for `talka status`.

CREATE TABLE modem_aside (
    id            INTEGER PRIMARY KEY,
    modem         TEXT NOT NULL,             -- gammu0, ...
    kind          TEXT NOT NULL,             -- submit | data | undecodable | other
    sender        TEXT,                      -- the number in it, as decoded
    pdu           TEXT,                      -- hex as the modem listed it; NULL when not seen
    decoded       TEXT NOT NULL,             -- JSON: what libgammu made of it
    sent_at       INTEGER,                   -- the time stamp in it (0 unknown)
    received_at   INTEGER NOT NULL,          -- when talka took it off the SIM
    fingerprint   TEXT NOT NULL,             -- the same message read twice is one row
    UNIQUE (modem, fingerprint)
);

ALTER TABLE modems ADD COLUMN sim_used INTEGER;      -- messages on the SIM at the last look
ALTER TABLE modems ADD COLUMN sim_total INTEGER;     -- its slots
ALTER TABLE modems ADD COLUMN sim_at INTEGER;        -- when that was
