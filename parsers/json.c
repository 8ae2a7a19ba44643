/* json.c: a parse result as one line of JSON (the `talka parse` contract).
 * jansson serialises every value: the lexicon's strings and place objects once,
 * when the lexicon is loaded; a text's free strings (name, suggestion, date)
 * when written. The writer only lays those out in the result's fixed shape, so a
 * text costs no jansson tree (building, dumping and freeing one per text was
 * half of `talka parse`'s time). parse_result_json_tree is the same result as a
 * jansson tree: the unit tests check that both give the same bytes. */
#include "parsers/json.h"
#include "parsers/lexicon_types.h"
#include "parsers/names.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The error and ask codes the parser writes (report.c, grammar.c). */
static const char *const codes[JS_NCODES] = {
    "empty", "unknown_command", "missing_count", "missing_species", "missing_place",
    "unknown_species", "unknown_place", "ambiguous_species", "ambiguous_place",
    "count_out_of_range", "count_range", "bad_date", "future_date",
    "guess", "range", "choice"
};

/* v as compact JSON text, malloc'd (NULL when jansson refuses it, e.g. invalid
 * UTF-8: a key jansson would leave out). Takes the reference to v. */
static struct js_text dumped(json_t *v)
{
    struct js_text t = { NULL, 0 };
    if (!v) return t;
    char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    json_decref(v);
    if (s) { t.s = s; t.n = strlen(s); }
    return t;
}

static json_t *place_tree(const struct place *p)
{
    json_t *o = json_object();
    if (o) {
        json_object_set_new(o, "name", json_string(p->name));
        json_object_set_new(o, "type", json_string(p->type));
        json_object_set_new(o, "municipality", json_string(p->municipality));
    }
    return o;
}

void pz_json_prepare(struct lexicon *lex)
{
    for (int c = 0; c <= CMD_LAST; c++) lex->cmd_js[c] = dumped(json_string(command_name(c)));
    for (int l = 0; l < 3; l++) lex->lang_js[l] = dumped(json_string(lang_code(l)));
    for (int k = 0; k < JS_NCODES; k++) lex->code_js[k] = dumped(json_string(codes[k]));
    for (size_t i = 0; i < lex->nsp; i++) lex->sp[i].js = dumped(json_string(lex->sp[i].pub.id));
    for (size_t i = 0; i < lex->npl; i++) {
        json_t *o = place_tree(&lex->pl[i].pub);
        lex->pl[i].js = dumped(o ? o : json_object());
    }
}

void pz_json_release(struct lexicon *lex)
{
    for (int c = 0; c <= CMD_LAST; c++) free(lex->cmd_js[c].s);
    for (int l = 0; l < 3; l++) free(lex->lang_js[l].s);
    for (int k = 0; k < JS_NCODES; k++) free(lex->code_js[k].s);
    for (size_t i = 0; lex->sp && i < lex->nsp; i++) free(lex->sp[i].js.s);
    for (size_t i = 0; lex->pl && i < lex->npl; i++) free(lex->pl[i].js.s);
}

/* A result points at the public part of a lexicon row; the row is found from it. */
_Static_assert(offsetof(struct sp_info, pub) == 0, "species rows start with their public part");
_Static_assert(offsetof(struct pl_info, pub) == 0, "place rows start with their public part");

/* ---- the writer ---- */

struct jw { char *p; size_t n, cap; int over; };

static void put(struct jw *w, const char *s, size_t n)
{
    if (n > w->cap - w->n) { w->over = 1; return; }
    memcpy(w->p + w->n, s, n);
    w->n += n;
}
#define PUTS(w, lit) put(w, lit, sizeof lit - 1)

/* key (written as "\"key\":") and a value already in JSON; a missing value
 * leaves the key out, as json_object_set_new does with NULL. *first: no comma yet. */
static void member(struct jw *w, int *first, const char *key, const struct js_text *v)
{
    if (!v->s) return;
    if (!*first) PUTS(w, ",");
    *first = 0;
    put(w, key, strlen(key));
    put(w, v->s, v->n);
}

/* The same with a string of this text, serialised by jansson now. */
static void member_str(struct jw *w, int *first, const char *key, const char *s)
{
    struct js_text v = dumped(json_string(s));
    member(w, first, key, &v);
    free(v.s);
}

static void member_int(struct jw *w, int *first, const char *key, long v)
{
    char b[24];
    struct js_text t = { b, (size_t)snprintf(b, sizeof b, "%ld", v) };
    member(w, first, key, &t);
}

/* The lexicon's JSON text of a code, else jansson's now. */
static void member_code(struct jw *w, int *first, const char *key, const struct lexicon *lex,
                        const char *code)
{
    for (int k = 0; lex && k < JS_NCODES; k++)
        if (!strcmp(code, codes[k])) { member(w, first, key, &lex->code_js[k]); return; }
    member_str(w, first, key, code);
}

static const struct js_text *place_js(const struct place *pl)
{
    static const struct js_text empty = { (char *)"{}", 2 };
    const struct pl_info *pi = (const struct pl_info *)pl;
    return pi->js.s ? &pi->js : &empty;
}

/* A report's items, place and date. */
static void report_into(struct jw *w, int *first, const struct parse_result *r)
{
    if (!*first) PUTS(w, ",");
    *first = 0;
    PUTS(w, "\"items\":[");
    for (int i = 0; i < r->nitems && i < PARSE_MAX_ITEMS; i++) {
        const struct sp_info *si = (const struct sp_info *)r->items[i].species;
        int f = 1;
        if (i) PUTS(w, ",");
        PUTS(w, "{");
        if (si->js.s) member(w, &f, "\"species\":", &si->js);
        else member_str(w, &f, "\"species\":", si->pub.id);
        member_int(w, &f, "\"count\":", r->items[i].count);
        PUTS(w, "}");
    }
    PUTS(w, "]");
    if (r->place) member(w, first, "\"place\":", place_js(r->place));
    if (r->date[0]) member_str(w, first, "\"date\":", r->date);
}

static const struct js_text js_true = { (char *)"true", 4 }, js_false = { (char *)"false", 5 };

static void write_result(struct jw *w, const struct parse_result *r)
{
    const struct lexicon *lex = r->lex;
    unsigned c = (unsigned)r->command <= CMD_LAST ? (unsigned)r->command : 0;
    unsigned l = (unsigned)r->lang < 3 ? (unsigned)r->lang : 0;
    int first = 1;
    PUTS(w, "{");
    member(w, &first, "\"ok\":", r->ok ? &js_true : &js_false);
    if (lex && lex->cmd_js[c].s) member(w, &first, "\"command\":", &lex->cmd_js[c]);
    else member_str(w, &first, "\"command\":", command_name(c));
    if (lex && lex->lang_js[l].s) member(w, &first, "\"lang\":", &lex->lang_js[l]);
    else member_str(w, &first, "\"lang\":", lang_code(l));
    if (r->ok) {
        if (r->command == CMD_PLANT) report_into(w, &first, r);
        if (r->command == CMD_REGISTER) member_str(w, &first, "\"name\":", r->name);
        if (r->command == CMD_HELP && r->help_page == 2) member_int(w, &first, "\"page\":", 2);
        if (r->command == CMD_DELETE && r->confirmed) member(w, &first, "\"confirmed\":", &js_true);
    } else {
        member_code(w, &first, "\"error\":", lex, r->error ? r->error : "unknown_command");
        if (r->suggestion[0]) member_str(w, &first, "\"suggestion\":", r->suggestion);
        if (r->confirm) {               /* what talka would ask back */
            int f = 1;
            if (!first) PUTS(w, ",");
            first = 0;
            PUTS(w, "\"confirm\":{");
            member_code(w, &f, "\"ask\":", lex, r->confirm);
            report_into(w, &f, r);
            if (r->nchoices) {
                if (!f) PUTS(w, ",");
                f = 0;
                PUTS(w, "\"choices\":[");
                for (int i = 0; i < r->nchoices && i < PARSE_MAX_CHOICES; i++) {
                    if (i) PUTS(w, ",");
                    const struct js_text *p = place_js(r->choices[i]);
                    put(w, p->s, p->n);
                }
                PUTS(w, "]");
            }
            PUTS(w, "}");
        }
    }
    if (r->translit) member(w, &first, "\"translit\":", &js_true);
    PUTS(w, "}");
}

size_t parse_result_json_into(const struct parse_result *r, char *buf, size_t cap)
{
    struct jw w = { buf, 0, cap, 0 };
    write_result(&w, r);
    return w.over || w.n >= cap ? 0 : w.n;
}

char *parse_result_json(const struct parse_result *r)
{
    for (size_t cap = 2048; cap <= (1u << 20); cap *= 2) {
        char *b = malloc(cap);
        if (!b) return NULL;
        size_t n = parse_result_json_into(r, b, cap);
        if (n) { b[n] = 0; return b; }
        free(b);
    }
    return NULL;
}

/* ---- the same result as a jansson tree ---- */

static void report_tree(json_t *o, const struct parse_result *r)
{
    json_t *items = json_array();
    for (int i = 0; i < r->nitems && i < PARSE_MAX_ITEMS; i++) {
        json_t *it = json_object();
        json_object_set_new(it, "species", json_string(r->items[i].species->id));
        json_object_set_new(it, "count", json_integer(r->items[i].count));
        json_array_append_new(items, it);
    }
    json_object_set_new(o, "items", items);
    if (r->place) json_object_set_new(o, "place", place_tree(r->place));
    if (r->date[0]) json_object_set_new(o, "date", json_string(r->date));
}

static json_t *tree(const struct parse_result *r)
{
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "ok", json_boolean(r->ok));
    unsigned c = (unsigned)r->command <= CMD_LAST ? (unsigned)r->command : 0;
    unsigned l = (unsigned)r->lang < 3 ? (unsigned)r->lang : 0;
    json_object_set_new(o, "command", json_string(command_name(c)));
    json_object_set_new(o, "lang", json_string(lang_code(l)));
    if (r->ok) {
        if (r->command == CMD_PLANT) report_tree(o, r);
        if (r->command == CMD_REGISTER) json_object_set_new(o, "name", json_string(r->name));
        if (r->command == CMD_HELP && r->help_page == 2) json_object_set_new(o, "page", json_integer(2));
        if (r->command == CMD_DELETE && r->confirmed) json_object_set_new(o, "confirmed", json_true());
    } else {
        json_object_set_new(o, "error", json_string(r->error ? r->error : "unknown_command"));
        if (r->suggestion[0]) json_object_set_new(o, "suggestion", json_string(r->suggestion));
        if (r->confirm) {
            json_t *q = json_object();
            json_object_set_new(q, "ask", json_string(r->confirm));
            report_tree(q, r);
            if (r->nchoices) {
                json_t *ch = json_array();
                for (int i = 0; i < r->nchoices && i < PARSE_MAX_CHOICES; i++)
                    json_array_append_new(ch, place_tree(r->choices[i]));
                json_object_set_new(q, "choices", ch);
            }
            json_object_set_new(o, "confirm", q);
        }
    }
    if (r->translit) json_object_set_new(o, "translit", json_true());
    return o;
}

char *parse_result_json_tree(const struct parse_result *r)
{
    json_t *o = tree(r);
    if (!o) return NULL;
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}
