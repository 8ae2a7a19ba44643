"""metrics_check.py: reads talka's /metrics with Debian's Prometheus client parser
(python3-prometheus-client, so /usr/bin/python3) and checks every family against `talka status --json`
and against the database, one "ok"/"not ok" line per family (11 lines) plus one for
the parse itself. Used by tests/scenario/metrics.sh.
usage: metrics_check.py METRICS_FILE STATUS_JSON_FILE DATABASE"""
import json
import sqlite3
import sys

from prometheus_client.parser import text_string_to_metric_families

metrics_text = open(sys.argv[1], encoding="utf-8").read()
status = json.load(open(sys.argv[2], encoding="utf-8"))
db = sqlite3.connect(sys.argv[3])

# family name (as the parser names it: counters lose _total) -> {label value or "": value}
scraped = {}
try:
    for fam in text_string_to_metric_families(metrics_text):
        vals = scraped.setdefault(fam.name, {})
        for s in fam.samples:
            if s.name.endswith("_created"):
                continue
            lab = next(iter(s.labels.values()), "") if s.labels else ""
            vals[lab] = int(s.value)
    print("ok metrics: /metrics parses as Prometheus text (%d families)" % len(scraped))
except Exception as e:  # noqa: BLE001: any parse failure is the finding
    print("not ok metrics: /metrics parses as Prometheus text\n    %s" % e)


def q(sql):
    return db.execute(sql).fetchall()


def by_label(rows):
    return {str(k): int(v) for k, v in rows}


links = q("SELECT name, state, signal, sim_used FROM modems")
# what the database says each family is (counters: the rows, none deleted in this test)
want_db = {
    "talka_texts_received": {"": q("SELECT count(*) FROM inbound")[0][0]},
    "talka_texts_sent": {k: 0 for k in ("reply", "broadcast", "staff")} | by_label(q(
        "SELECT CASE kind WHEN 'reply' THEN 'reply' WHEN 'broadcast' THEN 'broadcast' ELSE 'staff' END,"
        " count(*) FROM outbound WHERE state IN ('sent', 'delivered') GROUP BY 1")),
    "talka_outbound_queued": {"": q("SELECT count(*) FROM outbound WHERE state = 'queued'")[0][0]},
    "talka_link_up": {n: int(s == "up") for n, s, _, _ in links},
    "talka_link_signal_percent": {n: sig for n, _, sig, _ in links if sig is not None and sig >= 0},
    "talka_sim_messages": {n: u for n, _, _, u in links if u is not None and u >= 0},
    "talka_registry_pending": {"": q("SELECT count(*) FROM registry_records WHERE state = 'queued'")[0][0]},
    "talka_ussd_sessions": {"": q("SELECT value FROM metric_counters WHERE name = 'ussd_sessions'")[0][0]},
    "talka_parse_outcomes": by_label(q(
        "SELECT outcome, count(*) FROM inbound WHERE state = 'handled' GROUP BY outcome")),
    "talka_askback_waiting": {"": q("SELECT count(*) FROM awaiting_confirmation WHERE state = 'waiting'")[0][0]},
    # the inbox: the open texts (kept by triggers) and questions that ran out unanswered
    "talka_inbox_unresolved": {"": q("SELECT (SELECT count(*) FROM inbox_open) + (SELECT count(*)"
        " FROM awaiting_confirmation a JOIN inbound w ON w.id = a.inbound_id WHERE a.state = 'waiting'"
        " AND a.expires_at <= strftime('%s', 'now') AND length(w.text) > 0"
        " AND a.inbound_id NOT IN (SELECT inbound_id FROM inbox_resolved)"
        " AND a.inbound_id NOT IN (SELECT inbound_id FROM inbox_open))")[0][0]},
}
# the JSON names carry _total; the parser's family names do not
for fam, want in want_db.items():
    js = status.get(fam + "_total", status.get(fam))
    js = {"": js} if isinstance(js, int) else {k: int(v) for k, v in (js or {}).items()}
    got = scraped.get(fam, {})
    if got == js == want:
        print("ok metrics: %s matches status --json and the database %s" % (fam, json.dumps(got)))
    else:
        print("not ok metrics: %s matches status --json and the database\n"
              "    /metrics %s, status --json %s, database %s" % (fam, got, js, want))
extra = set(scraped) - set(want_db)
if extra:
    print("    (also served: %s)" % ", ".join(sorted(extra)))
