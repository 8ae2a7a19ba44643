/* parse.h: the SMS language's public types. The parser turns one inbound text (any
 * bytes) into a structured, validated command. Pure: no database, no earlier
 * messages; the caller passes the lexicon (species and places) and the current
 * time. Every channel calls it. Types only: the functions are declared next to
 * their definitions (lexicon.h, grammar.h, json.h, names.h, species.h, places.h, lookup.h). */
#ifndef TALKA_PARSE_H
#define TALKA_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum command {
    CMD_UNKNOWN = 0, CMD_PLANT, CMD_POINTS, CMD_REGISTER, CMD_STOP, CMD_START,
    CMD_HELP, CMD_DELETE, CMD_CANCEL, CMD_YES, CMD_NO,
    CMD_THANKS              /* thanks or goodbye alone ("Paldies!", "Thanks, bye") */
};
#define CMD_LAST CMD_THANKS

#include "gateway/base/lang.h"   /* enum lang */

/* A tree species from config/species.tsv (ids kept from shared/data/species.tsv). */
struct species {
    const char *id;         /* quercus_robur */
    const char *latin;      /* Quercus robur */
    const char *name_lv;    /* ozols (everyday Latvian name, nominative) */
    const char *name_ru;    /* дуб */
    const char *name_en;    /* pedunculate oak */
    bool native;            /* native_to_latvia == yes */
    int menu_order;         /* place on the USSD list (column ussd_order, 1 first); 0: after those */
};

/* A place from config/places.tsv, resolved to its top-level unit. */
struct place {
    const char *name;          /* Cēsis, Vecpiebalgas pagasts */
    const char *type;          /* valstspilsēta | novads | pilsēta | pagasts */
    const char *municipality;  /* Cēsu novads, or the state city itself (Rīga) */
    const char *atvk;          /* ATVK code of the municipality ("" when unknown) */
    const char *name_ru;       /* "" when none */
    bool has_coords;
    double lat, lon;
};

/* The species and places lists with their indexes, read-only once loaded
 * (lexicon.h loads one; species.h, places.h, lookup.h look things up in it). */
struct lexicon;

struct parse_options {
    long min_count;         /* default 1 */
    long max_count;         /* default 10000 */
    /* The zone for vakar/šodien/01.06 is the process's local time zone (TZ, set
     * once at start-up from [talka] timezone): the parser reads it through
     * localtime_r. This names the same zone for the record; it is not read. */
    const char *timezone;
};

#define PARSE_MAX_ITEMS 8
#define PARSE_MAX_CHOICES 3

struct parse_item {
    const struct species *species;
    long count;
    /* Two reports in one text ("3 ozoli Bauskā, 2 liepas Iecavā"): each item's own
     * place; NULL when the text names one place (then it is the result's place). */
    const struct place *place;
};

struct parse_result {
    bool ok;
    enum command command;
    enum lang lang;
    const char *error;          /* NULL when ok; else one of the codes below */
    char suggestion[128];       /* "" when none */
    int nitems;
    struct parse_item items[PARSE_MAX_ITEMS];
    const struct place *place;  /* NULL when none */
    char date[11];              /* "YYYY-MM-DD", or "" when the text names none */
    char name[128];             /* CMD_REGISTER */
    int help_page;              /* CMD_HELP: 2 for "? 2" / "PALĪDZĪBA 2", else 1 */
    bool confirmed;             /* CMD_DELETE: followed by JĀ / ДА / YES */
    const struct lexicon *lex;  /* the lexicon that parsed it (for the JSON) */
    /* Ask back: a report that is complete except that one part is only a guess.
     * ok stays false and error names what is wrong as written, but items, place
     * and date hold the guess, and confirm says what to ask:
     *   "guess"  a species or place beyond the silent typo distance (JĀ/NĒ)
     *   "range"  a count written as a range (10-12): the lower one (JĀ/NĒ)
     *   "choice" a place in several municipalities: choices[0..nchoices) (1/2/3)
     * NULL when there is nothing to ask. */
    const char *confirm;
    int nchoices;
    const struct place *choices[PARSE_MAX_CHOICES];
    bool translit;              /* Latvian typed in Cyrillic letters (lang is lv) */
    bool also_points;           /* CMD_PLANT after PUNKTI ("PUNKTI koks 2 egles Dobele") */
    /* A report that could not be read (error set, nothing to ask): what it did
     * show, for staff's forms (the inbox's "register as a planting"), never for
     * a reply. 0 / NULL when the text did not show it. */
    long found_count;
    const struct species *found_species;
    const struct place *found_place;
    /* For the dialogue (gateway/core/dialogue.c), whatever the outcome above: */
    long range_hi;              /* confirm "range": the upper count written (12 of 10-12) */
    int range_item;             /* confirm "range": the item whose count was a range */
    unsigned parts;             /* a report: what it names, PART_* bits */
    bool count_only;            /* the text is one count and nothing else ("10", "nē, 10",
                                   "10 gab.", "desmit"): count_value holds it */
    long count_value;
};

/* parse_result.parts: a count, a species, a place, a word read as none of them */
#define PART_COUNT   1u
#define PART_SPECIES 2u
#define PART_PLACE   4u
#define PART_UNKNOWN 8u

/* Error codes: empty, unknown_command, missing_count, missing_species, missing_place,
 * unknown_species, unknown_place, ambiguous_species, ambiguous_place,
 * count_out_of_range, count_range (10-12), bad_date, future_date (a date still to come),
 * missing_name (VĀRDS with no name after it). */

#endif
