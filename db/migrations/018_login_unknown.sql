-- Wrong passwords per account name that is not an account (issue 25, item 9): an
-- unknown name locks after 10 like a real one, so the lockout does not tell which
-- names exist. Rows expire a day after their last try and are capped (db/lockout.c).
CREATE TABLE web_login_unknown (
    name          TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL DEFAULT 0,
    last_at       INTEGER NOT NULL,
    locked_until  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX web_login_unknown_last ON web_login_unknown(last_at);
