-- 015_inbox: the dashboard's inbox (docs/dashboard.md, "Iesūtne"). The inbox
-- itself is a query over what exists (inbound rows whose outcome is not an
-- action, questions asked back that expired): these tables only hold what staff
-- did about them and the words staff taught talka.
-- A text that left the inbox: who settled it, when and how (never its words).
CREATE TABLE inbox_resolved (
    inbound_id    INTEGER PRIMARY KEY REFERENCES inbound(id),
    resolved_by   TEXT NOT NULL,             -- 'web:NAME'
    resolved_at   INTEGER NOT NULL,
    how           TEXT NOT NULL              -- reviewed | replied | registered
);
-- Words talka missed, taught from the inbox: merged by the core into the word
-- lists the parser gets (beside config/species.tsv and places.tsv).
CREATE TABLE taught_words (
    id            INTEGER PRIMARY KEY,
    word          TEXT NOT NULL,             -- as staff typed it
    folded        TEXT NOT NULL UNIQUE,      -- as the parser compares words
    kind          TEXT NOT NULL CHECK (kind IN ('species', 'place', 'command')),
    target        TEXT NOT NULL,             -- species id, place name or command name
    added_by      TEXT NOT NULL,
    added_at      INTEGER NOT NULL
);
-- The inbox reads texts by outcome (newest first) without a scan of every text.
CREATE INDEX inbound_outcome ON inbound(outcome, id);
-- The journal (Žurnāls) filters by account and action, newest first.
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor, at);
CREATE INDEX audit_log_action ON audit_log(action, at);
