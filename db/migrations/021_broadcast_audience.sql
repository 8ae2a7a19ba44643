-- 021_broadcast_audience: a broadcast's audience as the AND of filters beside its
-- kind (docs/broadcasts.md, "SEGMENT"): any of several municipalities (home or
-- a report there), one language, a planting reported since a time. NULL: no
-- such filter. Broadcasts stored before keep seg_kind / seg_value alone.
ALTER TABLE broadcasts ADD COLUMN seg_munis TEXT;     -- JSON array of municipality names
ALTER TABLE broadcasts ADD COLUMN seg_lang TEXT CHECK (seg_lang IN ('lv', 'ru', 'en'));
ALTER TABLE broadcasts ADD COLUMN seg_since INTEGER;  -- epoch seconds of a local midnight
-- The live count of an audience with municipalities starts from their volunteers:
-- home place by an index, reports there (live ones) by a covering one.
CREATE INDEX volunteers_home ON volunteers(home_municipality) WHERE home_municipality IS NOT NULL;
CREATE INDEX plantings_live_municipality ON plantings(municipality, volunteer_id)
    WHERE status IN ('accepted', 'pending_review');
