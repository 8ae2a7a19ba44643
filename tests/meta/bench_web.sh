# meta/bench_web.sh: bench/web.sh on a small database (300 volunteers, 1 000
# plantings, 50 inbox texts, 100 requests a page, the release binary) prints the
# volunteer search as one line per kind of query — part of a number, a name
# without diacritics, a pseudonym — each with its p95 and the < 50 ms target,
# and no line that lumps them together (it printed one /volunteers line over
# all three kinds). Whether the target is met here is not checked: the figures
# are make bench's, on a quiet machine.
. tests/lib.sh
plan 5
scratch
rel=$PWD/build/talka
[ -x "$rel" ] || bail "no release binary $rel (make build/talka)"
TALKA=$rel WEB_BENCH_VOLUNTEERS=300 WEB_BENCH_PLANTINGS=1000 WEB_BENCH_INBOX=50 WEB_BENCH_REQUESTS=100 \
    sh bench/web.sh > "$T/web.out" 2>&1
out=$(cat "$T/web.out")
for kind in "part of a number" "name without diacritics" "pseudonym"; do
    expect_match "bench_web: /volunteers ($kind) on a line of its own" "$out" \
        "^web_server/volunteers \\($kind\\): p50 [0-9]+ ms, p95 [0-9]+ ms over 10[01] requests \\(target p95 < 50: (met|NOT met)\\)$"
done
case "$out" in
    *"web_server/volunteers:"*) not_ok "bench_web: no /volunteers line over all kinds" "$(grep 'web_server/volunteers:' "$T/web.out")" ;;
    *) ok "bench_web: no /volunteers line over all kinds" ;;
esac
expect_match "bench_web: the other pages still timed" "$out" "^web_server/inbox/text: p50 [0-9]+ ms"
finish
