/* reading.h: one text being read by the grammar: its tokens, the elements found
 * so far (counts, species, places, unknown words), the language votes and the
 * date it names; and the small steps the grammar's files share (reading.c). */
#ifndef TALKA_PARSERS_READING_H
#define TALKA_PARSERS_READING_H

#include "parsers/parse.h"
#include "parsers/tokens.h"

#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum { E_NUM, E_SPECIES, E_PLACE, E_UNK };
#define EL_MAX TOK_MAX          /* at most one element per token */
#define PC_MAX 8                /* place candidates kept per element */

/* Typo searches are the slow part: a text gets at most this many. */
#define FUZZY_BUDGET 6

struct elem {
    unsigned char kind;
    unsigned char bad;          /* species/place problem: 1 unknown, 2 ambiguous */
    unsigned char range;        /* a count written as a range (10-12): num is the lower */
    short tok;                  /* first token */
    long num;
    long hi;                    /* a range's upper count (12), 0 when not a range */
    int sp, sp2;                /* species (and the rival when ambiguous) */
    int npl;
    int pl[PC_MAX];             /* place candidates, best first */
};

struct reading {
    int fuzzy_left;
    const struct lexicon *lex;
    const struct tokens *tk;
    const char *text;           /* the text tk was made of (its spans point into it), or NULL */
    int votes[4];
    struct elem el[EL_MAX];
    int nel;
    int signature;              /* a sign-off was read (ar cieņu): the words after it are names */
    int date_state;             /* 0 none, 1 ok, -1 bad */
    int y, m, d;                /* the date named */
    int rel;                    /* days back, for a relative date (or -1) */
    time_t now;                 /* when the text was received */
    int today_known;            /* today_* hold now's local date (found when first asked) */
    int today_y, today_m, today_d;
};

/* Starts reading tk (which must outlive c) with lex, for a text received at now:
 * no elements, no votes. */
void pz_reading_start(struct reading *c, const struct lexicon *lex, const struct tokens *tk,
                      time_t now);
/* The local date of now (looked up once, and only for a text that names a date):
 * the year, and the day as days since 1970-01-01. */
int pz_this_year(struct reading *c);
long pz_today(struct reading *c);

/* The vocabulary entry (WORD_VAL) of a word token, or 0. */
int32_t pz_word_of(const struct lexicon *lex, const struct token *t);
/* Adds weight to a language's votes (lang outside 0..2 says nothing). */
void pz_vote(struct reading *c, int lang, int weight);
/* Latvian letters in tokens [i, i+n) that are not place names say "Latvian". */
void pz_vote_lv(struct reading *c, int i, int n);
/* The language with the most votes (Latvian on a tie). */
enum lang pz_pick_lang(const struct reading *c);

/* Appends an element of kind starting at token tok; NULL when EL_MAX are used. */
struct elem *pz_push(struct reading *c, int kind, int tok);
int pz_has_species(const struct reading *c);
int pz_has_place(const struct reading *c);

/* A species spanning exactly n tokens at i: index, -2 ambiguous (the two in
 * cand), -1 none. */
int pz_species_at(struct reading *c, int i, int n, int *lang, int cand[2]);
/* A place at i of n name tokens, optionally followed by a unit word; returns the
 * tokens used (0 when none) and the candidates (up to PC_MAX). */
int pz_place_at(struct reading *c, int i, int n, int *cand, int *ncand);

/* Typo distance accepted for a word of len units, and a little further, for a
 * suggestion only. */
int pz_maxdist(size_t len);
int pz_loosedist(size_t len);

#endif
