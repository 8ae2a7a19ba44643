-- 017_web_flash: the dashboard (issue 24). The notice an action leaves for the next page ("Ziņa ieplānota",
-- "Ierakstiet iemeslu"), kept in the session and shown once instead of carried in
-- the address (?msg= / ?err= showed any text a link put there).
ALTER TABLE web_sessions ADD COLUMN flash_ok TEXT;
ALTER TABLE web_sessions ADD COLUMN flash_err TEXT;

-- A volunteer's conversation and last text (the volunteer's page, Sūtīt ziņu)
-- read by volunteer, not by a scan of every text.
CREATE INDEX inbound_volunteer ON inbound(volunteer_id, received_at);

-- The health page's registry counts per state from an index, not a pass over
-- every record (db/registry.c registry_counts).
CREATE INDEX registry_records_state ON registry_records(state, batch_id);
