# export_places.sh: `talka export geojson|csv` places reports without their own
# coordinates (parishes, municipalities) at the municipality's administrative-centre
# town (Cēsu novads -> Cēsis; Jelgavas novads -> the state city Jelgava), else at
# the mean of its towns, with a precision property; none left: geometry null.
. tests/lib.sh
plan 12
scratch
export TALKA_NOW="2026-05-15 10:00:00"
sms() { "$TALKA" sms "$@" >/dev/null 2>>"$T/stderr"; }
# a municipality the lists know no town of (every real one has towns with points)
printf 'Testas novads\tTestas novads\tnovads\t\tTestas novads\t0099000\t\tTestas\t\t\t\t\ttest only\n' >> "$T/config/places.tsv"
sms --at "2026-05-15 10:00:00" +37126000001 "KOKS 5 OZOLS Cesis"
sms --at "2026-05-15 10:01:00" +37126000002 "KOKS 6 OZOLS Vecpiebalgas pagasts"
sms --at "2026-05-15 10:02:00" +37126000003 "KOKS 7 OZOLS Jelgavas novadā"
sms --at "2026-05-15 10:03:00" +37126000004 "KOKS 8 OZOLS Dienvidkurzemes novadā"
sms --at "2026-05-15 10:04:00" +37126000005 "KOKS 9 OZOLS Testas novads"
expect_eq "five reports accepted" "$(sqlite3 "$T/var/talka.db" "SELECT count(*) FROM plantings WHERE status='accepted'")" 5

"$TALKA" export geojson > "$T/map.json" 2>"$T/err"
expect_eq "geojson: exit 0" "$?" 0
got=$(python3 - "$T/map.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for f in d["features"]:
    p, g = f["properties"], f["geometry"]
    xy = "null" if g is None else "%.5f,%.5f" % (g["coordinates"][1], g["coordinates"][0])
    print(p["count"], p["precision"], xy)
PY
)
expect_eq "geojson: every report is a feature" "$(printf '%s\n' "$got" | wc -l)" 5
expect_match "geojson: a town at its own point" "$got" "^5 place 57\.31188,25\.27456$"
expect_match "geojson: a parish at its municipality's centre town" "$got" "^6 municipality_centre 57\.31188,25\.27456$"
expect_match "geojson: Jelgavas novads at the state city Jelgava" "$got" "^7 municipality_centre 56\.65000,23\.71278$"
expect_match "geojson: no centre town: the mean of the towns" "$got" "^8 municipality_centre 5[67]\.[0-9]+,2[0-9]\.[0-9]+$"
expect_match "geojson: nothing known: geometry null, kept" "$got" "^9 none null$"
expect_match "geojson: stderr counts the one without coordinates" "$(cat "$T/err")" "5 plantings \(1 without any coordinates"

csv=$("$TALKA" export csv 2>/dev/null | tr -d '\r')
expect_match "csv: precision column" "$csv" "^id,.*,lat,lon,precision,channel$"
expect_match "csv: the parish at the centre" "$csv" ",6,.*Vecpiebalgas pagasts,Cēsu novads,[0-9]*,57\.311880,25\.274560,municipality_centre,sms$"
expect_match "csv: none with empty lat/lon" "$csv" ",9,.*,,,none,sms$"
finish
