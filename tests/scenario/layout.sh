# layout.sh: `make check-layout` holds on this tree (includes and symbol edges of
# the release objects point down, no cycles, headers match their .c files, no
# weak symbols, no .c file over 600 lines, no function over 80 lines, no
# fprintf(stderr in gateway/core), and the checker really fails: in a
# copy of the tree, a feature that includes another feature, a core file that
# includes a feature, a weak symbol and a header declaring another file's
# function, an 81-line function and a core file that prints are each reported
# with the offending edge.
. tests/lib.sh
plan 15
out=$(python3 mk/check-layout.py build/obj 2>&1); rc=$?
expect_eq "layout: check-layout passes on this tree" "$rc" 0
expect_match "layout: ... and read the objects" "$out" "^check-layout: ok \([0-9]+ files, [0-9]+ edges\)$"
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
python3 - "$T/copy/gateway/base/log.c" <<'PY'
import sys
p = sys.argv[1]
open(p, "a").write("\n" * 700)
PY
python3 "$T/copy/mk/check-layout.py" "$T/copy/no-objects" > "$T/out" 2>&1
expect_match "layout: a .c file over 600 lines fails" "$(cat "$T/out")" "gateway/base/log.c: [0-9]+ lines \(at most 600\)"
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
rm -rf "$T"
T=
finish
