#!/bin/sh
# parse_corpus.sh: the parser over tests/corpus/sms.tsv (realistic texts with
# their expected results): every row is its own check and must match, except
# rows marked known-miss; talka's exit status and line count are checked too.
. tests/lib.sh
rows=$(grep -v '^#' tests/corpus/sms.tsv | grep -c .)
plan $((rows + 3))   # a check per row, exit status, line count, the helper's exit
scratch
export TALKA_NOW="2026-05-15 10:00:00"
helper parse_corpus_helper python3 tests/lib/corpus_check.py "$TALKA" tests/corpus/sms.tsv
finish
