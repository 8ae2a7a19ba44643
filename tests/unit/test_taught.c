/* test_taught.c: words staff taught (parsers/taught.h) in a lexicon: a taught
 * alias of a species, a place and a command parses; the shipped lists alone do
 * not; what a word already means is named; a target not in the lists is skipped;
 * a report that fails keeps what it showed (found_*) for staff's forms. */
#include "tests/test.h"
#include "parsers/grammar.h"
#include "parsers/lexicon.h"
#include "parsers/taught.h"

#include <stdio.h>
#include <string.h>

#define NOW ((time_t)1778839200)

static const struct taught_word words[] = {
    { "Smilgas", TAUGHT_SPECIES, "quercus_robur" },
    { "Mežciemiņš", TAUGHT_PLACE, "Cēsis" },
    { "rezultāts", TAUGHT_COMMAND, "points" },
    { "nekas", TAUGHT_SPECIES, "no_such_species" },
};

static struct lexicon *load(size_t n, size_t *skipped)
{
    char err[256];
    struct lexicon *l = lexicon_load_taught("config/species.tsv", "config/places.tsv", words, n,
                                            skipped, err, sizeof err);
    if (!l) test_fail(__FILE__, __LINE__, "lexicon_load_taught: %s", err);
    return l;
}

static void parse(const struct lexicon *l, const char *text, struct parse_result *r)
{
    parse_text(l, text, strlen(text), NOW, NULL, r);
}

TEST(taught_words_parse)
{
    size_t skipped = 0;
    struct lexicon *plain = load(0, NULL), *taught = load(4, &skipped);
    struct parse_result r;
    CHECK(skipped == 1);
    parse(plain, "KOKS 5 SMILGAS Cēsis", &r);
    CHECK(!r.ok && r.error && !strcmp(r.error, "unknown_species"));
    parse(taught, "KOKS 5 SMILGAS Cēsis", &r);
    CHECK(r.ok && r.nitems == 1 && !strcmp(r.items[0].species->id, "quercus_robur"));
    parse(taught, "KOKS 5 OZOLS Mežciemiņš", &r);
    CHECK(r.ok && r.place && !strcmp(r.place->name, "Cēsis"));
    parse(taught, "REZULTĀTS", &r);
    CHECK(r.ok && r.command == CMD_POINTS);
    lexicon_free(plain);
    lexicon_free(taught);
}

TEST(taught_word_meaning)
{
    struct lexicon *l = load(1, NULL);
    char what[128];
    CHECK(taught_meaning(l, "ozols", what, sizeof what) && !strncmp(what, "species ", 8));
    CHECK(taught_meaning(l, "Cēsis", what, sizeof what) && !strcmp(what, "place Cēsis"));
    CHECK(taught_meaning(l, "PUNKTI", what, sizeof what) && !strcmp(what, "command points"));
    CHECK(taught_meaning(l, "smilgas", what, sizeof what) && !strcmp(what, "species quercus_robur"));
    CHECK(!taught_meaning(l, "zaļkrūms", what, sizeof what));
    CHECK(taught_command("stop") == CMD_STOP && taught_command("nothing") == CMD_UNKNOWN);
    lexicon_free(l);
}

TEST(failed_report_keeps_what_it_found)
{
    struct lexicon *l = load(0, NULL);
    struct parse_result r;
    parse(l, "KOKS 5 OZOLS Mežciemiņš", &r);
    CHECK(!r.ok && r.nitems == 0 && r.found_count == 5 && r.found_species &&
          !strcmp(r.found_species->id, "quercus_robur") && !r.found_place);
    parse(l, "KOKS 7 SMILGAS Cēsis", &r);
    CHECK(!r.ok && r.found_count == 7 && r.found_place && !strcmp(r.found_place->name, "Cēsis"));
    lexicon_free(l);
}
