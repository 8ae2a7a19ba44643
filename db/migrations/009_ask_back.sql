-- 009_ask_back: reports that wait for the sender's answer to one question
-- ("Vai domājāt: ozols 12 gab., Cēsis? Atbildi JĀ vai NĒ"). The report's text is
-- the inbound row; it is parsed again when answered, so only the question is kept.
-- One question waits per volunteer: a newer one replaces it.
CREATE TABLE awaiting_confirmation (
    id            INTEGER PRIMARY KEY,
    volunteer_id  INTEGER NOT NULL REFERENCES volunteers(id),
    inbound_id    INTEGER NOT NULL UNIQUE REFERENCES inbound(id),   -- the report asked about
    ask           TEXT NOT NULL,         -- guess | range | choice | count
    nchoices      INTEGER NOT NULL DEFAULT 0,
    summary       TEXT NOT NULL DEFAULT '',  -- what was asked, for staff ("ozols 12 gab., Cēsis")
    asked_at      INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    state         TEXT NOT NULL DEFAULT 'waiting',
                  -- waiting | confirmed | declined | expired | replaced
    answer_id     INTEGER REFERENCES inbound(id),   -- the text that answered or ended it
    closed_at     INTEGER
);
CREATE UNIQUE INDEX awaiting_one_per_volunteer ON awaiting_confirmation(volunteer_id)
    WHERE state = 'waiting';
