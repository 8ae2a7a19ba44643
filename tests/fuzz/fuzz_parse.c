/* fuzz_parse.c: libFuzzer harness for the parser. Loads the shipped lists once,
 * then parses every input (any bytes) and renders the result as JSON, checking
 * the invariants: a known command, an error exactly when not ok, items only for a
 * valid report or one to ask back about (then a plant, with its place or two or
 * three choices), valid JSON text. Built by `make build/fuzz/fuzz-parse`. */
#include "parsers/parse.h"
#include "parsers/grammar.h"
#include "parsers/json.h"
#include "parsers/lexicon.h"
#include "parsers/names.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct lexicon *lex;

static void unload(void)
{
    lexicon_free(lex);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[512];
    (void)argc; (void)argv;
    /* the parser reads dates in the process's local zone: Riga's, set before
     * libFuzzer starts any thread */
    setenv("TZ", "Europe/Riga", 1);
    tzset();
    lex = lexicon_load("config/species.tsv", "config/places.tsv", err, sizeof err);
    if (!lex) {
        fprintf(stderr, "fuzz-parse: %s (run from the repository root)\n", err);
        exit(2);
    }
    atexit(unload);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct parse_result r;
    parse_text(lex, (const char *)data, size, (time_t)1778839200, NULL, &r);
    if (r.ok == (r.error != NULL)) abort();
    if (strcmp(command_name(r.command), "unknown") == 0 && r.ok) abort();
    if (r.nitems < 0 || r.nitems > PARSE_MAX_ITEMS) abort();
    if (r.ok && r.confirm) abort();
    if (!r.ok && !r.confirm && (r.nitems || r.place || r.nchoices)) abort();
    if (r.confirm && (r.command != CMD_PLANT || r.nitems == 0)) abort();
    if (r.confirm && (r.nchoices ? r.nchoices < 2 || r.nchoices > PARSE_MAX_CHOICES || r.place
                                 : !r.place)) abort();
    for (int i = 0; i < r.nchoices; i++)
        if (!r.choices[i]) abort();
    if (r.ok && r.command == CMD_PLANT && (r.nitems == 0 || !r.place)) abort();
    for (int i = 0; i < r.nitems; i++)
        if (!r.items[i].species || r.items[i].count < 1 || r.items[i].count > 10000) abort();
    char *j = parse_result_json(&r);
    if (!j || j[0] != '{' || strchr(j, '\n')) abort();
    free(j);
    return 0;
}
