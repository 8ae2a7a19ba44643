/* ussd_menu.c: the USSD menu's transitions: what each input does on the screen
 * the session waits on (the screens themselves: ussd_menu_show.c); wrong input
 * repeats the current screen with a hint line on top. */
#include "gateway/ussd/ussd_menu.h"
#include "gateway/ussd/ussd_menu_show.h"
#include "gateway/base/lang.h"
#include "parsers/grammar.h"
#include "parsers/lookup.h"
#include "parsers/species.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USSD_MORE 98          /* "98 Vēl": the next page of the species list */
#define INPUT_MAX 100         /* longer input cannot be a menu answer, count or place */

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

/* ---- steps ---- */

static void on_main(const struct ussd_menu_env *env, struct ussd_session *s, const char *in,
                    struct ussd_answer *a)
{
    switch (number(in)) {
    case 1:
        show_species(env, s, 0, NULL, a);
        return;
    case 2:
        show_points(env, s, a);
        return;
    case 3: {
        const struct reply_var v[] = { { "number", env->sms_number } };
        ussd_show(env, s, USSD_DONE, NULL, "howto", v, 1, a);
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
    /* read as a report reads its place: typos, guesses, one name in several novadi */
    struct place_lookup pl;
    lexicon_lookup_place(env->lex, in, &pl);
    if (pl.nchoices > 1) {      /* "Salas pagasts: 1 Jēkabpils nov. 2 Mārupes nov." */
        s->place[0] = '\0';
        show_place_choice(env, s, &pl, NULL, a);
        return;
    }
    const struct place *p = pl.place ? pl.place : pl.nchoices == 1 ? pl.choices[0] : pl.guess;
    if (!p) {
        show_place(env, s, "hint_place", a);
        return;
    }
    ussd_store_place(p, s->place, sizeof s->place);
    if (pl.place && !pl.corrected)
        show_confirm(env, s, NULL, a);
    else                        /* a typo corrected or only near: "Rūjiena? 1 Jā 2 Nē" */
        show_place_confirm(env, s, NULL, a);
}

static void on_place_choice(const struct ussd_menu_env *env, struct ussd_session *s,
                            const char *in, struct ussd_answer *a)
{
    long k = number(in);
    const struct place *p = k >= 1 && k <= s->nshown ? ussd_session_place(env->lex, s->shown[k - 1])
                                                     : NULL;
    if (!p) {
        show_place_choice(env, s, NULL, "hint_choice", a);
        return;
    }
    ussd_store_place(p, s->place, sizeof s->place);
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
    const struct place *pl = ussd_session_place(env->lex, s->place);
    struct ussd_saved out = { 0, "" };
    bool ok = false;
    if (sp && pl && env->save) {
        struct parse_result pr;
        memset(&pr, 0, sizeof pr);
        pr.ok = true;
        pr.command = CMD_PLANT;
        pr.lang = ussd_slang(s);
        pr.nitems = 1;
        pr.items[0].species = sp;
        pr.items[0].count = s->count;
        pr.place = pl;
        ok = env->save(env->save_arg, env->db, s, &pr, &out);
    }
    show_saved(env, s, ok, &out, a);
}

static void on_confirm(const struct ussd_menu_env *env, struct ussd_session *s, const char *in,
                       struct ussd_answer *a)
{
    switch (number(in)) {
    case 1:
        save(env, s, a);
        return;
    case 2:
        ussd_show(env, s, USSD_DONE, NULL, "cancelled", NULL, 0, a);
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
    case USSD_PLACE_CHOICE:
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
    case USSD_PLACE_CHOICE: on_place_choice(env, s, in, a); break;
    case USSD_CONFIRM: on_confirm(env, s, in, a); break;
    case USSD_LANG: on_lang(env, s, in, a); break;
    case USSD_DONE: ussd_menu_screen(env, ussd_slang(s), "expired", a); break;
    }
}
