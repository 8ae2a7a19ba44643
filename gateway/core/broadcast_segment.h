/* broadcast_segment.h: who a broadcast goes to: all; municipality:NAME (resolved
 * as a planting report would, matched against volunteers' reports and home
 * place); active:DATE / inactive:DATE (reported a planting since DATE, or not);
 * species:ID; file:PATH (a CSV of numbers, normalised, bad rows listed). */
#ifndef TALKA_BROADCAST_SEGMENT_H
#define TALKA_BROADCAST_SEGMENT_H

#include "parsers/parse.h"

#include <stdbool.h>
#include <stddef.h>

struct segment {
    char spec[512];       /* as given */
    char kind[16];        /* all | municipality | active | inactive | species | file */
    char value[256];      /* municipality, species id, epoch seconds of DATE's midnight */
    /* file: the normalised numbers (deduplicated) and the rows that were refused */
    char (*numbers)[20];
    size_t nnumbers;
    char **bad;           /* "line 4: \"12345\" is not a mobile number" */
    size_t nbad;
};

/* Parses spec (DATE in the local time zone). False with a message in err. */
bool segment_parse(const struct lexicon *lex, const char *spec,
                   struct segment *s, char *err, size_t errlen);
void segment_free(struct segment *s);

/* Reads a CSV of numbers (first field of each row; ',' ';' or tab separated; a
 * first row without digits is a header). */
bool segment_read_file(const char *path, struct segment *s, char *err, size_t errlen);

#endif
