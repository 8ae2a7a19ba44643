# web_seed.sh: fills the scratch database with N_VOL volunteers and N_PLANT
# plantings spread over a year, the places and species from the shipped lists,
# 1 in 50 waiting for review, each from its own text, and N_INBOX texts talka did
# not understand (each with its reply) and as many audit entries (sourced after
# tests/lib.sh, scratch and web_config; the schema must exist). Used by bench/web.sh.
# usage: web_seed N_VOL N_PLANT [N_INBOX]
web_seed() {
    n_vol=$1; n_plant=$2; n_inbox=${3:-0}
    awk -F'\t' 'NR > 1 && $10 != "" { gsub("\047", "\047\047"); printf "INSERT INTO pl (place, municipality) VALUES (\047%s\047, \047%s\047);\n", $1, $5 }' \
        "$T/config/places.tsv" > "$T/places.sql"
    awk -F'\t' 'NR > 1 { printf "INSERT INTO sp (id) VALUES (\047%s\047);\n", $1 }' "$T/config/species.tsv" > "$T/species.sql"
    now=$(date +%s)
    sqlite3 "$T/var/talka.db" <<SQL
CREATE TEMP TABLE pl (i INTEGER PRIMARY KEY, place TEXT, municipality TEXT);
CREATE TEMP TABLE sp (i INTEGER PRIMARY KEY, id TEXT);
.read $T/places.sql
.read $T/species.sql
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n_vol)
INSERT INTO volunteers (number, name, created_at, last_seen_at)
SELECT printf('+3712%07d', i), CASE WHEN i % 3 = 0 THEN 'Vārds ' || i END, $now - 86400 * 300, $now FROM n;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $n_plant)
INSERT INTO inbound (id, channel, transport, dedupe_key, sender, sender_e164, text, received_at,
                     state, handled_at, outcome, volunteer_id)
SELECT k, 'sms', 'gammu0', 'seed-' || k, printf('+3712%07d', 1 + (k * 7919) % $n_vol),
       printf('+3712%07d', 1 + (k * 7919) % $n_vol), 'KOKS ' || (1 + k % 40) || ' OZOLS Cesis',
       $now - (k * 317) % (86400 * 365), 'handled', $now - (k * 317) % (86400 * 365), 'planted',
       1 + (k * 7919) % $n_vol FROM n;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $n_plant)
INSERT INTO plantings (uuid, volunteer_id, inbound_id, species, count, place, municipality, reported_at,
                       channel, status, review_no, status_at)
SELECT printf('00000000-0000-4000-8000-%012d', k), 1 + (k * 7919) % $n_vol, k,
       (SELECT id FROM sp WHERE sp.i = 1 + k % (SELECT count(*) FROM sp)), 1 + k % 40,
       (SELECT place FROM pl WHERE pl.i = 1 + (k * 31) % (SELECT count(*) FROM pl)),
       (SELECT municipality FROM pl WHERE pl.i = 1 + (k * 31) % (SELECT count(*) FROM pl)),
       $now - (k * 317) % (86400 * 365), 'sms',
       CASE WHEN k % 50 = 0 THEN 'pending_review' ELSE 'accepted' END,
       CASE WHEN k % 50 = 0 THEN k / 50 END, $now FROM n;
INSERT INTO tree_totals (municipality, trees)
SELECT municipality, sum(count) FROM plantings WHERE status = 'accepted' GROUP BY municipality
UNION ALL SELECT '', sum(count) FROM plantings WHERE status = 'accepted'
ON CONFLICT(municipality) DO UPDATE SET trees = excluded.trees;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $n_inbox)
INSERT INTO inbound (id, channel, transport, dedupe_key, sender, sender_e164, text, received_at,
                     state, handled_at, outcome, volunteer_id)
SELECT $n_plant + k, 'sms', 'gammu0', 'seed-inbox-' || k, printf('+3712%07d', 1 + (k * 104729) % $n_vol),
       printf('+3712%07d', 1 + (k * 104729) % $n_vol), 'KOKS ' || (1 + k % 40) || ' SMILGAS ' || k,
       $now - (k * 97) % (86400 * 60), 'handled', $now - (k * 97) % (86400 * 60),
       CASE k % 4 WHEN 0 THEN 'error:unknown_species' WHEN 1 THEN 'error:unknown_place'
                  WHEN 2 THEN 'error:unknown_command' ELSE 'help' END,
       1 + (k * 104729) % $n_vol FROM n WHERE $n_inbox > 0;
INSERT INTO outbound (recipient, text, encoding, segments, priority, kind, state, created_at, inbound_id)
SELECT sender_e164, 'Nepazīstu šo koka sugu. Piemērs: KOKS 12 OZOLS Cesis', 'ucs2', 1, 0, 'reply', 'sent',
       received_at, id FROM inbound WHERE dedupe_key LIKE 'seed-inbox-%';
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $n_inbox)
INSERT INTO audit_log (at, actor, action, subject, detail)
SELECT $now - k * 60, CASE k % 3 WHEN 0 THEN 'web:anna' WHEN 1 THEN 'web:boss' ELSE 'cli:root' END,
       CASE k % 4 WHEN 0 THEN 'approve' WHEN 1 THEN 'web_login' WHEN 2 THEN 'inbox_reply' ELSE 'reject' END,
       'review#' || k, k || ' trees' FROM n WHERE $n_inbox > 0;
COMMIT;
ANALYZE;
SQL
}
