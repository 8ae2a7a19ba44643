/* report.h: a planting report checked and turned into a result (report.c). */
#ifndef TALKA_PARSERS_REPORT_H
#define TALKA_PARSERS_REPORT_H

#include "parsers/reading.h"

/* Marks out as failed with an error code (one of those listed in parse.h). */
void pz_fail(struct parse_result *out, const char *code);

/* Finishes a report whose body c has read: resolves typos, pairs counts with
 * species, checks them against o, picks the place and the date (not after the
 * local date the text arrived), and fills out; the first problem found becomes
 * the error.
 * plant_signal: a word said "planting"; explicit_cmd: the text began with one. */
void pz_report(struct reading *c, struct parse_result *out, const struct parse_options *o,
               int plant_signal, int explicit_cmd);

#endif
