#!/bin/sh
# parse_corpus.sh: the parser's accuracy over tests/corpus/sms.tsv (realistic texts
# with their expected results), printed as "accuracy P% (good/total)"; ok at >= 95%.
. tests/lib.sh
scratch
export TALKA_NOW="2026-05-15 10:00:00"
python3 tests/corpus/check.py "$TALKA" tests/corpus/sms.tsv 95
finish
