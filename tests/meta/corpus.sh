# meta/corpus.sh: the corpus check (tests/lib/corpus_check.py) on a temporary
# corpus of the first rows, broken on purpose: a row whose expected result is
# wrong, a talka that prints the right lines and then exits 23 (as a leak report
# would), a talka that is not there, a row marked known-miss, a known-miss
# mark left on a row that parses right, and known misses above 3% of the rows.
# Each must show as the failed check it is.
. tests/lib.sh
plan 14
scratch
export TALKA_NOW="2026-05-15 10:00:00"
head -n 41 tests/corpus/sms.tsv > "$T/good.tsv"     # the header and 40 rows
cc() { python3 tests/lib/corpus_check.py "$@" > "$T/cc.out" 2>&1; CRC=$?; }
fails() { grep '^not ok ' "$T/cc.out" | sed 's/ - .*//' | tr '\n' ' '; }

cc "$TALKA" "$T/good.tsv"
expect_eq "corpus: the first 40 rows pass as they are" "$CRC:$(grep -c '^ok ' "$T/cc.out"):$(fails)" "0:43:"

# row 3 (line 4) expects the wrong municipality
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 4 { $5 = "Rīga" } { print }' "$T/good.tsv" > "$T/broken.tsv"
cc "$TALKA" "$T/broken.tsv"
expect_eq "corpus: a broken row fails, exit 1" "$CRC" 1
expect_eq "corpus: ... as its own check, the others ok" "$(fails)" "not ok corpus_line_4 "
expect_match "corpus: ... saying what differs" "$(cat "$T/cc.out")" "place .*Cēsu novads"

# right lines, then exit 23
printf '#!/bin/sh\n"%s" "$@"\nexit 23\n' "$TALKA" > "$T/exit23"
chmod +x "$T/exit23"
cc "$T/exit23" "$T/good.tsv"
expect_eq "corpus: talka's exit status 23 fails the check" "$CRC:$(fails)" "1:not ok parse_corpus_exit "
expect_match "corpus: ... naming the status" "$(cat "$T/cc.out")" "exit status 23"

# no talka at all: every row fails, none vanishes
cc /nonexistent/talka "$T/good.tsv"
expect_eq "corpus: without talka it fails" "$CRC" 1
expect_eq "corpus: ... every row counted as failed (42 checks)" "$(grep -c '^not ok ' "$T/cc.out")" 42

# a row marked known-miss that misses is ok; the mark on a passing row is not
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 4 { $5 = "Rīga"; $8 = "known-miss: test" } { print }' "$T/good.tsv" > "$T/known.tsv"
cc "$TALKA" "$T/known.tsv"
expect_eq "corpus: a known-miss row that misses passes" "$CRC:$(fails)" "0:"
expect_match "corpus: ... and says it is a known miss" "$(cat "$T/cc.out")" "^ok corpus_line_4 .*# known-miss: test"
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 4 { $8 = "known-miss: test" } { print }' "$T/good.tsv" > "$T/stale.tsv"
cc "$TALKA" "$T/stale.tsv"
expect_eq "corpus: a known-miss mark on a passing row fails" "$CRC:$(fails)" "1:not ok corpus_line_4 "
expect_match "corpus: ... asking to remove the mark" "$(cat "$T/cc.out")" "remove the mark"

# two known misses in 40 rows (5%) are more than the 3% allowed
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 4 || NR == 5 { $5 = "Rīga"; $8 = "known-miss: test" } { print }' "$T/good.tsv" > "$T/many.tsv"
cc "$TALKA" "$T/many.tsv"
expect_eq "corpus: known misses above 3% fail" "$CRC:$(fails)" "1:not ok parse_corpus_known_misses "
expect_match "corpus: ... saying how many" "$(cat "$T/cc.out")" "2 rows \(5.0%\) marked known-miss"

finish
