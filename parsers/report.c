/* report.c: a planting report, checked. Counts pair with the species next to
 * them (3 oši un 2 kļavas; LIEPA 4); species problems come first (they carry the
 * most useful suggestion), then counts, the place and the date. */
#include "parsers/report.h"
#include "parsers/dates.h"
#include "parsers/lexicon_types.h"
#include "parsers/place_choice.h"
#include "parsers/species.h"
#include "parsers/typos.h"

#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

void pz_fail(struct parse_result *out, const char *code)
{
    out->ok = false;
    out->error = code;
    out->nitems = 0;
    out->place = NULL;
    out->date[0] = 0;
    out->confirm = NULL;
    out->nchoices = 0;
}

/* An unknown or ambiguous species: its error code, with the closest name as the
 * suggestion; NULL when every species is known. */
static const char *species_problem(const struct reading *c, struct parse_result *out, enum lang l)
{
    for (int k = 0; k < c->nel; k++) {
        const struct elem *e = &c->el[k];
        if (e->kind != E_SPECIES || !e->bad) continue;
        if (e->sp >= 0)
            snprintf(out->suggestion, sizeof out->suggestion, "%s",
                     pz_species_name(c->lex, e->sp, l));
        return e->bad == 2 ? "ambiguous_species" : "unknown_species";
    }
    return NULL;
}

static void add_item(const struct lexicon *lex, struct parse_result *out, int sp, long num,
                     const struct place *pl)
{
    assert(sp >= 0 && (size_t)sp < lex->nsp);
    int merged = 0;
    for (int j = 0; j < out->nitems; j++)
        if (out->items[j].species == &lex->sp[sp].pub && out->items[j].place == pl) {
            out->items[j].count += num;
            if (out->items[j].count > LONG_MAX / 8) out->items[j].count = LONG_MAX / 8;
            merged = 1;
        }
    if (!merged && out->nitems < PARSE_MAX_ITEMS) {
        out->items[out->nitems].species = &lex->sp[sp].pub;
        out->items[out->nitems].count = num;
        out->items[out->nitems].place = pl;
        out->nitems++;
    }
    assert(out->nitems <= PARSE_MAX_ITEMS);
}

/* Pairs counts with species into out->items: "3 oši un 2 kļavas", "LIEPA 4".
 * NULL, or the error code of a count or species left without its partner. */
static const char *pair_items(const struct reading *c, struct parse_result *out, int nnum, int nsp)
{
    long pend_num = 0;
    int has_num = 0, pend_sp = -1, extra_num = 0, extra_sp = 0;
    const struct elem *num_el = NULL;
    for (int k = 0; k < c->nel; k++) {
        const struct elem *e = &c->el[k];
        if (e->kind == E_NUM) {
            if (pend_sp >= 0) { pend_num = e->num; has_num = 1; num_el = e; }
            else if (has_num) { extra_num = 1; continue; }
            else { pend_num = e->num; has_num = 1; num_el = e; continue; }
        } else if (e->kind == E_SPECIES) {
            if (!has_num) {
                if (pend_sp >= 0) extra_sp = 1;
                pend_sp = e->sp;
                continue;
            }
            pend_sp = e->sp;
        } else {
            continue;
        }
        /* a pair is complete */
        add_item(c->lex, out, pend_sp, pend_num, NULL);
        for (int j = 0; num_el && num_el->range && j < out->nitems; j++)
            if (out->items[j].species == &c->lex->sp[pend_sp].pub) {
                out->range_item = j;                /* "8-10 liepas": asked by name */
                out->range_hi = num_el->hi;
            }
        has_num = 0;
        pend_sp = -1;
    }
    if (has_num || extra_num || (out->nitems == 0 && nsp == 0))
        return nnum > 0 ? "missing_species" : "missing_count";
    if (pend_sp >= 0 || extra_sp || out->nitems == 0)
        return "missing_count";
    return NULL;
}

/* Every species problem is an unknown word near one species (a guess to ask
 * about): those elements then take that species. */
static int species_guess(struct reading *c)
{
    int n = 0;
    for (int k = 0; k < c->nel; k++) {
        const struct elem *e = &c->el[k];
        if (e->kind != E_SPECIES || !e->bad) continue;
        if (e->bad != 1 || e->sp < 0) return 0;
        n++;
    }
    for (int k = 0; k < c->nel; k++)
        if (c->el[k].kind == E_SPECIES) c->el[k].bad = 0;
    return n > 0;
}

/* The date named (today - c->rel days, or y-m-d) into out->date; -1 when it is
 * after today. */
/* The date named, into out->date; -1 when it is after today. */
static int resolve_date(struct reading *c, struct parse_result *out)
{
    long today = pz_today(c);
    long day = c->rel >= 0 ? today - c->rel : pz_days_from_civil(c->y, c->m, c->d);
    if (day > today) return -1;
    int y, m, d;
    pz_civil_from_days(day, &y, &m, &d);
    pz_date_format(y, m, d, out->date);
    return 0;
}

/* What a report that fails still showed (a count, a species, a place), kept
 * apart from the result for staff's forms (parse.h: found_*). */
static void note_found(const struct reading *c, struct parse_result *out)
{
    for (int k = c->nel - 1; k >= 0; k--) {        /* backwards: the first one stays */
        const struct elem *e = &c->el[k];
        if (e->kind == E_NUM && e->num > 0)
            out->found_count = e->num;
        else if (e->kind == E_SPECIES && e->sp >= 0 && (size_t)e->sp < c->lex->nsp)
            out->found_species = &c->lex->sp[e->sp].pub;
        else if (e->kind == E_PLACE && !e->bad && e->npl > 0 && (size_t)e->pl[0] < c->lex->npl)
            out->found_place = &c->lex->pl[e->pl[0]].pub;
    }
    if (out->nitems > 0) {
        out->found_count = out->items[0].count;
        out->found_species = out->items[0].species;
    }
    if (out->place)
        out->found_place = out->place;
}

/* What the text names, for the dialogue: its parts, and whether it is one
 * count with no species or place (an answer to "how many exactly?"). */
static void note_parts(const struct reading *c, struct parse_result *out)
{
    static const unsigned bit[] = { [E_NUM] = PART_COUNT, [E_SPECIES] = PART_SPECIES,
                                    [E_PLACE] = PART_PLACE, [E_UNK] = PART_UNKNOWN };
    int nnum = 0, last = -1;
    for (int k = 0; k < c->nel; k++) {
        out->parts |= bit[c->el[k].kind];
        if (c->el[k].kind == E_NUM) { nnum++; last = k; }
    }
    /* words around it may be anything but a species or a place ("apmēram 7") */
    if (nnum == 1 && !c->el[last].range && !c->date_state &&
        !(out->parts & (PART_SPECIES | PART_PLACE))) {
        out->count_only = true;
        out->count_value = c->el[last].num;
    }
}

/* One report: the elements of c, typos resolved, checked into out. */
static void one_report(struct reading *c, struct parse_result *out, const struct parse_options *o,
                       int plant_signal, int explicit_cmd)
{
    enum lang l = pz_pick_lang(c);
    out->lang = l;
    int nnum = 0, nsp = 0;
    for (int k = 0; k < c->nel; k++) {
        nnum += c->el[k].kind == E_NUM;
        nsp += c->el[k].kind == E_SPECIES;
    }
    note_parts(c, out);
    if (!explicit_cmd && !plant_signal && nsp == 0 && nnum == 0) {
        out->command = CMD_UNKNOWN;
        pz_fail(out, "unknown_command");
        return;
    }
    out->command = CMD_PLANT;
    /* ask back: a guessed species or place, a range, a place in several
     * municipalities; "written" is the error as the text stands */
    const char *written = species_problem(c, out, l), *err = written;
    int guess = 0, range = 0, choice = 0;
    if (err && species_guess(c)) { guess = 1; err = NULL; }
    if (!err) err = pair_items(c, out, nnum, nsp);
    for (int j = 0; !err && j < out->nitems; j++)
        if (out->items[j].count < o->min_count || out->items[j].count > o->max_count)
            err = "count_out_of_range";
    for (int k = 0; !err && k < c->nel; k++) range |= c->el[k].range;
    int pguess = -1, ch[PARSE_MAX_CHOICES], nch = 0;
    if (!err) {
        char keep[sizeof out->suggestion];
        memcpy(keep, out->suggestion, sizeof keep);
        err = pz_choose_place(c, out, l, &pguess, ch, &nch);   /* may leave a suggestion */
        if (err && pguess >= 0 && !strcmp(err, "unknown_place")) {
            assert((size_t)pguess < c->lex->npl);
            out->place = &c->lex->pl[pguess].pub;
            if (written) memcpy(out->suggestion, keep, sizeof keep);   /* the species' */
            else written = err;
            guess = 1;
            err = NULL;
        } else if (err && nch >= 2 && !guess && !range && !strcmp(err, "ambiguous_place")) {
            written = err;
            choice = 1;
            err = NULL;
        }
    }
    if (!err && c->date_state < 0)
        err = "bad_date";
    if (!err && c->date_state > 0 && resolve_date(c, out) < 0)
        err = "future_date";                        /* a day still to come */
    if (err) {
        note_found(c, out);
        pz_fail(out, err);
        return;
    }
    if (guess || range || choice) {
        out->ok = false;
        out->error = written ? written : "count_range";
        out->confirm = choice ? "choice" : guess ? "guess" : "range";
        for (int k = 0; choice && k < nch; k++) {
            assert(ch[k] >= 0 && (size_t)ch[k] < c->lex->npl);
            out->choices[k] = &c->lex->pl[ch[k]].pub;
        }
        out->nchoices = choice ? nch : 0;
        return;
    }
    out->ok = true;
}

/* Two reports in one text ("3 ozoli Bauskā, 2 liepas Iecavā", "koks 3 ozoli
 * Bauska koks 2 liepas Iecava", "Bauskā 3 ozoli, Iecavā 2 liepas"): the elements
 * split where a report that has counts and a place is followed by more counts
 * (or by a place that more counts follow). Each part must have both, else the
 * text is one report (its second count then shares the place, as before). */
#define SEG_MAX 4

static int is_itemish(const struct reading *c, int k)
{
    const struct elem *e = &c->el[k];
    if (e->kind == E_NUM || e->kind == E_SPECIES) return 1;
    return e->kind == E_UNK && ((k > 0 && c->el[k - 1].kind == E_NUM) ||
                                (k + 1 < c->nel && c->el[k + 1].kind == E_NUM));
}

/* The parts' first elements into seg[0..n], seg[n] = nel; returns n (1: one
 * report). *strict: every place of the parts is a known place (no unknown word). */
static int split_reports(const struct reading *c, int seg[SEG_MAX + 1], int *strict)
{
    int n = 0, items = 0, place = 0, last = 0;
    seg[0] = 0;
    *strict = 1;
    for (int k = 0; k < c->nel; k++) {
        int it = is_itemish(c, k), pl = !it;
        int next_it = k + 1 < c->nel && is_itemish(c, k + 1);
        if (items && place && ((it && last == 2) || (pl && last == 1 && next_it))) {
            if (n + 1 >= SEG_MAX) return 1;
            seg[++n] = k;
            items = place = 0;
        }
        if (pl && c->el[k].kind == E_UNK) *strict = 0;
        items |= it;
        place |= pl;
        last = it ? 1 : 2;
    }
    if (!items || !place) return 1;
    seg[n + 1] = c->nel;
    return n + 1;
}

/* Part s of c as a report of its own, into r. */
static void part_report(const struct reading *c, const int *seg, int s, const struct parse_options *o,
                        int plant_signal, struct parse_result *r)
{
    struct reading sub = *c;
    sub.nel = seg[s + 1] - seg[s];
    assert(sub.nel > 0 && sub.nel <= c->nel);
    memmove(sub.el, c->el + seg[s], sizeof sub.el[0] * (size_t)sub.nel);
    memset(r, 0, sizeof *r);
    r->command = CMD_UNKNOWN;
    r->lex = c->lex;
    pz_resolve_unknown(&sub);
    one_report(&sub, r, o, plant_signal, 1);
}

/* The parts of c as one result, each item with its part's place: 0 when the
 * text is better read as one report (a part failed on an unknown word), with out
 * as it was (the parts read before must not stay behind, or the one report
 * after would add their items a second time). A part
 * asked about (a guess, a range) asks about the whole text; a place in several
 * municipalities is ambiguous_place (the choice question names one place). */
static int multi_report(const struct reading *c, struct parse_result *out, const struct parse_options *o,
                        const int *seg, int nseg, int strict, int plant_signal)
{
    struct parse_result r;
    const char *confirm = NULL, *written = NULL;
    char suggestion[sizeof out->suggestion] = "";
    const struct parse_result before = *out;
    for (int s = 0; s < nseg; s++) {
        part_report(c, seg, s, o, plant_signal, &r);
        if (!r.ok && (!r.confirm || r.nchoices)) {
            if (!strict) {
                *out = before;
                return 0;
            }
            pz_fail(out, r.confirm ? "ambiguous_place" : r.error ? r.error : "unknown_command");
            memcpy(out->suggestion, r.suggestion, sizeof out->suggestion);
            if (!out->suggestion[0] && r.nchoices)
                snprintf(out->suggestion, sizeof out->suggestion, "%s", r.choices[0]->name);
            out->command = CMD_PLANT;
            out->lang = pz_pick_lang(c);
            return 1;
        }
        if (r.confirm && !confirm) {
            confirm = r.confirm;
            written = r.error;
            memcpy(suggestion, r.suggestion, sizeof suggestion);
        }
        for (int j = 0; j < r.nitems; j++)
            add_item(c->lex, out, (int)(((const struct sp_info *)r.items[j].species) - c->lex->sp),
                     r.items[j].count, r.place);
        if (s == 0) {
            out->place = r.place;
            memcpy(out->date, r.date, sizeof out->date);
        }
    }
    out->command = CMD_PLANT;
    out->lang = pz_pick_lang(c);
    out->ok = confirm == NULL;
    out->error = written;
    out->confirm = confirm;
    memcpy(out->suggestion, suggestion, sizeof suggestion);
    return 1;
}

void pz_report(struct reading *c, struct parse_result *out, const struct parse_options *o,
               int plant_signal, int explicit_cmd)
{
    int seg[SEG_MAX + 1], strict = 1;
    int n = c->nel >= 4 ? split_reports(c, seg, &strict) : 1;
    if (n >= 2 && multi_report(c, out, o, seg, n, strict, plant_signal)) return;
    pz_resolve_unknown(c);
    one_report(c, out, o, plant_signal, explicit_cmd);
}
