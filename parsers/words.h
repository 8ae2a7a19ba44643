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
    W_WEEKDAY,      /* value: 1 Monday .. 7 Sunday (sestdien, в субботу, on Saturday) */
    W_REQ,          /* a word of an everyday request (grammar.c, requests.c): value
                       says which (REQ_* below) */
};

/* W_FILLER values with a meaning: 's' a sign-off (signature follows), 't' a time
 * follows (pulksten 14), 'k' thanks or goodbye, 'l' "last" before a weekday. */
/* W_REQ values */
enum {
    REQ_ERASE = 1,  /* dzēsiet, удалите, erase */
    REQ_DATA,       /* datus, данные, data: what to erase */
    REQ_NOSEND,     /* a negated sending verb that says it all: nesūtiet, nerakstiet */
    REQ_SENDV,      /* a sending verb in the imperative: присылайте, пишите, text */
    REQ_SENDING,    /* sending as an activity: sūtīt, присылать, sending, texting */
    REQ_NOT,        /* не, don't */
    REQ_ENOUGH,     /* хватит, перестаньте, stop (the command word counts too) */
    REQ_MORE,       /* vairs, больше, anymore, more */
    REQ_TEXTS,      /* ziņas, сообщения, texts, messages */
    REQ_JOIN,       /* pierakstīties, записаться, sign up: how to take part */
};
#define WORD_VAL(kind, lang, value) (((int32_t)(kind) << 24) | ((int32_t)(lang) << 20) | (int32_t)(value))
#define WORD_KIND(v)  (((v) >> 24) & 0x7f)
#define WORD_LANG(v)  (((v) >> 20) & 0xf)
#define WORD_VALUE(v) ((v) & 0xfffff)

struct word_def { const char *text; unsigned char kind; unsigned char lang; int value; };

/* Ends with an entry whose text is NULL. */
extern const struct word_def pz_parse_words[];

#endif
