/* dialogue.c: a text read as the answer to talka's question (see dialogue.h):
 * the report asked about, parsed again with what completed it; a choice named
 * by its digit, an ordinal or its name; a report that lacks one part. */
#include "gateway/core/dialogue.h"
#include "gateway/core/names.h"

#include "parsers/grammar.h"
#include "parsers/lookup.h"
#include "parsers/tokens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dialogue_digit(const char *s, size_t n)
{
    int d = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '1' && c <= '9' && !d) d = c - '0';
        else if (c >= '0' && c <= '9') return 0;
        else if (c == ' ' || c == '.' || c == ')' || c == '!' || c == '\r' || c == '\n' || c == '\t') continue;
        else return 0;
    }
    return d;
}

/* Appends a space and n bytes of s to buf (at *used). */
static void append(char *buf, size_t *used, const char *s, size_t n)
{
    if (*used)
        buf[(*used)++] = ' ';
    memcpy(buf + *used, s, n);
    *used += n;
    buf[*used] = '\0';
}

enum db_status dialogue_report(struct job *j, const struct askback *q, const char *extra,
                               size_t elen, struct job *r)
{
    *r = *j;
    memset(&r->row, 0, sizeof r->row);           /* never the answer's own row */
    enum db_status st = inbound_load(j->db, q->inbound_id, &r->row);
    if (st != DB_FOUND)
        return st;
    struct inbound_row part;
    memset(&part, 0, sizeof part);
    if (q->part_id > 0 && (st = inbound_load(j->db, q->part_id, &part)) != DB_FOUND) {
        inbound_row_free(&r->row);
        return st;
    }
    char *buf = malloc(r->row.len + part.len + (extra ? elen : 0) + 3);
    if (!buf) {
        inbound_row_free(&part);
        inbound_row_free(&r->row);
        return DB_ERROR;
    }
    size_t used = 0;
    buf[0] = '\0';
    append(buf, &used, r->row.text, r->row.len);
    if (part.text)
        append(buf, &used, part.text, part.len);
    if (extra)
        append(buf, &used, extra, elen);
    parse_text(j->p->app->lex, buf, used, r->row.received_at, &j->p->app->popts, &r->pr);
    free(buf);
    inbound_row_free(&part);
    return DB_FOUND;
}

/* Words that say nothing about which choice ("Augšdaugavas novads", "nov.",
 * "в Екабпилсском крае"), folded as tokens are. */
static bool unit_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "novads", "novada", "novadu", "novadam", "nov", "pagasts", "pagasta", "pag", "pilseta",
        "край", "края", "крае", "краю", "район", "районе", "в", "county", "municipality", "the",
        "in", "nr", NULL };
    for (int k = 0; words[k]; k++)
        if (strlen(words[k]) == n && !memcmp(words[k], w, n))
            return true;
    return false;
}

/* s folded, without its unit words, into out (words joined by spaces). */
static void stem_of(const char *s, char *out, size_t cap)
{
    char folded[256];
    pz_fold_phrase(s, folded, sizeof folded);
    size_t used = 0;
    out[0] = '\0';
    for (char *w = folded; *w;) {
        size_t n = strcspn(w, " ");
        if (!unit_word(w, n) && used + n + 2 < cap)
            append(out, &used, w, n);
        w += n + (w[n] == ' ');
    }
}

/* An ordinal word, folded: 1, 2, 3, else 0. */
static int ordinal(const char *w)
{
    static const struct { const char *w; int v; } words[] = {
        { "pirmais", 1 }, { "pirmo", 1 }, { "pirma", 1 }, { "pirmaja", 1 }, { "pirmajs", 1 },
        { "otrais", 2 }, { "otro", 2 }, { "otra", 2 }, { "otraja", 2 }, { "otrajs", 2 },
        { "tresais", 3 }, { "treso", 3 }, { "tresa", 3 }, { "tresaja", 3 },
        { "первый", 1 }, { "первая", 1 }, { "первое", 1 }, { "первого", 1 }, { "первом", 1 },
        { "второй", 2 }, { "вторая", 2 }, { "второе", 2 }, { "второго", 2 }, { "втором", 2 },
        { "третий", 3 }, { "третья", 3 }, { "третье", 3 }, { "третьего", 3 }, { "третьем", 3 },
        { "first", 1 }, { "1st", 1 }, { "second", 2 }, { "2nd", 2 }, { "third", 3 }, { "3rd", 3 },
        { NULL, 0 } };
    for (int k = 0; words[k].w; k++)
        if (!strcmp(words[k].w, w))
            return words[k].v;
    return 0;
}

/* Two stems name the same thing: they differ at most in an ending (two
 * letters each side: Mārupē / Mārupes, Augšdaugavā / Augšdaugavas). */
static bool same_stem(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), cp = 0;
    while (cp < la && cp < lb && a[cp] == b[cp])
        cp++;
    size_t ending = ((unsigned char)a[0] & 0x80) ? 4 : 2;   /* Cyrillic letters are 2 bytes */
    return cp >= 4 && cp + ending >= la && cp + ending >= lb;
}

/* The one choice whose municipality (Latvian or Russian name) the stem names. */
static int choice_by_name(const struct job *j, const struct parse_result *rep, const char *stem)
{
    const struct place *pl = lexicon_find_place(j->p->app->lex, j->row.text, NULL);
    int found = 0, n = 0;
    for (int i = 0; i < rep->nchoices; i++) {
        const char *m = rep->choices[i]->municipality;
        char mine[256], ru[256];
        stem_of(m, mine, sizeof mine);
        stem_of(municipality_name(j->p->app->lex, m, LANG_RU), ru, sizeof ru);
        bool hit = (pl && !strcmp(pl->municipality, m)) || same_stem(stem, mine) || same_stem(stem, ru);
        if (hit) {
            found = i + 1;
            n++;
        }
    }
    return n == 1 ? found : 0;
}

int dialogue_choice(const struct job *j, const struct parse_result *rep)
{
    int d = dialogue_digit(j->row.text, j->row.len);
    if (d)
        return d <= rep->nchoices ? d : 0;
    char stem[256];
    stem_of(j->row.text, stem, sizeof stem);
    if (!stem[0])
        return 0;
    for (char *w = stem; *w;) {                 /* "otrais", "the second one" */
        size_t n = strcspn(w, " ");
        char word[64];
        snprintf(word, sizeof word, "%.*s", (int)n, w);
        int o = ordinal(word);
        if (o)
            return o <= rep->nchoices ? o : 0;
        w += n + (w[n] == ' ');
    }
    return choice_by_name(j, rep, stem);
}

unsigned dialogue_missing(const struct parse_result *pr)
{
    if (pr->command != CMD_PLANT || pr->ok || pr->confirm || !pr->error ||
        strncmp(pr->error, "missing_", 8) || (pr->parts & PART_UNKNOWN))
        return 0;
    unsigned miss = ~pr->parts & (PART_COUNT | PART_SPECIES | PART_PLACE);
    return miss == PART_COUNT || miss == PART_SPECIES || miss == PART_PLACE ? miss : 0;
}

const char *dialogue_ask_key(unsigned missing)
{
    return missing == PART_PLACE ? "ask_place" : missing == PART_SPECIES ? "ask_species" : "ask_count";
}
