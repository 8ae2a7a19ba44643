# registry_export.sh: end to end through the real pipeline (`talka sms`): a
# report, an approval and an ATCELT become upsert and cancel records at the
# registry with no phone number; `talka export csv|geojson` lists plantings.
. tests/lib.sh
. tests/lib/registry.sh
plan 27
reg_setup

"$TALKA" sms +37126000001 "KOKS 12 OZOLS Cesis" > /dev/null 2>&1
"$TALKA" sms +37126000002 "KOKS 5 PRIEDES Sigulda" > /dev/null 2>&1
"$TALKA" sms +37126000003 "KOKS 900 BERZI Cesis" > /dev/null 2>&1
expect_eq sms_accepted_queued "$(reg_pending)" 2
expect_eq sms_pending_review_not_queued "$(q "SELECT count(*) FROM plantings WHERE status = 'pending_review'")" 1
"$TALKA" registry flush > /dev/null 2>&1; expect_eq sms_flush_exit $? 0
expect_eq sms_server_accepted "$(reg_stat accepted)" 2

n=$(q "SELECT review_no FROM plantings WHERE status = 'pending_review'")
"$TALKA" review approve "$n" > /dev/null 2>&1
expect_eq approve_queued "$(reg_pending)" 1
"$TALKA" sms +37126000001 "ATCELT" > /dev/null 2>&1
expect_eq atcelt_cancelled "$(q "SELECT count(*) FROM plantings WHERE status = 'cancelled'")" 1
expect_eq atcelt_cancel_queued "$(q "SELECT count(*) FROM registry_records WHERE op = 'cancel' AND batch_id IS NULL")" 1
"$TALKA" registry flush > /dev/null 2>&1; expect_eq approve_cancel_flush_exit $? 0
expect_eq server_upserts "$(reg_stat upserts)" 3
expect_eq server_cancels "$(reg_stat cancels)" 1
recs=$(curl -sf "$URL/_records")
expect_match record_latin "$recs" '"latin": "Quercus robur"'
expect_match record_atvk "$recs" '"atvk": "0026000"'
expect_match record_channel "$recs" '"channel": "sms"'
check record_no_phone sh -c "! printf '%s' '$recs' | grep -q 26000001"
expect_eq server_no_leaks "$(reg_stat leaks)" 0
expect_eq server_no_invalid "$(reg_stat invalid)" 0

# --- export
csv=$("$TALKA" export csv 2>/dev/null); expect_eq export_csv_exit $? 0
expect_eq export_csv_header "$(printf '%s\n' "$csv" | head -1 | tr -d '\r')" \
    "id,count,species_latin,species_lv,planted_on,place,municipality,atvk,lat,lon,channel"
expect_eq export_csv_rows "$(printf '%s\n' "$csv" | tail -n +2 | grep -c .)" 2
expect_match export_csv_row "$csv" "900,Betula pendula,[^,]*,[0-9-]+,Cēsis,Cēsu novads,0026000,57\.3"
check export_csv_no_phone sh -c "! printf '%s' '$csv' | grep -q 3712600"
"$TALKA" export geojson > "$T/map.json" 2>/dev/null; expect_eq export_geojson_exit $? 0
expect_eq export_geojson_valid "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["type"], len(d["features"]), d["features"][0]["geometry"]["type"])' "$T/map.json")" "FeatureCollection 2 Point"
expect_eq export_since_future "$("$TALKA" export csv --since 2999-01-01 2>/dev/null | grep -c .)" 1
"$TALKA" export csv --since yesterday > /dev/null 2>&1; expect_eq export_bad_since_exit $? 2
"$TALKA" export xml > /dev/null 2>&1; expect_eq export_bad_format_exit $? 2
"$TALKA" export --help > /dev/null; expect_eq export_help_exit $? 0
reg_finish
