# audience.sh: the audience tests' own answer, written apart from talka's query.
# audience_expected SINCE prints the numbers (space-separated, sorted) of the
# Russian speakers of Cēsu or Valmieras novads (home place or a live report)
# who reported since SINCE (Unix time), not opted out, not erased: what
# broadcast_audience.sh (CLI) and web_audience.sh (dashboard) send to.
audience_expected() {
    q "SELECT group_concat(number, ' ') FROM (SELECT v.number FROM volunteers v
  WHERE v.opted_out = 0 AND v.erased_at IS NULL AND v.lang = 'ru'
    AND (v.home_municipality IN ('Cēsu novads', 'Valmieras novads') OR EXISTS (SELECT 1 FROM plantings p
         WHERE p.volunteer_id = v.id AND p.municipality IN ('Cēsu novads', 'Valmieras novads')
           AND p.status IN ('accepted', 'pending_review')))
    AND EXISTS (SELECT 1 FROM plantings p WHERE p.volunteer_id = v.id AND p.reported_at >= $1
           AND p.status IN ('accepted', 'pending_review')) ORDER BY v.number)"
}
