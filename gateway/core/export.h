/* export.h: accepted plantings as CSV or GeoJSON (export.c), for `talka export`
 * and the dashboard's downloads. Nothing written identifies a person. */
#ifndef TALKA_EXPORT_H
#define TALKA_EXPORT_H

#include "db/db.h"
#include "parsers/parse.h"

#include <stdbool.h>
#include <stdio.h>

/* Writes the plantings (planted on or after since, "YYYY-MM-DD", when not NULL) to
 * out; *written rows, *skipped GeoJSON rows without coordinates. False on a
 * database or write error. */
bool export_plantings(struct db *db, const struct lexicon *lex, bool csv, const char *since,
                      FILE *out, long *written, long *skipped);

#endif
