#!/bin/sh
# parse_corpus.sh: the parser over tests/corpus/sms.tsv (realistic texts with
# their expected results and a class): every row is its own check and must
# match, except rows marked known-miss (at most 3% of the corpus, one more
# check); talka's exit status and line count are checked too; accuracy is
# printed per class and overall.
. tests/lib.sh
rows=$(grep -v '^#' tests/corpus/sms.tsv | grep -c .)
plan $((rows + 4))   # a check per row, exit status, line count, known misses <= 3%, the helper's exit
scratch
export TALKA_NOW="2026-05-15 10:00:00"
helper parse_corpus_helper python3 tests/lib/corpus_check.py "$TALKA" tests/corpus/sms.tsv
finish
