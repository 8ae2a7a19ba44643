/* parse.h: the SMS language. Turns one inbound text (any bytes) into a structured,
 * validated command. Pure: no database, no earlier messages; the caller passes the
 * lexicon (species and places) and the current time. Every channel calls this. */
#ifndef TALKA_PARSE_H
#define TALKA_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum command {
    CMD_UNKNOWN = 0, CMD_PLANT, CMD_POINTS, CMD_REGISTER, CMD_STOP, CMD_START,
    CMD_HELP, CMD_DELETE, CMD_CANCEL
};

enum lang { LANG_LV = 0, LANG_RU, LANG_EN };

/* A tree species from config/species.tsv (ids kept from shared/data/species.tsv). */
struct species {
    const char *id;         /* quercus_robur */
    const char *latin;      /* Quercus robur */
    const char *name_lv;    /* ozols (everyday Latvian name, nominative) */
    const char *name_ru;    /* дуб */
    const char *name_en;    /* pedunculate oak */
    bool native;            /* native_to_latvia == yes */
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

struct lexicon;

/* Loads the lists named in the config: species.tsv and places.tsv. NULL with a
 * message in err on failure. */
struct lexicon *lexicon_load(const char *species_tsv, const char *places_tsv,
                             char *err, size_t errlen);
void lexicon_free(struct lexicon *lex);

/* Lookups by exact id / exact place name, for code that stores ids. NULL if none. */
const struct species *lexicon_species_by_id(const struct lexicon *lex, const char *id);
const struct place *lexicon_place_by_name(const struct lexicon *lex, const char *name);
/* Resolves free text naming a place ("Cēsīs", "Talsu novadā") as a report would. */
const struct place *lexicon_find_place(const struct lexicon *lex, const char *text,
                                       bool *ambiguous);
/* Resolves free text naming a species ("ozolus", "дуб") as a report would. */
const struct species *lexicon_find_species(const struct lexicon *lex, const char *text,
                                           bool *ambiguous);
size_t lexicon_species_count(const struct lexicon *lex);
const struct species *lexicon_species_at(const struct lexicon *lex, size_t i);
/* Every place of the list, in list order. */
size_t lexicon_place_count(const struct lexicon *lex);
const struct place *lexicon_place_at(const struct lexicon *lex, size_t i);

struct parse_options {
    long min_count;         /* default 1 */
    long max_count;         /* default 10000 */
    const char *timezone;   /* for vakar/šodien/01.06; default "Europe/Riga" */
};

#define PARSE_MAX_ITEMS 8

struct parse_item {
    const struct species *species;
    long count;
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
};

/* Error codes: empty, unknown_command, missing_count, missing_species, missing_place,
 * unknown_species, unknown_place, ambiguous_species, ambiguous_place,
 * count_out_of_range, bad_date, future_date (a date still to come). */

/* Parses len bytes of text (any bytes: invalid UTF-8 and NULs are safe). opts may
 * be NULL for defaults. now is the time the text was received. */
void parse_text(const struct lexicon *lex, const char *text, size_t len, time_t now,
                const struct parse_options *opts, struct parse_result *out);

/* The result as one line of JSON (the `talka parse` contract), malloc'd. */
char *parse_result_json(const struct parse_result *r);
/* The same into buf (no NUL added); returns its length, 0 when it does not fit. */
size_t parse_result_json_into(const struct parse_result *r, char *buf, size_t cap);

const char *lang_code(enum lang l);        /* "lv", "ru", "en" */
const char *command_name(enum command c);  /* "plant", "points", ... */

#endif
