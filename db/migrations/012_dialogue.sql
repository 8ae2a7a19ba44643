-- 012_dialogue: the conversation (docs/sms-language.md, "Conversation"). A
-- question may now also be ask = 'ask': a report missing one part (place,
-- species or count) waits for the text that supplies it. part_id is that text,
-- once it came (the report is then its own text and part_id's, parsed again);
-- tries counts the answers that did not answer ("Cik tieši?" is asked once more,
-- then the question ends as 'unanswered').
ALTER TABLE awaiting_confirmation ADD COLUMN part_id INTEGER REFERENCES inbound(id);
ALTER TABLE awaiting_confirmation ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
