-- 005_broadcast: reminder broadcasts (docs/broadcasts.md): the broadcast, its
-- recipients (each at most once), released in small chunks into the outbound
-- queue by the broadcast service; and the lock on staff PINs guessed wrong.

CREATE TABLE broadcasts (
    id            INTEGER PRIMARY KEY,
    name          TEXT,
    segment       TEXT NOT NULL,             -- as given: all, municipality:Cēsis, file:list.csv
    seg_kind      TEXT NOT NULL CHECK (seg_kind IN ('all', 'municipality', 'active', 'inactive',
                                                    'species', 'file')),
    seg_value     TEXT,                      -- municipality, species id, or epoch seconds
    text          TEXT NOT NULL,             -- with {name} {points} {municipality_total}
    state         TEXT NOT NULL CHECK (state IN ('preparing', 'scheduled', 'done', 'cancelled')),
    send_at       INTEGER NOT NULL,          -- not released before this time
    fill_cursor   INTEGER NOT NULL DEFAULT 0,-- volunteers up to this id have been considered
    fill_by_service INTEGER NOT NULL DEFAULT 1, -- 0: the creating command adds recipients (file:)
    recipients    INTEGER NOT NULL DEFAULT 0,-- at creation (opt-outs are checked again at release)
    parts         INTEGER NOT NULL DEFAULT 0,-- SMS parts of all copies, at creation
    max_segments  INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    created_by    TEXT NOT NULL,             -- 'cli:<user>', 'sms:staff#N'
    finished_at   INTEGER,
    cancelled_at  INTEGER
);
CREATE INDEX broadcasts_active ON broadcasts(state) WHERE state IN ('preparing', 'scheduled');

CREATE TABLE broadcast_recipients (
    id            INTEGER PRIMARY KEY,
    broadcast_id  INTEGER NOT NULL REFERENCES broadcasts(id),
    volunteer_id  INTEGER REFERENCES volunteers(id),
    number        TEXT,                      -- only for file: numbers that are no volunteer;
                                             -- cleared when such a number is erased
    state         TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'released', 'skipped')),
    reason        TEXT,                      -- skipped: opted_out, erased, duplicate
    outbound_id   INTEGER,
    released_at   INTEGER,
    CHECK (volunteer_id IS NOT NULL OR number IS NOT NULL OR state != 'pending'),
    -- each recipient at most once per broadcast
    UNIQUE (broadcast_id, volunteer_id)
);
CREATE UNIQUE INDEX broadcast_recipients_number ON broadcast_recipients(number, broadcast_id)
    WHERE number IS NOT NULL;
CREATE INDEX broadcast_recipients_pending ON broadcast_recipients(broadcast_id, id)
    WHERE state = 'pending';

-- A second guard at the queue itself: one broadcast copy per recipient.
CREATE UNIQUE INDEX outbound_broadcast_once ON outbound(broadcast_id, recipient)
    WHERE kind = 'broadcast';
-- Parts each modem sent today, for the daily caps.
CREATE INDEX outbound_sent_by ON outbound(transport, sent_at, segments) WHERE sent_at IS NOT NULL;
-- Volunteers by the municipality of their reports (segment municipality:NAME).
CREATE INDEX plantings_municipality ON plantings(municipality, volunteer_id);

-- An erased number leaves every broadcast that has not reached it yet (volunteer
-- rows are read at release time, where erased_at already skips them).
CREATE TRIGGER broadcast_erase_number AFTER UPDATE OF number ON volunteers
    WHEN new.erased_at IS NOT NULL AND old.number != new.number
BEGIN
    UPDATE broadcast_recipients SET number = NULL,
           state = CASE state WHEN 'pending' THEN 'skipped' ELSE state END,
           reason = CASE state WHEN 'pending' THEN 'erased' ELSE reason END
     WHERE number = old.number;
END;

-- A volunteer who opts out loses the broadcast copies already queued for them
-- (the service releases only a few hundred ahead and checks opt-outs as it does).
CREATE TRIGGER broadcast_opt_out AFTER UPDATE OF opted_out ON volunteers
    WHEN new.opted_out != 0 AND old.opted_out = 0
BEGIN
    UPDATE outbound SET state = 'cancelled', last_error = 'opted out'
     WHERE recipient = new.number AND kind = 'broadcast' AND state = 'queued';
END;

-- Wrong staff PINs per sending volunteer: 5 lock the number for an hour.
CREATE TABLE staff_pin_failures (
    volunteer_id  INTEGER PRIMARY KEY REFERENCES volunteers(id),
    failures      INTEGER NOT NULL DEFAULT 0,
    last_at       INTEGER NOT NULL,
    locked_until  INTEGER NOT NULL DEFAULT 0
);
