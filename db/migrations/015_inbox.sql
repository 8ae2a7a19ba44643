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
-- The texts waiting in the inbox, kept by the triggers below in the transaction
-- that changes a text, so the menu's count and the newest 50 are read without a
-- scan (bench/web.sh: 10 000 of them). THE LIST of outcomes that mean "talka did
-- not understand" is here, in inbox_belongs (a view the triggers use); db/inbox.c
-- reads it. A later outcome that means the same (issue 23's dialogue) is added by
-- a migration that replaces the view (the triggers read it by name).
--  - every parser error (error:CODE: unknown command, species or place, a
--    missing part, a count out of range, a bad date), except a database failure;
--  - a question or a plea for help, answered with the help text (help, help2);
--  - a report asked back (or half a report) whose question ended unanswered:
--    awaiting_confirmation 'expired' (one still 'waiting' past its time is
--    added by the reading query in db/inbox.c, since no write marks it).
-- A text whose words are gone (retention) or that staff resolved is not in it.
CREATE VIEW inbox_belongs AS
    SELECT i.id FROM inbound i
    WHERE length(i.text) > 0
      AND NOT EXISTS (SELECT 1 FROM inbox_resolved r WHERE r.inbound_id = i.id)
      AND ((i.outcome >= 'error:' AND i.outcome < 'error;' AND i.outcome != 'error:db')
           OR i.outcome IN ('help', 'help2')
           OR EXISTS (SELECT 1 FROM awaiting_confirmation a
                      WHERE a.inbound_id = i.id AND a.state = 'expired'));
CREATE TABLE inbox_open (
    inbound_id    INTEGER PRIMARY KEY        -- inbound(id); derived, so no foreign key
);
INSERT INTO inbox_open (inbound_id) SELECT id FROM inbox_belongs;
CREATE TRIGGER inbox_on_text AFTER UPDATE OF outcome, text ON inbound
BEGIN
    DELETE FROM inbox_open WHERE inbound_id = NEW.id;
    INSERT INTO inbox_open (inbound_id) SELECT id FROM inbox_belongs WHERE id = NEW.id;
END;
-- a text stored already handled (an import, a copy): the pipeline's own rows
-- come in as 'new' with no outcome and are caught by the trigger above
CREATE TRIGGER inbox_on_insert AFTER INSERT ON inbound WHEN NEW.outcome IS NOT NULL
BEGIN
    INSERT INTO inbox_open (inbound_id) SELECT id FROM inbox_belongs WHERE id = NEW.id;
END;
CREATE TRIGGER inbox_on_question AFTER UPDATE OF state ON awaiting_confirmation
BEGIN
    DELETE FROM inbox_open WHERE inbound_id = NEW.inbound_id;
    INSERT INTO inbox_open (inbound_id) SELECT id FROM inbox_belongs WHERE id = NEW.inbound_id;
END;
CREATE TRIGGER inbox_on_resolve AFTER INSERT ON inbox_resolved
BEGIN
    DELETE FROM inbox_open WHERE inbound_id = NEW.inbound_id;
END;
-- questions still 'waiting' past their time, found without a scan
CREATE INDEX awaiting_expiry ON awaiting_confirmation(expires_at) WHERE state = 'waiting';
-- The journal (Žurnāls) filters by account and action, newest first.
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor, at);
CREATE INDEX audit_log_action ON audit_log(action, at);
