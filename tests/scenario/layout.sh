# layout.sh: `make check-layout` holds on this tree (includes and symbol edges of
# the release objects point down, no cycles, headers match their .c files, no
# weak symbols, no .c file over 600 lines, one MHD_start_daemon call and it in
# gateway/core/http_endpoint.c, no SQL string or sqlite3_ outside db/, no function
# over 80 lines, no fprintf(stderr in gateway/core), no literal config fallback),
# and the checker really fails: in a copy of the tree, a feature that includes
# another feature, a core file that includes a feature, a weak symbol, a header
# declaring another file's function, a feature starting its own libmicrohttpd
# server, SQL or sqlite3_ in a feature (SQL in a comment, or in db/, is not), an
# 81-line function, a core file that prints and a feature reading with db_int_or
# are each reported with the offending edge or line; a config getter given a literal fallback, or reading a
# key the key table does not have, is reported with FILE:LINE, and the fallbacks
# are counted (0 on this tree).
. tests/lib.sh
plan 34
out=$(python3 mk/check-layout.py build/obj 2>&1); rc=$?
expect_eq "layout: check-layout passes on this tree" "$rc" 0
expect_match "layout: ... and read the objects" "$out" "^check-layout: ok \([0-9]+ files, [0-9]+ edges\)$"
expect_match "layout: no literal config fallbacks" "$out" \
    "^check-layout: 0 literal config fallbacks; [1-9][0-9]+ config getter calls checked"
T=$(mktemp -d /tmp/talka-layout-XXXXXX)
git ls-files -z gateway db parsers mk | xargs -0 cp --parents -t "$T"
broken() { # broken NAME FILE LINE: add LINE to FILE in a fresh copy, run the checker without objects
    rm -rf "$T/copy"; mkdir "$T/copy"; cp -r "$T/gateway" "$T/db" "$T/parsers" "$T/mk" "$T/copy/"
    printf '%s\n' "$3" >> "$T/copy/$2"
    python3 "$T/copy/mk/check-layout.py" "$T/copy/no-objects" > "$T/out" 2>&1
    echo $?
}
expect_eq "layout: a feature including another feature fails" \
    "$(broken x gateway/modem/gammu_sms.c '#include "gateway/staff/staff.h"')" 1
expect_match "layout: ... naming the edge" "$(cat "$T/out")" \
    "gateway/modem/gammu_sms.c:[0-9]+: includes gateway/staff/staff.h \(gateway/modem may not use gateway/staff\)"
expect_eq "layout: core including a feature fails" \
    "$(broken x gateway/core/pipeline.c '#include "gateway/ussd/ussd_menu.h"')" 1
expect_match "layout: ... naming the edge" "$(cat "$T/out")" "gateway/core/pipeline.c:[0-9]+: includes gateway/ussd/ussd_menu.h"
expect_eq "layout: db including the core fails" "$(broken x db/outbox.c '#include "gateway/core/pipeline.h"')" 1
expect_eq "layout: a weak symbol fails" \
    "$(broken x gateway/base/log.c 'int talka_weak_probe(void) __attribute__((weak));')" 1
expect_match "layout: ... named" "$(cat "$T/out")" "gateway/base/log.c: declares a weak symbol"
broken x gateway/base/phone.h '#include "gateway/base/sms_text.h"' > /dev/null
printf '#include "gateway/base/phone.h"\n' >> "$T/copy/gateway/base/sms_text.h"
python3 "$T/copy/mk/check-layout.py" "$T/copy/no-objects" > "$T/out" 2>&1
expect_eq "layout: a cycle through includes fails" "$?" 1
expect_match "layout: ... named" "$(cat "$T/out")" "cycle between gateway/base/phone, gateway/base/sms_text"
expect_eq "layout: a literal config fallback fails" \
    "$(broken x gateway/core/rules.c 'long f(void) { return config_get_int(cfg, "points", "per_tree", 10); }')" 1
expect_match "layout: ... named and counted" "$(cat "$T/out")" \
    "gateway/core/rules.c:[0-9]+: config_get_int\(\) takes a literal fallback.*
check-layout: 1 literal config fallbacks"
broken x gateway/core/rules.c 'long f(void) { return config_int(cfg, "points", "per_tree", 10); }' > /dev/null
expect_match "layout: a typed getter with a default fails" "$(cat "$T/out")" \
    "gateway/core/rules.c:[0-9]+: config_int\(\) given a default argument \(10\)"
expect_eq "layout: a key not in the table fails" \
    "$(broken x gateway/modem/modem_send.c 'long f(void) { return config_int(cfg, s, "pol_ms"); }')" 1
expect_match "layout: ... named" "$(cat "$T/out")" \
    "gateway/modem/modem_send.c:[0-9]+: config_int\(\) reads \[\.\.\.\] pol_ms, which is not in the key table"
broken x gateway/core/app.c 'long f(void) { return config_int(cfg, "talka", "sync"); }' > /dev/null
expect_match "layout: a key read as another type fails" "$(cat "$T/out")" \
    "gateway/core/app.c:[0-9]+: config_int\(\) reads \[talka\] sync, a CONFIG_WORD in the key table"
broken x gateway/core/app.c 'int f(void) { return !config_str(cfg, "talka", "group"); }' > /dev/null
expect_match "layout: a NULL test of config_str() fails" "$(cat "$T/out")" \
    "gateway/core/app.c:[0-9]+: a NULL test of config_str\(\)"
python3 - "$T/copy/gateway/base/log.c" <<'PY'
import sys
p = sys.argv[1]
open(p, "a").write("\n" * 700)
PY
python3 "$T/copy/mk/check-layout.py" "$T/copy/no-objects" > "$T/out" 2>&1
expect_match "layout: a .c file over 600 lines fails" "$(cat "$T/out")" "gateway/base/log.c: [0-9]+ lines \(at most 600\)"
expect_eq "layout: a feature starting its own HTTP server fails" \
    "$(broken x gateway/kannel/kannel_service.c 'static void *probe(void) { return MHD_start_daemon(0, 0, NULL, NULL, NULL, NULL, MHD_OPTION_END); }')" 1
expect_match "layout: ... naming the file and the one module" "$(cat "$T/out")" \
    "gateway/kannel/kannel_service.c:[0-9]+: calls MHD_start_daemon \(only gateway/core/http_endpoint.c may"
broken x gateway/core/http_endpoint.c '/* MHD_start_daemon( in a comment is not a call */' > /dev/null
sed -i 's/MHD_start_daemon(flags/NOT_MHD_start(flags/' "$T/copy/gateway/core/http_endpoint.c"
python3 "$T/copy/mk/check-layout.py" "$T/copy/no-objects" > "$T/out" 2>&1
expect_match "layout: the endpoint module without its call fails (comments do not count)" \
    "$(cat "$T/out")" "gateway/core/http_endpoint.c: 0 MHD_start_daemon calls \(exactly one\)"
# SQL lives in db/: a new feature file with an SQL string (after a "//" inside a
# string) and a sqlite3_ call; the same words in comments, and SQL in db/, pass
broken x gateway/ussd/sql_probe.c '/* "SELECT 0" in a comment is no SQL, nor sqlite3_sleep */
static const char *probe_url = "http://x", *probe_sql = "  SELECT 1"; // "DELETE 1" neither
static int probe(void) { return sqlite3_libversion_number(); } /* sqlite3_sleep */' > /dev/null
printf 'static const char *probe_db_sql = "SELECT 1";\n' > "$T/copy/db/sql_probe.c"
python3 "$T/copy/mk/check-layout.py" "$T/copy/no-objects" > "$T/out" 2>&1
expect_eq "layout: an SQL string or sqlite3_ outside db/ fails" "$?" 1
expect_eq "layout: ... the SQL string named at its line, not the ones in comments" \
    "$(grep 'sql_probe.c:[0-9]*: SQL string' "$T/out" | sed 's/^check-layout: //')" \
    'gateway/ussd/sql_probe.c:2: SQL string outside db/: "  SELECT 1"'
expect_eq "layout: ... the sqlite3_ line named, not the comment's" \
    "$(grep 'sql_probe.c:[0-9]*: sqlite3_' "$T/out" | sed 's/^check-layout: //')" \
    "gateway/ussd/sql_probe.c:3: sqlite3_ outside db/: sqlite3_libversion_number"
expect_eq "layout: ... an SQL string in db/ is not reported" "$(grep -c 'db/sql_probe.c' "$T/out")" 0
expect_match "layout: ... with the counts" "$(cat "$T/out")" \
    "^check-layout: SQL strings outside db/: [1-9][0-9]*; sqlite3_ lines outside db/: [1-9][0-9]*$"
python3 - "$T/copy/gateway/base/log.c" <<'PY'
import sys
p = sys.argv[1]
body = lambda n: "{\n" + "    x++;\n" * n + "    return x;\n}\n"
open(p, "a").write("int talka_long_probe(int x)\n" + body(77) + "int talka_fits_probe(int x)\n" + body(76))
PY
python3 "$T/copy/mk/check-layout.py" "$T/copy/no-objects" > "$T/out" 2>&1
expect_match "layout: a function over 80 lines fails, named with its length" "$(cat "$T/out")" \
    "gateway/base/log.c:[0-9]+: talka_long_probe 81 lines \(a function has at most 80\)"
expect_eq "layout: ... and one of 80 passes" "$(grep -c talka_fits_probe "$T/out")" 0
broken x gateway/core/names.c 'static void talka_print_probe(void) { fprintf(stderr, "x\n"); }' > /dev/null
expect_match "layout: fprintf(stderr in the core fails" "$(cat "$T/out")" \
    "gateway/core/names.c:[0-9]+: fprintf\(stderr, \.\.\.\) in gateway/core"
# a read whose error becomes a default, outside the display code
broken x gateway/registry/registry_batch.c 'static long talka_or_probe(struct db *db) { return db_int_or(db, 0, 0, ""); }' > /dev/null
expect_match "layout: db_int_or outside web/ and cli/ fails" "$(cat "$T/out")" \
    "gateway/registry/registry_batch.c:[0-9]+: db_int_or outside gateway/web, gateway/cli"
expect_match "layout: ... and is counted" "$(cat "$T/out")" \
    "^check-layout: counts: .*db_int_or outside web/cli 1,"
expect_match "layout: this tree's counts are all 0 and one HTTP server" "$out" \
    "^check-layout: counts: SQL strings outside db/ 0, sqlite3_ lines outside db/ 0, literal config fallbacks 0, long functions 0, fprintf\(stderr in core 0, db_int_or outside web/cli 0, MHD_start_daemon calls 1$"
rm -rf "$T"
T=
finish
