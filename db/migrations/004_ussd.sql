-- 004_ussd: USSD menu sessions and the answer given to each request, so an
-- aggregator's retry (same sessionId and text) gets the same answer and saves
-- nothing twice. A session idle for 180 s has expired; rows idle for an hour
-- are purged by the USSD service.

CREATE TABLE ussd_sessions (
    session_id    TEXT PRIMARY KEY,          -- the aggregator's sessionId
    phone         TEXT NOT NULL,             -- E.164 of the caller
    lang          TEXT NOT NULL DEFAULT 'lv' CHECK (lang IN ('lv', 'ru', 'en')),
    step          TEXT NOT NULL,             -- menu screen waiting for input
    trail         TEXT NOT NULL DEFAULT '',  -- every input so far joined by '*'
    shown         TEXT NOT NULL DEFAULT '',  -- species ids on the current list page
    list_pos      INTEGER NOT NULL DEFAULT 0,-- where the current list page starts
    next_pos      INTEGER NOT NULL DEFAULT 0,-- where the next page ('0') starts
    species       TEXT,                      -- chosen species id
    count         INTEGER,                   -- chosen count
    place         TEXT,                      -- chosen place (its lexicon name)
    ended         INTEGER NOT NULL DEFAULT 0,-- an END was answered
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX ussd_sessions_idle ON ussd_sessions(updated_at);

CREATE TABLE ussd_answers (
    session_id    TEXT NOT NULL,
    request       TEXT NOT NULL,             -- the request's text as received
    answer        TEXT NOT NULL,             -- 'CON ...' or 'END ...'
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (session_id, request)
) WITHOUT ROWID;
