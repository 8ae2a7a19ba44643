/* ussd_menu_show.c: the USSD menu's screens (see ussd_menu_show.h). Every
 * screen goes through ussd_screens (folding, transliteration, one-screen limit);
 * a hint line goes on top of the screen it belongs to. */
#include "gateway/ussd/ussd_menu_show.h"
#include "db/plantings.h"
#include "gateway/base/lang.h"
#include "gateway/base/log.h"
#include "gateway/core/names.h"
#include "gateway/core/numerals.h"
#include "parsers/places.h"
#include "parsers/species.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORDER_MAX 256

enum lang ussd_slang(const struct ussd_session *s) { return lang_from_code(s->lang); }

const struct place *ussd_session_place(const struct lexicon *lex, const char *stored)
{
    const char *bar = strchr(stored, '|');
    if (!bar)
        return lexicon_place_by_name(lex, stored);
    size_t nl = (size_t)(bar - stored);
    for (size_t i = 0, n = lexicon_place_count(lex); i < n; i++) {
        const struct place *p = lexicon_place_at(lex, i);
        if (p && strlen(p->name) == nl && !strncmp(p->name, stored, nl) &&
            !strcmp(p->municipality, bar + 1))
            return p;
    }
    return NULL;
}

void ussd_store_place(const struct place *pl, char *out, size_t len)
{
    snprintf(out, len, "%s|%s", pl->name, pl->municipality);
}

/* ---- rendering ---- */

/* Cuts the longest value by a few characters (at a UTF-8 boundary), marking the
 * cut with '.'; false when nothing is left to cut. */
static bool shorten_longest(char vals[][128], int n)
{
    int best = -1;
    size_t blen = 0;
    for (int i = 0; i < n; i++) {
        size_t l = strlen(vals[i]);
        if (strspn(vals[i], "0123456789") == l || strchr(vals[i], '\n'))
            continue;    /* numbers and lists of options are never cut */
        if (l > blen) {
            blen = l;
            best = i;
        }
    }
    if (best < 0 || blen <= 4)
        return false;
    char *v = vals[best];
    size_t cut = blen - 1;
    if (v[cut] == '.')
        cut--;
    for (int k = 0; k < 3 && cut > 2; k++) {
        cut--;
        while (cut > 0 && ((unsigned char)v[cut] & 0xC0) == 0x80)
            cut--;
    }
    v[cut] = '.';
    v[cut + 1] = '\0';
    return true;
}

/* hint line (may be NULL) + the filled template, finished and fitted: values that
 * make it too long (a long place name) are shortened before the text is clipped */
static void render(const struct ussd_menu_env *env, enum lang lang, const char *hint,
                   const char *key, const struct reply_var *vars, int nvars, bool end,
                   struct ussd_answer *a)
{
    char h[USSD_SCREEN_MAX] = "";
    if (hint) {
        char minb[24], maxb[24];
        snprintf(minb, sizeof minb, "%ld", env->min_count);
        snprintf(maxb, sizeof maxb, "%ld", env->max_count);
        const struct reply_var hv[] = { { "min", minb }, { "max", maxb } };
        ussd_screen_fill(env->scr, lang, hint, hv, 2, h, sizeof h);
    }
    char vals[8][128];
    struct reply_var v[8];
    if (nvars > 8)
        nvars = 8;
    for (int i = 0; i < nvars; i++) {
        snprintf(vals[i], sizeof vals[i], "%s", vars[i].value ? vars[i].value : "");
        v[i].name = vars[i].name;
        v[i].value = vals[i];
    }
    for (;;) {
        char body[USSD_SCREEN_MAX], full[USSD_SCREEN_MAX * 2];
        ussd_screen_fill(env->scr, lang, key, v, nvars, body, sizeof body);
        snprintf(full, sizeof full, "%s%s%s", h, hint ? "\n" : "", body);
        if (ussd_screen_finish(env->scr, lang, full, a->text, sizeof a->text))
            break;
        if (!shorten_longest(vals, nvars)) {
            ussd_screen_clip(env->scr, lang, a->text);
            break;
        }
    }
    a->end = end;
}

void ussd_menu_screen(const struct ussd_menu_env *env, enum lang lang, const char *key,
                      struct ussd_answer *a)
{
    render(env, lang, NULL, key, NULL, 0, true, a);
}

void ussd_show(const struct ussd_menu_env *env, struct ussd_session *s, enum ussd_step step,
               const char *hint, const char *key, const struct reply_var *vars, int nvars,
               struct ussd_answer *a)
{
    s->step = step;
    render(env, ussd_slang(s), hint, key, vars, nvars, step == USSD_DONE, a);
    if (step == USSD_DONE)
        s->ended = true;
}

/* ---- the species list: one fixed order (species.tsv column ussd_order) ---- */

static bool before(const struct species *a, size_t ia, const struct species *b, size_t ib)
{
    int oa = a->menu_order > 0 ? a->menu_order : 1 << 30;
    int ob = b->menu_order > 0 ? b->menu_order : 1 << 30;
    return oa != ob ? oa < ob : ia < ib;     /* unordered ones keep the list's order */
}

/* The species in menu order into list (ORDER_MAX entries); returns how many. The
 * lexicon never changes while talka runs, so neither does the order. */
static int species_order(const struct lexicon *lex, const struct species **list)
{
    size_t idx[ORDER_MAX];
    int n = 0;
    for (size_t i = 0, total = lexicon_species_count(lex); i < total && n < ORDER_MAX; i++) {
        const struct species *sp = lexicon_species_at(lex, i);
        if (!sp)
            continue;
        int k = n++;
        for (; k > 0 && before(sp, i, list[k - 1], idx[k - 1]); k--) {
            list[k] = list[k - 1];
            idx[k] = idx[k - 1];
        }
        list[k] = sp;
        idx[k] = i;
    }
    return n;
}

void show_species(const struct ussd_menu_env *env, struct ussd_session *s, int pos,
                  const char *hint, struct ussd_answer *a)
{
    enum lang lang = ussd_slang(s);
    const struct species *order[ORDER_MAX];
    int n = species_order(env->lex, order);
    if (pos < 0 || pos >= n)
        pos = 0;
    char head[USSD_SCREEN_MAX], foot[USSD_SCREEN_MAX], list[USSD_SCREEN_MAX] = "";
    char h[USSD_SCREEN_MAX] = "";
    if (hint)
        ussd_screen_fill(env->scr, lang, hint, NULL, 0, h, sizeof h);
    ussd_screen_fill(env->scr, lang, "species", NULL, 0, head, sizeof head);
    ussd_screen_fill(env->scr, lang, "species_more", NULL, 0, foot, sizeof foot);
    s->nshown = 0;
    int i = pos;
    for (; i < n && s->nshown < USSD_SHOWN_MAX; i++) {
        const struct species *sp = order[i];
        char more[USSD_SCREEN_MAX], full[USSD_SCREEN_MAX * 3], done[USSD_SCREEN_MAX];
        int ml = snprintf(more, sizeof more, "%s\n%d %s", list, s->nshown + 1, species_name(sp, lang));
        int fl = snprintf(full, sizeof full, "%s%s%s%s\n%s", h, hint ? "\n" : "", head, more, foot);
        bool cut = ml < 0 || (size_t)ml >= sizeof more || fl < 0 || (size_t)fl >= sizeof full;
        if ((cut || !ussd_screen_finish(env->scr, lang, full, done, sizeof done)) && s->nshown > 0)
            break; /* the screen is full */
        snprintf(list, sizeof list, "%s", more);
        snprintf(s->shown[s->nshown++], sizeof s->shown[0], "%s", sp->id);
    }
    s->list_pos = pos;
    s->next_pos = i < n ? i : 0;
    char full[USSD_SCREEN_MAX * 3];
    /* pieces longer than a screen are clipped to the screen below anyway */
    int fl = snprintf(full, sizeof full, "%s%s%s%s\n%s", h, hint ? "\n" : "", head, list, foot);
    assert(fl >= 0);
    if (!ussd_screen_finish(env->scr, lang, full, a->text, sizeof a->text))
        ussd_screen_clip(env->scr, lang, a->text);
    a->end = false;
    s->step = USSD_SPECIES;
}

/* ---- the other screens ---- */

void show_main(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
               struct ussd_answer *a)
{
    ussd_show(env, s, USSD_MAIN, hint, "main", NULL, 0, a);
}

void show_count(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                struct ussd_answer *a)
{
    const struct species *sp = lexicon_species_by_id(env->lex, s->species);
    const struct reply_var v[] = { { "species", sp ? species_name(sp, ussd_slang(s)) : s->species } };
    ussd_show(env, s, USSD_COUNT, hint, "count", v, 1, a);
}

void show_place(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                struct ussd_answer *a)
{
    ussd_show(env, s, USSD_PLACE, hint, "place", NULL, 0, a);
}

void show_place_confirm(const struct ussd_menu_env *env, struct ussd_session *s,
                        const char *hint, struct ussd_answer *a)
{
    const struct place *pl = ussd_session_place(env->lex, s->place);
    const struct reply_var v[] = { { "place", pl ? place_name(pl, ussd_slang(s)) : s->place } };
    ussd_show(env, s, USSD_PLACE_CONFIRM, hint, "place_confirm", v, 1, a);
}

void show_place_choice(const struct ussd_menu_env *env, struct ussd_session *s,
                       const struct place_lookup *pl, const char *hint, struct ussd_answer *a)
{
    enum lang lang = ussd_slang(s);
    if (pl) {
        s->nshown = 0;
        for (int k = 0; k < pl->nchoices && s->nshown < USSD_SHOWN_MAX; k++)
            ussd_store_place(pl->choices[k], s->shown[s->nshown++], sizeof s->shown[0]);
    }
    char choices[USSD_SCREEN_MAX] = "";
    const struct place *first = NULL;
    for (int k = 0; k < s->nshown; k++) {
        const struct place *p = ussd_session_place(env->lex, s->shown[k]);
        if (!p)
            continue;
        first = first ? first : p;
        const char *m = municipality_name(env->lex, p->municipality, lang);
        const char *cut = strstr(m, " novads");
        int ml = cut && !cut[7] ? (int)(cut - m) : (int)strlen(m);
        size_t used = strlen(choices);
        /* "Jēkabpils nov."; a Cyrillic screen (70 characters) has no room for "nov.":
         * its question ("край?") says what the names are */
        snprintf(choices + used, sizeof choices - used, "\n%d %.*s%s", k + 1, ml, m,
                 cut && !cut[7] && lang != LANG_RU ? " nov." : "");
    }
    const struct reply_var v[] = { { "place", first ? place_name(first, lang) : "" },
                                   { "choices", choices } };
    ussd_show(env, s, USSD_PLACE_CHOICE, hint, "place_choice", v, 2, a);
}

void show_species_confirm(const struct ussd_menu_env *env, struct ussd_session *s,
                          const char *hint, struct ussd_answer *a)
{
    const struct species *sp = lexicon_species_by_id(env->lex, s->species);
    const struct reply_var v[] = { { "species", sp ? species_name(sp, ussd_slang(s)) : s->species } };
    ussd_show(env, s, USSD_SPECIES_CONFIRM, hint, "species_confirm", v, 1, a);
}

void show_confirm(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                  struct ussd_answer *a)
{
    enum lang lang = ussd_slang(s);
    const struct species *sp = lexicon_species_by_id(env->lex, s->species);
    const struct place *pl = ussd_session_place(env->lex, s->place);
    char count[24];
    snprintf(count, sizeof count, "%ld", s->count);
    /* the summary starts with a word, never a digit: it must not read as option 5 */
    const struct reply_var v[] = {
        { "count", count },
        { "species", sp ? species_name(sp, lang) : s->species },
        { "place", pl ? place_name(pl, lang) : s->place },
    };
    ussd_show(env, s, USSD_CONFIRM, hint, "confirm", v, 3, a);
}

void show_lang(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
               struct ussd_answer *a)
{
    ussd_show(env, s, USSD_LANG, hint, "lang", NULL, 0, a);
}

/* ---- points ---- */

void show_points(const struct ussd_menu_env *env, struct ussd_session *s, struct ussd_answer *a)
{
    struct ussd_standing st;
    if (ussd_volunteer_standing(env->db, s->phone, &st) != DB_FOUND) {
        ussd_menu_screen(env, ussd_slang(s), "error", a);
        s->ended = true;
        return;
    }
    char pts[48];
    points_phrase(ussd_slang(s), (long)st.points, pts, sizeof pts);
    const struct reply_var v[] = { { "points", pts } };
    const char *key;
    if (st.pending_reports > 0)     /* points come once staff approve it: say so */
        key = st.points > 0 ? "points_and_pending" : "points_pending";
    else if (st.points > 0)
        key = st.accepted > 0 ? "points_thanks" : "points";
    else
        key = "points_none";        /* nothing planted: no thanks for trees */
    ussd_show(env, s, USSD_DONE, NULL, key, v, 1, a);
}

void show_saved(const struct ussd_menu_env *env, struct ussd_session *s, bool ok,
                const struct ussd_saved *out, struct ussd_answer *a)
{
    char pts[48];
    points_phrase(ussd_slang(s), out->points_total, pts, sizeof pts);
    const struct reply_var v[] = { { "points", pts } };
    if (ok && !strcmp(out->outcome, "pending_review"))
        ussd_show(env, s, USSD_DONE, NULL, "saved_review", v, 1, a);
    else if (ok && !strcmp(out->outcome, "planted"))
        ussd_show(env, s, USSD_DONE, NULL, "saved", v, 1, a);
    else if (ok && !strcmp(out->outcome, "duplicate"))
        ussd_show(env, s, USSD_DONE, NULL, "duplicate", v, 1, a);
    else {
        log_warn("ussd: session registration not saved (%s)", out->outcome[0] ? out->outcome : "error");
        ussd_show(env, s, USSD_DONE, NULL, "save_failed", v, 1, a);
    }
}
