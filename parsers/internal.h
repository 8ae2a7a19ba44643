/* internal.h: what the parser's modules share and nobody outside parsers/ needs:
 * the token stream, the string hash map, the word tables, fuzzy matching, the
 * lexicon's insides. All of it is read-only once lexicon_load has returned. */
#ifndef TALKA_PARSERS_INTERNAL_H
#define TALKA_PARSERS_INTERNAL_H

#include "parsers/parse.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

/* ---- tokens (tokens.c, normalize.c) ---------------------------------------- */

/* Only this much of a text is looked at (an SMS is at most ~1600 characters). */
#define TEXT_MAX   4096
#define TOK_MAX    128
#define TOKBUF_MAX (TEXT_MAX * 2 + 256)

enum tok_kind { T_WORD, T_NUM, T_NUMX, T_QMARK };

struct token {
    const char *s;          /* folded, NUL-terminated */
    unsigned short len;     /* bytes */
    unsigned char kind;     /* enum tok_kind */
    unsigned char cyr;      /* holds Cyrillic letters */
    unsigned char lv;       /* holds Latvian diacritic letters */
    unsigned start, end;    /* byte span in the original text */
};

struct tokens {
    int n;
    int has_cyr;            /* any Cyrillic letter */
    int has_lv;             /* any Latvian diacritic letter (ā č ē ģ ī ķ ļ ņ š ū ž) */
    struct token t[TOK_MAX];
    unsigned used;
    char buf[TOKBUF_MAX];
};

/* Splits text into folded tokens: lower case, Latin diacritics removed, ё→е,
 * homoglyphs fixed, digits split from letters. Never fails; invalid UTF-8 and
 * NULs are separators. */
void pz_tokenize(const char *text, size_t len, struct tokens *out);

/* Decodes one UTF-8 sequence at s (n bytes left). Returns its length (>= 1) and
 * the code point in *cp, or -1 in *cp for an invalid byte (length 1). */
int pz_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Appends cp as UTF-8; returns bytes written (1..4). */
int pz_utf8_encode(int32_t cp, char *out);
/* Copies src to dst (cap bytes incl. NUL) keeping only valid UTF-8, turning
 * control characters and line breaks into single spaces, dropping invisible
 * format characters (bidirectional overrides, zero-width ones), trimming. */
size_t pz_utf8_sanitize(const char *src, size_t len, char *dst, size_t cap);

/* Folds a whole phrase (a form from a list) into the token key used by lookups:
 * the folded tokens joined by single spaces. Returns its length. */
size_t pz_fold_phrase(const char *text, char *out, size_t cap);

/* ---- hash map (hashmap.c) ------------------------------------------------- */

struct hm_entry { uint32_t hash; int32_t val; const char *key; };
struct hashmap { struct hm_entry *e; uint32_t cap, n; };

void pz_hm_init(struct hashmap *m, uint32_t expect);
void pz_hm_free(struct hashmap *m);
/* Adds key→val (key must outlive the map); a duplicate key→val pair is skipped. */
void pz_hm_add(struct hashmap *m, const char *key, int32_t val);
/* Collects up to max values stored under key; returns how many. */
int pz_hm_get(const struct hashmap *m, const char *key, size_t klen, int32_t *vals, int max);
uint32_t pz_hm_hash(const char *s, size_t n);

/* ---- fuzzy matching (fuzzy.c) --------------------------------------------- */

/* One form to match typos against, in "units" (one byte per letter). */
struct fz_cand { const unsigned char *u; uint32_t mask; unsigned char len; int32_t val; };
struct fz_set { struct fz_cand *c; size_t n, cap; size_t bylen[34]; /* start index per length */ };

void pz_fz_add(struct fz_set *s, const unsigned char *units, size_t len, int32_t val);
void pz_fz_finish(struct fz_set *s);
void pz_fz_free(struct fz_set *s);
/* Folded UTF-8 → units; returns length (capped at 32), 0 when it holds a letter
 * with no unit. */
size_t pz_to_units(const char *s, size_t n, unsigned char *out);
/* Optimal-string-alignment distance, giving up above max (returns max + 1). */
int pz_osa_distance(const unsigned char *a, size_t la, const unsigned char *b, size_t lb, int max);

/* Best match in s for u within maxd: fills best value/distance and the best
 * distance of a candidate whose group(val) differs. */
struct fz_result { int32_t best; int dbest; int32_t second; int dsecond; };
void pz_fz_search(const struct fz_set *s, const unsigned char *u, size_t len, int maxd,
               int32_t (*group)(const void *ctx, int32_t val), const void *ctx,
               struct fz_result *r);

/* ---- words (words.c, numbers.c) ------------------------------------------- */

enum word_kind {
    W_CMD = 1,      /* value: enum command */
    W_FILLER,       /* ignored: gab, шт, in, un, ... */
    W_PLANTVERB,    /* ignored, but says "this is a planting report" */
    W_NUM,          /* value: the number (numbers.c) */
    W_DATEREL,      /* value: days before today */
    W_MONTH,        /* value: 1..12 */
    W_UNIT,         /* value: 'n' novads, 'p' pagasts, 'c' pilsēta */
    W_GREETING,     /* ignored at the start */
};
#define WORD_VAL(kind, lang, value) (((int32_t)(kind) << 24) | ((int32_t)(lang) << 20) | (int32_t)(value))
#define WORD_KIND(v)  (((v) >> 24) & 0x7f)
#define WORD_LANG(v)  (((v) >> 20) & 0xf)
#define WORD_VALUE(v) ((v) & 0xfffff)

struct word_def { const char *text; unsigned char kind; unsigned char lang; int value; };
extern const struct word_def pz_parse_words[];
extern const struct word_def pz_number_words[];
/* Combines number words: feeds values in order; returns 0 when value cannot
 * continue the number built so far (a new number starts). */
struct numacc { long total, cur, last; int n; };
void pz_num_start(struct numacc *a);
int pz_num_feed(struct numacc *a, long value);
long pz_num_value(const struct numacc *a);

/* ---- dates (dates.c) ------------------------------------------------------ */

/* Civil date of t in zone tz (Europe/Riga rules for Europe/..., UTC for UTC). */
void pz_civil_date(time_t t, const char *tz, int *y, int *m, int *d);
/* Days since 1970-01-01 of y-m-d, and back. */
long pz_days_from_civil(int y, int m, int d);
void pz_civil_from_days(long z, int *y, int *m, int *d);
int pz_date_valid(int y, int m, int d);

/* ---- the lexicon (lexicon.c, species.c, places.c) -------------------------- */

struct sp_info {
    struct species pub;
    unsigned char words[3];     /* words in the lv, ru, en name: the generic rule */
    bool genus;                 /* id ends in _spp */
    void *json;                 /* the id as a jansson string, shared read-only */
};

#define SPV(idx, lang) ((int32_t)((idx) | ((lang) << 16)))
#define SPV_IDX(v)  ((v) & 0xffff)
#define SPV_LANG(v) (((v) >> 16) & 0xf)

/* place map values: index | kind << 16 */
enum pform { PF_NAME = 0, PF_STEM = 1 };
#define PLV(idx, kind) ((int32_t)((idx) | ((kind) << 16)))
#define PLV_IDX(v)  ((v) & 0xffff)
#define PLV_KIND(v) (((v) >> 16) & 0xf)

struct pl_info {
    struct place pub;
    const char *parent;
    unsigned char rank;         /* 0 state city, 1 town, 2 novads, 3 parish */
    int muni;                   /* index of the municipality's own row, or -1 */
    void *json;                 /* {"name","type","municipality"} for JSON, shared */
};

struct arena_block;

struct lexicon {
    struct sp_info *sp; size_t nsp;
    struct pl_info *pl; size_t npl;
    struct hashmap words;       /* folded word → WORD_VAL */
    struct hashmap spforms;     /* folded form (may hold spaces) → SPV */
    struct hashmap plforms;     /* folded form → PLV; "stem #n/#p/#c" for qualified */
    struct hashmap plnames;     /* exact place name → index */
    struct hashmap firstwords;  /* first words of multi-word species and place keys */
    struct fz_set spfz, plfz, cmdfz;
    int sp_maxwords, pl_maxwords;
    pcre2_code *re_date;        /* numeric date / time tokens */
    void *cmd_json[CMD_CANCEL + 1], *lang_json[3];  /* jansson strings, shared */
    struct arena_block *arena;
};

/* jansson values made once per lexicon (json.c). */
void pz_json_prepare(struct lexicon *lex);
void pz_json_release(struct lexicon *lex);

/* Strings that live as long as the lexicon. */
char *pz_lex_strdup(struct lexicon *lex, const char *s, size_t n);

int pz_load_species(struct lexicon *lex, const char *path, char *err, size_t errlen);
int pz_load_places(struct lexicon *lex, const char *path, char *err, size_t errlen);
int pz_load_words(struct lexicon *lex, char *err, size_t errlen);

/* Species for a folded key with the generic rule: index, or -1 (none) or -2
 * (ambiguous: the two closest in cand[0..1]). lang gets the form's language. */
int pz_species_lookup(const struct lexicon *lex, const char *key, size_t klen, int *lang,
                   int cand[2]);
/* Everyday name of a species in a language. */
const char *pz_species_name(const struct lexicon *lex, int idx, enum lang l);
int32_t pz_species_group(const void *ctx, int32_t val);

/* Place candidates for a folded key (up to max indices, best rank first).
 * unit is 0 for a bare name, else 'n', 'p' or 'c'. */
int pz_place_lookup(const struct lexicon *lex, const char *key, size_t klen, int unit,
                 int *out, int max);
int32_t pz_place_group(const void *ctx, int32_t val);

#endif
