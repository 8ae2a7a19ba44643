/* broadcast_segment.h: who a broadcast goes to. A segment is one or more terms
 * joined by '&', every one of which a recipient must meet:
 *   all                          everyone (the default)
 *   municipality:NAME[,NAME...]  any of these municipalities (each NAME resolved
 *                                as a planting report would), matched against
 *                                volunteers' reports and home place
 *   lang:lv|ru|en                the volunteer's language
 *   active:DATE                  reported a planting since DATE (local midnight)
 *   inactive:DATE                reported none since DATE
 *   species:ID                   reported that species
 *   file:PATH                    a CSV of numbers (normalised, bad rows listed);
 *                                stands alone
 * e.g. "municipality:Cēsis,Valmiera & lang:ru & active:2026-05-01". Each term at
 * most once; inactive and species (the "kind") not together. Volunteers who
 * opted out or were erased are never in a segment. */
#ifndef TALKA_BROADCAST_SEGMENT_H
#define TALKA_BROADCAST_SEGMENT_H

#include "db/broadcast.h"
#include "parsers/parse.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEG_MAX_MUNIS 64

/* Why a spec was refused, for callers that say it in another language
 * (err always holds the English message). */
enum seg_error {
    SEG_OK = 0,
    SEG_E_UNKNOWN,       /* arg: the term */
    SEG_E_NO_VALUE,      /* arg: the term (a kind without a value, or all: with one) */
    SEG_E_PLACE,         /* arg: the name */
    SEG_E_AMBIGUOUS,     /* arg: the name */
    SEG_E_SPECIES,       /* arg: the name */
    SEG_E_DATE,          /* arg: the date as written */
    SEG_E_LANG,          /* arg: the language as written */
    SEG_E_TWICE,         /* arg: the term's name */
    SEG_E_KINDS,         /* inactive and species together; arg: the second */
    SEG_E_FILE_ALONE,
    SEG_E_TOO_MANY,      /* over SEG_MAX_MUNIS municipalities */
    SEG_E_READ,          /* file: cannot be read, or no memory */
};

struct segment {
    char spec[512];       /* as given */
    /* the kind: all | municipality | active | inactive | species | file. A spec that
     * is one municipality alone, or active: alone, keeps that kind (as broadcasts
     * stored before combined segments did); otherwise municipalities and active:
     * are filters below and the kind is all, inactive or species. */
    char kind[16];
    char value[256];      /* municipality, species id, epoch seconds of DATE's midnight */
    /* filters, each AND-ed with the kind */
    char munis[SEG_MAX_MUNIS][64];  /* resolved municipality names, any of them */
    size_t nmunis;
    char lang[4];         /* "" any */
    int64_t since;        /* 0: none; else reported a planting at or after */
    enum seg_error error; /* when segment_parse refused */
    char error_arg[128];
    /* file: the normalised numbers (deduplicated) and the rows that were refused */
    char (*numbers)[20];
    size_t nnumbers;
    char **bad;           /* "line 4: \"12345\" is not a mobile number" */
    size_t nbad;
};

/* Parses spec (DATE in the local time zone). False with a message in err and
 * the reason in s->error. */
bool segment_parse(const struct lexicon *lex, const char *spec,
                   struct segment *s, char *err, size_t errlen);
void segment_free(struct segment *s);

/* The segment as the queries take it; munis_json (the municipalities as a JSON
 * array, or "" when none) must outlive it. */
struct bc_segment segment_query(const struct segment *s, char *munis_json, size_t len);

/* The municipality whose total {municipality_total} shows: the segment's one
 * municipality, or NULL (each volunteer's own). */
const char *segment_total_municipality(const struct segment *s);
/* The same for a stored broadcast (its seg_munis read back); NULL when none. */
const char *broadcast_total_municipality(const struct broadcast_row *b, char *buf, size_t len);
/* The stored broadcast's segment as the queries take it (points into b). */
struct bc_segment broadcast_row_query(const struct broadcast_row *b);

/* "municipality Cēsu novads, Valmieras novads & lang ru & active since 2026-05-01"
 * (what talka understood, names as resolved). */
void segment_describe(const struct segment *s, char *out, size_t len);

/* The same for a stored broadcast. */
void broadcast_row_describe(const struct broadcast_row *b, char *out, size_t len);

/* Reads a CSV of numbers (first field of each row; ',' ';' or tab separated; a
 * first row without digits is a header). */
bool segment_read_file(const char *path, struct segment *s, char *err, size_t errlen);

#endif
