/* json.c: a parse result as one line of JSON (the `talka parse` contract), with
 * jansson. */
#include "parsers/json.h"
#include "parsers/lexicon_types.h"
#include "parsers/names.h"

#include <jansson.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* jansson checks UTF-8 itself (NULL for invalid text, which set_new ignores);
 * the parser's own strings (name, suggestion) are sanitised when made. */
static json_t *str(const char *s)
{
    return json_string(s);
}

/* The species and places of a lexicon as ready jansson values: a result only
 * takes a reference (jansson counts references atomically, and dumping does not
 * mark values), so threads share them safely and a text costs fewer allocations. */
void pz_json_prepare(struct lexicon *lex)
{
    for (int c = 0; c <= CMD_LAST; c++) lex->cmd_json[c] = json_string(command_name(c));
    for (int l = 0; l < 3; l++) lex->lang_json[l] = json_string(lang_code(l));
    for (size_t i = 0; i < lex->nsp; i++)
        lex->sp[i].json = json_string(lex->sp[i].pub.id);
    for (size_t i = 0; i < lex->npl; i++) {
        const struct place *p = &lex->pl[i].pub;
        json_t *o = json_object();
        if (o) {
            json_object_set_new(o, "name", json_string(p->name));
            json_object_set_new(o, "type", json_string(p->type));
            json_object_set_new(o, "municipality", json_string(p->municipality));
        }
        lex->pl[i].json = o;
    }
}

void pz_json_release(struct lexicon *lex)
{
    for (int c = 0; c <= CMD_LAST; c++) json_decref(lex->cmd_json[c]);
    for (int l = 0; l < 3; l++) json_decref(lex->lang_json[l]);
    for (size_t i = 0; lex->sp && i < lex->nsp; i++) json_decref(lex->sp[i].json);
    for (size_t i = 0; lex->pl && i < lex->npl; i++) json_decref(lex->pl[i].json);
}

static json_t *shared(void *v, const char *fallback)
{
    return v ? json_incref((json_t *)v) : json_string(fallback);
}

/* A result points at the public part of a lexicon row; the row is found from it. */
_Static_assert(offsetof(struct sp_info, pub) == 0, "species rows start with their public part");
_Static_assert(offsetof(struct pl_info, pub) == 0, "place rows start with their public part");

static json_t *place_json(const struct place *pl)
{
    const struct pl_info *pi = (const struct pl_info *)pl;
    return pi->json ? json_incref((json_t *)pi->json) : json_object();
}

/* A report's items, place and date into o. */
static void report_into(json_t *o, const struct parse_result *r)
{
    json_t *items = json_array();
    for (int i = 0; i < r->nitems && i < PARSE_MAX_ITEMS; i++) {
        json_t *it = json_object();
        const struct sp_info *si = (const struct sp_info *)r->items[i].species;
        json_object_set_new(it, "species", shared(si->json, si->pub.id));
        json_object_set_new(it, "count", json_integer(r->items[i].count));
        if (r->items[i].place)          /* two reports in one text: each its own place */
            json_object_set_new(it, "place", place_json(r->items[i].place));
        json_array_append_new(items, it);
    }
    json_object_set_new(o, "items", items);
    if (r->place) json_object_set_new(o, "place", place_json(r->place));
    if (r->date[0]) json_object_set_new(o, "date", str(r->date));
}

static json_t *build(const struct parse_result *r)
{
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "ok", json_boolean(r->ok));
    const struct lexicon *lex = r->lex;
    unsigned c = (unsigned)r->command <= CMD_LAST ? (unsigned)r->command : 0;
    unsigned l = (unsigned)r->lang < 3 ? (unsigned)r->lang : 0;
    json_object_set_new(o, "command", lex ? shared(lex->cmd_json[c], command_name(c))
                                          : json_string(command_name(c)));
    json_object_set_new(o, "lang", lex ? shared(lex->lang_json[l], lang_code(l))
                                       : json_string(lang_code(l)));
    if (r->ok) {
        if (r->command == CMD_PLANT) report_into(o, r);
        if (r->command == CMD_PLANT && r->also_points) json_object_set_new(o, "points", json_true());
        if (r->command == CMD_REGISTER) json_object_set_new(o, "name", str(r->name));
        if (r->command == CMD_HELP && r->help_page == 2) json_object_set_new(o, "page", json_integer(2));
        if (r->command == CMD_DELETE && r->confirmed) json_object_set_new(o, "confirmed", json_true());
    } else {
        json_object_set_new(o, "error", json_string(r->error ? r->error : "unknown_command"));
        if (r->suggestion[0]) json_object_set_new(o, "suggestion", str(r->suggestion));
        if (r->confirm) {               /* what talka would ask back */
            json_t *q = json_object();
            json_object_set_new(q, "ask", json_string(r->confirm));
            report_into(q, r);
            if (r->nchoices) {
                json_t *ch = json_array();
                for (int i = 0; i < r->nchoices && i < PARSE_MAX_CHOICES; i++)
                    json_array_append_new(ch, place_json(r->choices[i]));
                json_object_set_new(q, "choices", ch);
            }
            json_object_set_new(o, "confirm", q);
        }
    }
    if (r->translit) json_object_set_new(o, "translit", json_true());
    return o;
}

size_t parse_result_json_into(const struct parse_result *r, char *buf, size_t cap)
{
    json_t *o = build(r);
    if (!o) return 0;
    size_t n = json_dumpb(o, buf, cap, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return n < cap ? n : 0;
}

char *parse_result_json(const struct parse_result *r)
{
    json_t *o = build(r);
    if (!o) return NULL;
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}
