#!/bin/sh
# parse_places_forms.sh: every Russian form of every place in config/places.tsv
# (nominative and its cases, after в/из/под) and every Latgalian place form of
# config/src/latgalian.tsv parses, through `talka parse`, to its own place and no
# other (tests/lib/places_forms_check.py: a check per place and per Latgalian row).
. tests/lib.sh
places=$(grep -c . config/places.tsv)
ltg=$(grep -v '^#' config/src/latgalian.tsv | grep -c '^place')
plan $((places - 1 + ltg + 2))   # a check per place, per Latgalian place row, exit, helper
scratch
export TALKA_NOW="2026-05-15 10:00:00"
helper places_forms_helper python3 tests/lib/places_forms_check.py "$TALKA" "$T/config/places.tsv" \
    config/src/latgalian.tsv
finish
