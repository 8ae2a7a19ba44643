#!/bin/sh
# parse_corpus.sh: the parser over tests/corpus/sms.tsv (realistic texts with their
# expected results and a class): every row is its own check, known misses are
# listed with their reason (at most 3%), accuracy is printed per class and overall.
. tests/lib.sh
scratch
export TALKA_NOW="2026-05-15 10:00:00"
python3 tests/corpus/check.py "$TALKA" tests/corpus/sms.tsv 95
finish
