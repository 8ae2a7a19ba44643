-- 017_web_flash: the notice an action leaves for the next page ("Ziņa ieplānota",
-- "Ierakstiet iemeslu"), kept in the session and shown once instead of carried in
-- the address (?msg= / ?err= showed any text a link put there).
ALTER TABLE web_sessions ADD COLUMN flash_ok TEXT;
ALTER TABLE web_sessions ADD COLUMN flash_err TEXT;
