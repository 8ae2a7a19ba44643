/* words.h: the fixed vocabulary of the SMS language (words.c): commands, filler,
 * dates, months, units, greetings, each with its kind, language and value. */
#ifndef TALKA_PARSERS_WORDS_H
#define TALKA_PARSERS_WORDS_H

#include <stdint.h>

enum word_kind {
    W_CMD = 1,      /* value: enum command */
    W_FILLER,       /* ignored: gab, шт, in, un, ... */
    W_PLANTVERB,    /* ignored, but says "this is a planting report" */
    W_NUM,          /* value: the number (numbers.c) */
    W_DATEREL,      /* value: days before today */
    W_MONTH,        /* value: 1..12 */
    W_UNIT,         /* value: 'n' novads, 'p' pagasts, 'c' pilsēta */
    W_GREETING,     /* ignored at the start */
    W_ASK,          /* a question word (cik, сколько, how): a text of plain words
                       with one and no report in it asks for help */
};
#define WORD_VAL(kind, lang, value) (((int32_t)(kind) << 24) | ((int32_t)(lang) << 20) | (int32_t)(value))
#define WORD_KIND(v)  (((v) >> 24) & 0x7f)
#define WORD_LANG(v)  (((v) >> 20) & 0xf)
#define WORD_VALUE(v) ((v) & 0xfffff)

struct word_def { const char *text; unsigned char kind; unsigned char lang; int value; };

/* Ends with an entry whose text is NULL. */
extern const struct word_def pz_parse_words[];

#endif
