/* ussd_menu.c: the USSD menu's screens and transitions. Every screen goes
 * through ussd_screens (folding, transliteration, one-screen limit); wrong input
 * repeats the current screen with a hint line on top. */
#include "gateway/ussd/ussd_menu.h"
#include "db/plantings.h"
#include "gateway/core/names.h"
#include "gateway/base/lang.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/sms_text.h"
#include "parsers/grammar.h"
#include "parsers/lookup.h"
#include "parsers/places.h"
#include "parsers/species.h"

#include <assert.h>
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORDER_MAX 256
#define ORDER_TTL_MS 30000
#define USSD_MORE 98          /* "98 Vēl": the next page of the species list */
#define INPUT_MAX 100         /* longer input cannot be a menu answer, count or place */

static enum lang slang(const struct ussd_session *s) { return lang_from_code(s->lang); }

/* ---- species order: most planted first, then the rest in list order ---- */

static pthread_mutex_t order_mu = PTHREAD_MUTEX_INITIALIZER;
static char order_ids[ORDER_MAX][64];
static int order_n;
static long long order_at = -1;

void ussd_menu_forget_order(void)
{
    pthread_mutex_lock(&order_mu);
    order_at = -1;
    pthread_mutex_unlock(&order_mu);
}

/* Copies the current order into ids (ORDER_MAX entries); returns how many. */
static int species_order(const struct ussd_menu_env *env, char (*ids)[64])
{
    pthread_mutex_lock(&order_mu);
    long long now = clock_mono_ms();
    if (order_at < 0 || now - order_at > ORDER_TTL_MS) {
        static char top[ORDER_MAX][64];
        int got = ussd_top_species(env->db, top, ORDER_MAX), ntop = got > 0 ? got : 0;
        int n = 0;
        for (int i = 0; i < ntop; i++)
            if (lexicon_species_by_id(env->lex, top[i]))
                memcpy(order_ids[n++], top[i], 64);
        size_t total = lexicon_species_count(env->lex);
        for (size_t i = 0; i < total && n < ORDER_MAX; i++) {
            const struct species *sp = lexicon_species_at(env->lex, i);
            if (!sp)
                continue;
            bool seen = false;
            for (int j = 0; j < ntop && !seen; j++)
                seen = !strcmp(top[j], sp->id);
            if (!seen)
                snprintf(order_ids[n++], 64, "%s", sp->id);
        }
        order_n = n;
        order_at = got >= 0 ? now : -1; /* a failed read: the lexicon's order, read again */
    }
    int n = order_n;
    memcpy(ids, order_ids, sizeof order_ids[0] * (size_t)n);
    pthread_mutex_unlock(&order_mu);
    return n;
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
        if (strspn(vals[i], "0123456789") == l)
            continue;    /* numbers are never cut */
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

static void show(const struct ussd_menu_env *env, struct ussd_session *s, enum ussd_step step,
                 const char *hint, const char *key, const struct reply_var *vars, int nvars,
                 struct ussd_answer *a)
{
    s->step = step;
    render(env, slang(s), hint, key, vars, nvars, step == USSD_DONE, a);
    if (step == USSD_DONE)
        s->ended = true;
}

/* The species list page starting at pos: as many numbered names (up to 9) as fit. */
static void show_species(const struct ussd_menu_env *env, struct ussd_session *s, int pos,
                         const char *hint, struct ussd_answer *a)
{
    enum lang lang = slang(s);
    static _Thread_local char ids[ORDER_MAX][64];
    int n = species_order(env, ids);
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
        const struct species *sp = lexicon_species_by_id(env->lex, ids[i]);
        if (!sp)
            continue;
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

static void show_main(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                      struct ussd_answer *a)
{
    show(env, s, USSD_MAIN, hint, "main", NULL, 0, a);
}

static void show_count(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                       struct ussd_answer *a)
{
    const struct species *sp = lexicon_species_by_id(env->lex, s->species);
    const struct reply_var v[] = { { "species", sp ? species_name(sp, slang(s)) : s->species } };
    show(env, s, USSD_COUNT, hint, "count", v, 1, a);
}

static void show_place(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                       struct ussd_answer *a)
{
    show(env, s, USSD_PLACE, hint, "place", NULL, 0, a);
}

static void show_place_confirm(const struct ussd_menu_env *env, struct ussd_session *s,
                               const char *hint, struct ussd_answer *a)
{
    const struct place *pl = lexicon_place_by_name(env->lex, s->place);
    const struct reply_var v[] = { { "place", pl ? place_name(pl, slang(s)) : s->place } };
    show(env, s, USSD_PLACE_CONFIRM, hint, "place_confirm", v, 1, a);
}

static void show_species_confirm(const struct ussd_menu_env *env, struct ussd_session *s,
                                 const char *hint, struct ussd_answer *a)
{
    const struct species *sp = lexicon_species_by_id(env->lex, s->species);
    const struct reply_var v[] = { { "species", sp ? species_name(sp, slang(s)) : s->species } };
    show(env, s, USSD_SPECIES_CONFIRM, hint, "species_confirm", v, 1, a);
}

static void show_confirm(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                         struct ussd_answer *a)
{
    enum lang lang = slang(s);
    const struct species *sp = lexicon_species_by_id(env->lex, s->species);
    const struct place *pl = lexicon_place_by_name(env->lex, s->place);
    char count[24];
    snprintf(count, sizeof count, "%ld", s->count);
    /* the summary starts with a word, never a digit: it must not read as option 5 */
    const struct reply_var v[] = {
        { "count", count },
        { "species", sp ? species_name(sp, lang) : s->species },
        { "place", pl ? place_name(pl, lang) : s->place },
    };
    show(env, s, USSD_CONFIRM, hint, "confirm", v, 3, a);
}

static void show_lang(const struct ussd_menu_env *env, struct ussd_session *s, const char *hint,
                      struct ussd_answer *a)
{
    show(env, s, USSD_LANG, hint, "lang", NULL, 0, a);
}

/* ---- input helpers ---- */

/* input without surrounding spaces into out; false when it is too long to mean anything */
static bool trim(const char *in, char *out, size_t outlen)
{
    while (*in == ' ' || *in == '\t' || *in == '\r' || *in == '\n')
        in++;
    size_t n = strlen(in);
    while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t' || in[n - 1] == '\r' ||
                     in[n - 1] == '\n'))
        n--;
    if (n > INPUT_MAX || n >= outlen) {
        out[0] = '\0';
        return false;
    }
    memcpy(out, in, n);
    out[n] = '\0';
    return true;
}

/* a whole number of at most 9 digits, nothing else; -1 otherwise */
static long number(const char *s)
{
    if (!*s || strlen(s) > 9)
        return -1;
    long v = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s))
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

/* folded, lower-case, single spaces: to tell whether a typed place was corrected */
static void simplify(const char *in, char *out, size_t outlen)
{
    char folded[256];
    sms_fold_latvian(in, folded, sizeof folded);
    size_t o = 0;
    bool space = false;
    for (const char *p = folded; *p && o + 1 < outlen; p++) {
        if (isspace((unsigned char)*p)) {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < outlen)
            out[o++] = ' ';
        space = false;
        out[o++] = (char)tolower((unsigned char)*p);
    }
    out[o] = '\0';
}

/* ---- steps ---- */

static void on_main(const struct ussd_menu_env *env, struct ussd_session *s, const char *in,
                    struct ussd_answer *a)
{
    switch (number(in)) {
    case 1:
        show_species(env, s, 0, NULL, a);
        return;
    case 2: {
        char pts[24];
        int64_t points = 0;
        if (points_of_number(env->db, s->phone, &points) != DB_FOUND) {
            ussd_menu_screen(env, lang_from_code(s->lang), "error", a);
            s->ended = true;
            return;
        }
        snprintf(pts, sizeof pts, "%lld", (long long)points);
        const struct reply_var v[] = { { "points", pts } };
        show(env, s, USSD_DONE, NULL, "points", v, 1, a);
        return;
    }
    case 3: {
        const struct reply_var v[] = { { "number", env->sms_number } };
        show(env, s, USSD_DONE, NULL, "howto", v, 1, a);
        return;
    }
    case 4:
        show_lang(env, s, NULL, a);
        return;
    default:
        show_main(env, s, "hint_choice", a);
    }
}

static void on_species(const struct ussd_menu_env *env, struct ussd_session *s, const char *in,
                       struct ussd_answer *a)
{
    long k = number(in);
    if (k == USSD_MORE) {
        show_species(env, s, s->next_pos, NULL, a);
        return;
    }
    if (k > 0) {
        if (k > s->nshown) {
            show_species(env, s, s->list_pos, "hint_choice", a);
            return;
        }
        snprintf(s->species, sizeof s->species, "%s", s->shown[k - 1]);
        show_count(env, s, NULL, a);
        return;
    }
    if (!*in) {
        show_species(env, s, s->list_pos, "hint_choice", a);
        return;
    }
    bool ambiguous = false;
    const struct species *sp = lexicon_find_species(env->lex, in, &ambiguous);
    const struct species *guess = sp || ambiguous ? NULL : lexicon_guess_species(env->lex, in);
    if (guess) { /* ask back, as an SMS would */
        snprintf(s->species, sizeof s->species, "%s", guess->id);
        show_species_confirm(env, s, NULL, a);
        return;
    }
    if (!sp) {
        show_species(env, s, s->list_pos, ambiguous ? "hint_ambiguous" : "hint_species", a);
        return;
    }
    snprintf(s->species, sizeof s->species, "%s", sp->id);
    show_count(env, s, NULL, a);
}

/* A count written in words ("pieci", "двадцать один", "twelve"), read
 * by the SMS grammar itself as the count of a report of this species; -1 when it
 * is not one count and nothing else. */
static long count_in_words(const struct ussd_menu_env *env, const struct ussd_session *s,
                           const char *in)
{
    const struct species *sp = lexicon_species_by_id(env->lex, s->species);
    if (!sp || !*in || strpbrk(in, "*0123456789"))
        return -1;  /* digits are read as a number only: "-5" and "1.5" stay wrong */
    char text[INPUT_MAX + 160];
    snprintf(text, sizeof text, "KOKS %s %s Cesis", in, sp->name_lv);
    struct parse_options o = { env->min_count, env->max_count, NULL };
    struct parse_result pr;
    parse_text(env->lex, text, strlen(text), env->now, &o, &pr);
    if (!pr.ok || pr.command != CMD_PLANT || pr.nitems != 1 || pr.items[0].species != sp)
        return -1;
    return pr.items[0].count;
}

static void on_count(const struct ussd_menu_env *env, struct ussd_session *s, const char *in,
                     struct ussd_answer *a)
{
    long k = number(in);
    if (k < 0)
        k = count_in_words(env, s, in);
    if (k < env->min_count || k > env->max_count) {
        show_count(env, s, "hint_count", a);
        return;
    }
    s->count = k;
    show_place(env, s, NULL, a);
}

static void on_place(const struct ussd_menu_env *env, struct ussd_session *s, const char *in,
                     struct ussd_answer *a)
{
    if (!*in || number(in) >= 0) {
        show_place(env, s, "hint_place", a);
        return;
    }
    bool ambiguous = false;
    const struct place *pl = lexicon_find_place(env->lex, in, &ambiguous);
    const struct place *guess = pl || ambiguous ? NULL : lexicon_guess_place(env->lex, in);
    if (guess) { /* ask back, as an SMS would: "Vai domājāt Cēsis? 1 Jā 2 Nē" */
        snprintf(s->place, sizeof s->place, "%s", guess->name);
        show_place_confirm(env, s, NULL, a);
        return;
    }
    if (!pl) {
        show_place(env, s, ambiguous ? "hint_ambiguous" : "hint_place", a);
        return;
    }
    snprintf(s->place, sizeof s->place, "%s", pl->name);
    char typed[256], canon[256], canon_ru[256] = "";
    simplify(in, typed, sizeof typed);
    simplify(pl->name, canon, sizeof canon);
    if (pl->name_ru && *pl->name_ru)
        simplify(pl->name_ru, canon_ru, sizeof canon_ru);
    if (strcmp(typed, canon) && strcmp(typed, canon_ru))
        show_place_confirm(env, s, NULL, a);
    else
        show_confirm(env, s, NULL, a);
}

static void on_place_confirm(const struct ussd_menu_env *env, struct ussd_session *s,
                             const char *in, struct ussd_answer *a)
{
    switch (number(in)) {
    case 1:
        show_confirm(env, s, NULL, a);
        return;
    case 2:
        s->place[0] = '\0';
        show_place(env, s, "hint_retype", a);
        return;
    default:
        show_place_confirm(env, s, "hint_choice", a);
    }
}

static void on_species_confirm(const struct ussd_menu_env *env, struct ussd_session *s,
                               const char *in, struct ussd_answer *a)
{
    switch (number(in)) {
    case 1:
        show_count(env, s, NULL, a);
        return;
    case 2:
        s->species[0] = '\0';
        show_species(env, s, s->list_pos, "hint_species", a);
        return;
    default:
        show_species_confirm(env, s, "hint_choice", a);
    }
}

static void save(const struct ussd_menu_env *env, struct ussd_session *s, struct ussd_answer *a)
{
    const struct species *sp = lexicon_species_by_id(env->lex, s->species);
    const struct place *pl = lexicon_place_by_name(env->lex, s->place);
    struct ussd_saved out = { 0, "" };
    bool ok = false;
    if (sp && pl && env->save) {
        struct parse_result pr;
        memset(&pr, 0, sizeof pr);
        pr.ok = true;
        pr.command = CMD_PLANT;
        pr.lang = slang(s);
        pr.nitems = 1;
        pr.items[0].species = sp;
        pr.items[0].count = s->count;
        pr.place = pl;
        ok = env->save(env->save_arg, env->db, s, &pr, &out);
    }
    char pts[24];
    snprintf(pts, sizeof pts, "%ld", out.points_total);
    const struct reply_var v[] = { { "points", pts } };
    if (ok && !strcmp(out.outcome, "pending_review"))
        show(env, s, USSD_DONE, NULL, "saved_review", v, 1, a);
    else if (ok && !strcmp(out.outcome, "planted"))
        show(env, s, USSD_DONE, NULL, "saved", v, 1, a);
    else if (ok && !strcmp(out.outcome, "duplicate"))
        show(env, s, USSD_DONE, NULL, "duplicate", v, 1, a);
    else {
        log_warn("ussd: session registration not saved (%s)", out.outcome[0] ? out.outcome : "error");
        show(env, s, USSD_DONE, NULL, "save_failed", v, 1, a);
    }
}

static void on_confirm(const struct ussd_menu_env *env, struct ussd_session *s, const char *in,
                       struct ussd_answer *a)
{
    switch (number(in)) {
    case 1:
        save(env, s, a);
        return;
    case 2:
        show(env, s, USSD_DONE, NULL, "cancelled", NULL, 0, a);
        return;
    default:
        show_confirm(env, s, "hint_choice", a);
    }
}

static void on_lang(const struct ussd_menu_env *env, struct ussd_session *s, const char *in,
                    struct ussd_answer *a)
{
    long k = number(in);
    if (k < 1 || k > 3) {
        show_lang(env, s, "hint_choice", a);
        return;
    }
    snprintf(s->lang, sizeof s->lang, "%s", lang_code((enum lang)(k - 1)));
    s->lang_changed = true;    /* remembered for the volunteer with the session */
    show_main(env, s, NULL, a);
}

void ussd_menu_begin(const struct ussd_menu_env *env, struct ussd_session *s,
                     struct ussd_answer *a)
{
    show_main(env, s, NULL, a);
}

/* "0 Atpakaļ": one screen back, from every screen after the first */
static bool go_back(const struct ussd_menu_env *env, struct ussd_session *s, struct ussd_answer *a)
{
    switch (s->step) {
    case USSD_SPECIES:
    case USSD_LANG:
        show_main(env, s, NULL, a);
        return true;
    case USSD_COUNT:
    case USSD_SPECIES_CONFIRM:
        show_species(env, s, s->list_pos, NULL, a);
        return true;
    case USSD_PLACE:
        show_count(env, s, NULL, a);
        return true;
    case USSD_PLACE_CONFIRM:
    case USSD_CONFIRM:
        s->place[0] = '\0';
        show_place(env, s, NULL, a);
        return true;
    case USSD_MAIN:
    case USSD_DONE:
        break;
    }
    return false;
}

void ussd_menu_input(const struct ussd_menu_env *env, struct ussd_session *s,
                     const char *input, struct ussd_answer *a)
{
    char in[INPUT_MAX + 1];
    bool sane = trim(input, in, sizeof in);
    if (!sane)
        in[0] = '\0';    /* far too long: answered like an empty input */
    if (!strcmp(in, "0") && go_back(env, s, a))
        return;
    switch (s->step) {
    case USSD_MAIN: on_main(env, s, in, a); break;
    case USSD_SPECIES: on_species(env, s, in, a); break;
    case USSD_COUNT: on_count(env, s, in, a); break;
    case USSD_PLACE: on_place(env, s, in, a); break;
    case USSD_PLACE_CONFIRM: on_place_confirm(env, s, in, a); break;
    case USSD_SPECIES_CONFIRM: on_species_confirm(env, s, in, a); break;
    case USSD_CONFIRM: on_confirm(env, s, in, a); break;
    case USSD_LANG: on_lang(env, s, in, a); break;
    case USSD_DONE: ussd_menu_screen(env, slang(s), "expired", a); break;
    }
}
