/* test_parse_askback.c: unit tests of what issue 16 taught the parser: the
 * Cyrillic-to-Latvian reading, minus signs and ranges in tokens, what a result
 * to ask back about holds, answers and plain-word questions, sign-offs. */
#include "parsers/grammar.h"
#include "parsers/lexicon.h"
#include "parsers/parse.h"
#include "parsers/tokens.h"
#include "parsers/translit.h"
#include "tests/test.h"

#include <string.h>
#include <time.h>

static struct lexicon *lex(void)
{
    static struct lexicon *l;
    char err[256];
    if (!l) l = lexicon_load("config/species.tsv", "config/places.tsv", err, sizeof err);
    if (!l) test_fail(__FILE__, __LINE__, "lexicon_load: %s", err);
    return l;
}

static void parse(const char *text, struct parse_result *r)
{
    parse_text(lex(), text, strlen(text), (time_t)1778839200, NULL, r);   /* 2026-05-15 */
}

TEST(translit_reads_latvian_in_cyrillic)
{
    char out[128];
    const char *in = "КОКС 12 озолс Цесис, клява, иестадиям, Елгава, шодиен";
    CHECK(pz_has_cyrillic(in, strlen(in)));
    CHECK(!pz_has_cyrillic("KOKS 12 ozols Cēsis", 20));
    pz_translit_lv(in, strlen(in), out, sizeof out);
    CHECK_STR(out, "koks 12 ozols cesis, klava, iestadijam, jelgava, sodien");
    /* a small buffer: cut whole, NUL-terminated */
    CHECK_INT((int)pz_translit_lv("щщщщ", 8, out, 3), 2);
    CHECK_STR(out, "ss");
}

TEST(tokens_keep_a_minus_before_a_number)
{
    static struct tokens t;
    const char *in = "KOKS -5 ozoli, Cēsis-2 10-12 −3";
    pz_tokenize(in, strlen(in), &t);
    CHECK_INT(t.n, 7);
    CHECK_INT(t.t[1].neg, 1);          /* -5 */
    CHECK_INT(t.t[4].neg, 0);          /* Cēsis-2: a dash between a word and a number */
    CHECK_INT(t.t[5].kind, T_NUMX);    /* 10-12 */
    CHECK_INT(t.t[6].neg, 1);          /* U+2212 minus */
}

TEST(parse_asks_back_with_the_guess)
{
    struct parse_result r;
    parse("KOKS 12 OZOLSSSS Cesis", &r);
    CHECK(!r.ok);
    CHECK_STR(r.error, "unknown_species");
    CHECK_STR(r.confirm, "guess");
    CHECK_INT(r.nitems, 1);
    CHECK_INT(r.items[0].count, 12);
    CHECK(r.place != NULL);
    parse("KOKS 10-12 OZOLI Cesis", &r);
    CHECK_STR(r.error, "count_range");
    CHECK_STR(r.confirm, "range");
    CHECK_INT(r.items[0].count, 10);
    parse("KOKS 3 liepas Sala", &r);
    CHECK_STR(r.error, "ambiguous_place");
    CHECK_STR(r.confirm, "choice");
    CHECK_INT(r.nchoices, 2);
    CHECK(r.place == NULL);
    CHECK(r.choices[0] && r.choices[1] && strcmp(r.choices[0]->municipality, r.choices[1]->municipality));
    parse("KOKS -5 OZOLI Cesis", &r);   /* a sign is never asked about: refused */
    CHECK_STR(r.error, "count_out_of_range");
    CHECK(r.confirm == NULL);
    parse("KOKS 12 OZOLSSSS", &r);      /* a guess with another problem: the problem */
    CHECK(r.confirm == NULL);
    CHECK_INT(r.nitems, 0);
}

TEST(parse_answers_questions_and_signoffs)
{
    struct parse_result r;
    parse("Jā!", &r);
    CHECK(r.ok);
    CHECK_INT(r.command, CMD_YES);
    parse("нет", &r);
    CHECK_INT(r.command, CMD_NO);
    CHECK_INT(r.lang, LANG_RU);
    parse("Jā, 5 ozoli Cēsīs", &r);
    CHECK_INT(r.command, CMD_PLANT);
    CHECK(r.ok);
    parse("cik man punktu?", &r);
    CHECK_INT(r.command, CMD_POINTS);
    parse("how does this work", &r);
    CHECK_INT(r.command, CMD_HELP);
    CHECK_INT(r.lang, LANG_EN);
    parse("Sveiki, kā iet?", &r);
    CHECK_STR(r.error, "unknown_command");
    parse("Iestādījām 3 ozolus pie mājas. Ar cieņu, Anna", &r);
    CHECK_STR(r.error, "missing_place");
    parse("кокс 5 озоли Цесис", &r);
    CHECK(r.ok);
    CHECK(r.translit);
    CHECK_INT(r.lang, LANG_LV);
}

/* Issue 23, the dialogue: a range in words, its upper count and item. */
TEST(parse_range_in_words_keeps_both_counts)
{
    static const char *const texts[] = { "KOKS 8 līdz 10 LIEPAS Talsi", "посадил от 8 до 10 лип в Талси",
                                         "planted 8 to 10 limes in Talsi", "KOKS 8-10 LIEPAS Talsi",
                                         "KOKS 8 - 10 LIEPAS Talsi" };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        struct parse_result r;
        parse(texts[k], &r);
        CHECK_STR(r.confirm ? r.confirm : "", "range");
        CHECK_INT((int)r.items[0].count, 8);
        CHECK_INT((int)r.range_hi, 10);
        CHECK_INT(r.range_item, 0);
    }
    struct parse_result r;
    parse("KOKS 3 ozoli 5 līdz 7 liepas Ogre", &r);   /* the second item is the range */
    CHECK_STR(r.confirm ? r.confirm : "", "range");
    CHECK_INT(r.range_item, 1);
    CHECK_INT((int)r.range_hi, 7);
    parse("KOKS 10 līdz 8 LIEPAS Talsi", &r);         /* downwards: no range */
    CHECK(r.confirm == NULL);
}

/* A count alone answers "how many exactly?"; a report names its parts. */
TEST(parse_notes_a_lone_count_and_the_parts)
{
    static const struct { const char *text; long n; } lone[] = {
        { "10", 10 }, { "nē, 10", 10 }, { "10 gab.", 10 }, { "desmit", 10 }, { "десять", 10 },
        { "ten", 10 }, { "apmēram 7", 7 }, { "0", 0 } };
    for (size_t k = 0; k < sizeof lone / sizeof lone[0]; k++) {
        struct parse_result r;
        parse(lone[k].text, &r);
        CHECK(r.count_only);
        CHECK_INT((int)r.count_value, (int)lone[k].n);
    }
    struct parse_result r;
    parse("7 vai 8", &r);
    CHECK(!r.count_only);
    parse("5 ozoli", &r);
    CHECK(!r.count_only);
    parse("koks 4 liepas", &r);
    CHECK_INT((int)r.parts, (int)(PART_COUNT | PART_SPECIES));
    parse("koks 5 Ogre", &r);
    CHECK_INT((int)r.parts, (int)(PART_COUNT | PART_PLACE));
    parse("koks liepas Talsi", &r);
    CHECK_INT((int)r.parts, (int)(PART_SPECIES | PART_PLACE));
}
