/* tokens.h: a text as a stream of folded tokens (tokens.c). */
#ifndef TALKA_PARSERS_TOKENS_H
#define TALKA_PARSERS_TOKENS_H

#include <stddef.h>

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
    unsigned char neg;      /* a number written with a minus sign before it (-5) */
    unsigned char rtail;    /* a number after another and a spaced dash (10 - 12) */
    unsigned start, end;    /* byte span in the original text */
};

struct tokens {
    int n;                  /* 0..TOK_MAX */
    int has_cyr;            /* any Cyrillic letter */
    int has_lv;             /* any Latvian diacritic letter (ā č ē ģ ī ķ ļ ņ š ū ž) */
    struct token t[TOK_MAX];
    unsigned used;          /* bytes of buf in use, at most TOKBUF_MAX */
    char buf[TOKBUF_MAX];
};

/* Splits text into folded tokens: lower case, Latin diacritics removed, ё→е,
 * homoglyphs fixed, digits split from letters. Never fails; invalid UTF-8 and
 * NULs are separators. */
void pz_tokenize(const char *text, size_t len, struct tokens *out);

/* Folds a whole phrase (a form from a list) into the token key used by lookups:
 * the folded tokens joined by single spaces. Returns its length. */
size_t pz_fold_phrase(const char *text, char *out, size_t cap);

#endif
