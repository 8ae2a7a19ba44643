/* lexicon_types.h: the lexicon's insides, shared by the parser's files and by
 * nobody outside parsers/: the species and place rows, how map values encode
 * them, and struct lexicon itself. Types only (lexicon.c builds one). All of it
 * is read-only once lexicon_load has returned. */
#ifndef TALKA_PARSERS_LEXICON_TYPES_H
#define TALKA_PARSERS_LEXICON_TYPES_H

#include "parsers/arena.h"
#include "parsers/fuzzy.h"
#include "parsers/hashmap.h"
#include "parsers/parse.h"

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stdint.h>

struct sp_info {
    struct species pub;
    unsigned char words[3];     /* words in the lv, ru, en name: the generic rule */
    bool genus;                 /* id ends in _spp */
    void *json;                 /* the id as a jansson string, shared read-only */
};

/* species map values: index | lang << 16 */
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

struct lexicon {
    struct sp_info *sp; size_t nsp;
    struct pl_info *pl; size_t npl;
    struct hashmap words;       /* folded word → WORD_VAL */
    struct hashmap spforms;     /* folded form (may hold spaces) → SPV */
    struct hashmap plforms;     /* folded form → PLV; "stem #n/#p/#c" for qualified */
    struct hashmap plnames;     /* exact place name → index */
    struct hashmap firstwords;  /* first words of multi-word species and place keys */
    struct fz_set spfz, plfz, cmdfz;
    struct fz_set plfz_cyr;     /* the Cyrillic place forms (plfz: the Latin ones) */
    int sp_maxwords, pl_maxwords;
    pcre2_code *re_date;        /* numeric date / time tokens */
    void *cmd_json[CMD_LAST + 1], *lang_json[3];  /* jansson strings, shared */
    struct arena strings;       /* every string above lives here */
};

#endif
