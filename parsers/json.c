/* json.c: a parse result as one line of JSON (the `talka parse` contract), with
 * jansson; and the names of commands and languages. */
#include "parsers/internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const char *lang_code(enum lang l)
{
    switch (l) {
    case LANG_RU: return "ru";
    case LANG_EN: return "en";
    default: return "lv";
    }
}

const char *command_name(enum command c)
{
    switch (c) {
    case CMD_PLANT: return "plant";
    case CMD_POINTS: return "points";
    case CMD_REGISTER: return "register";
    case CMD_STOP: return "stop";
    case CMD_START: return "start";
    case CMD_HELP: return "help";
    case CMD_DELETE: return "delete";
    case CMD_CANCEL: return "cancel";
    default: return "unknown";
    }
}

/* jansson refuses invalid UTF-8; everything we put in is checked first. */
static json_t *str(const char *s)
{
    char buf[512];
    size_t n = pz_utf8_sanitize(s, strlen(s), buf, sizeof buf);
    return json_stringn(buf, n);
}

char *parse_result_json(const struct parse_result *r)
{
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "ok", json_boolean(r->ok));
    json_object_set_new(o, "command", json_string(command_name(r->command)));
    json_object_set_new(o, "lang", json_string(lang_code(r->lang)));
    if (r->ok) {
        if (r->command == CMD_PLANT) {
            json_t *items = json_array();
            for (int i = 0; i < r->nitems && i < PARSE_MAX_ITEMS; i++) {
                json_t *it = json_object();
                json_object_set_new(it, "species", str(r->items[i].species->id));
                json_object_set_new(it, "count", json_integer(r->items[i].count));
                json_array_append_new(items, it);
            }
            json_object_set_new(o, "items", items);
            if (r->place) {
                json_t *p = json_object();
                json_object_set_new(p, "name", str(r->place->name));
                json_object_set_new(p, "type", str(r->place->type));
                json_object_set_new(p, "municipality", str(r->place->municipality));
                json_object_set_new(o, "place", p);
            }
            if (r->date[0]) json_object_set_new(o, "date", str(r->date));
        }
        if (r->command == CMD_REGISTER) json_object_set_new(o, "name", str(r->name));
    } else {
        json_object_set_new(o, "error", json_string(r->error ? r->error : "unknown_command"));
        if (r->suggestion[0]) json_object_set_new(o, "suggestion", str(r->suggestion));
    }
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}
