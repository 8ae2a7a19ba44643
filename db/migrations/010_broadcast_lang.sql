-- 010_broadcast_lang: a broadcast's text per language. Each volunteer gets the
-- text in their language (volunteers.lang), falling back to the Latvian `text`.
ALTER TABLE broadcasts ADD COLUMN text_ru TEXT;
ALTER TABLE broadcasts ADD COLUMN text_en TEXT;
