/* test_parse_text.c: unit tests of the parser's lower layers: UTF-8 decoding,
 * folding and homoglyphs (tokens), number words, dates, edit distance. */
#include "parsers/dates.h"
#include "parsers/fuzzy.h"
#include "parsers/normalize.h"
#include "parsers/numbers.h"
#include "parsers/tokens.h"
#include "tests/test.h"

#include <stdlib.h>
#include <time.h>

static const char *tok(const struct tokens *t, int i)
{
    return i < t->n ? t->t[i].s : "(none)";
}

TEST(parse_utf8_decode)
{
    int32_t cp;
    CHECK_INT(pz_utf8_decode((const unsigned char *)"\xc4\x81", 2, &cp), 2);
    CHECK_INT(cp, 0x101);
    CHECK_INT(pz_utf8_decode((const unsigned char *)"\xc0\x80", 2, &cp), 1);    /* overlong */
    CHECK_INT(cp, -1);
    CHECK_INT(pz_utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp), 1); /* surrogate */
    CHECK_INT(cp, -1);
    CHECK_INT(pz_utf8_decode((const unsigned char *)"\xe2\x82", 2, &cp), 1);     /* truncated */
    CHECK_INT(cp, -1);
    char out[16];
    CHECK_INT(pz_utf8_sanitize("a\xff\x00 b\n", 6, out, sizeof out), 3);
    CHECK_STR(out, "a b");
}

TEST(parse_tokens_fold)
{
    static struct tokens t;
    pz_tokenize("KOKS 12 ĀBELES Cēsīs", 24, &t);
    CHECK_INT(t.n, 4);
    CHECK_STR(tok(&t, 0), "koks");
    CHECK_STR(tok(&t, 2), "abeles");
    CHECK_STR(tok(&t, 3), "cesis");
    pz_tokenize("ЁЛКИ Ёлка", 17, &t);
    CHECK_STR(tok(&t, 0), "елки");
    CHECK_STR(tok(&t, 1), "елка");
}

TEST(parse_tokens_split_and_homoglyphs)
{
    static struct tokens t;
    pz_tokenize("KOKS6 6gab. 2O l2 KOKS;", 23, &t);
    CHECK_INT(t.n, 7);
    CHECK_STR(tok(&t, 0), "koks");
    CHECK_STR(tok(&t, 1), "6");
    CHECK_STR(tok(&t, 2), "6");
    CHECK_STR(tok(&t, 3), "gab");
    CHECK_STR(tok(&t, 4), "20");
    CHECK_STR(tok(&t, 5), "12");
    CHECK_STR(tok(&t, 6), "koks");
    /* Cyrillic К and О inside a Latin word, Latin o inside a Russian one */
    const char *mix = "\xd0\x9a\xd0\x9eKS \xd0\xb4\xd1\x83\x62";
    pz_tokenize(mix, strlen(mix), &t);
    CHECK_STR(tok(&t, 0), "koks");
    CHECK_STR(tok(&t, 1), "дув");
    pz_tokenize("01.06 2026-06-01 10:30 lO", 25, &t);
    CHECK_INT(t.t[0].kind, T_NUMX);
    CHECK_STR(tok(&t, 1), "2026-06-01");
    CHECK_STR(tok(&t, 2), "10:30");
    CHECK_STR(tok(&t, 3), "lo");          /* no digit: letters stay letters */
}

TEST(parse_numbers_combine)
{
    struct numacc a;
    pz_num_start(&a);
    CHECK(pz_num_feed(&a, 20));
    CHECK(pz_num_feed(&a, 5));
    CHECK_INT(pz_num_value(&a), 25);
    CHECK(!pz_num_feed(&a, 3));
    pz_num_start(&a);
    pz_num_feed(&a, 2);
    CHECK(pz_num_feed(&a, 100));
    CHECK(pz_num_feed(&a, 50));
    CHECK_INT(pz_num_value(&a), 250);
    pz_num_start(&a);
    pz_num_feed(&a, 5);
    CHECK(!pz_num_feed(&a, 20));           /* "pieci divdesmit" is two numbers */
    pz_num_start(&a);
    pz_num_feed(&a, 12);
    CHECK(!pz_num_feed(&a, 3));
}

TEST(parse_dates_calendar)
{
    int y, m, d;
    CHECK_INT(pz_days_from_civil(1970, 1, 1), 0);
    pz_civil_from_days(pz_days_from_civil(2024, 2, 29), &y, &m, &d);
    CHECK_INT(y * 10000 + m * 100 + d, 20240229);
    CHECK(pz_date_valid(2024, 2, 29));
    CHECK(!pz_date_valid(2026, 2, 29));
    CHECK(!pz_date_valid(2026, 13, 1));
    /* the process's zone decides: main() set Europe/Riga (localtime_setup)
     * before any thread.
     * 2026-05-15 21:30 UTC is already the 16th in Riga (UTC+3 in summer) */
    pz_civil_date(1778880600, &y, &m, &d);
    CHECK_INT(y * 10000 + m * 100 + d, 20260516);
    /* 2026-01-15 22:30 UTC: winter, UTC+2 → the 16th */
    pz_civil_date(1768516200, &y, &m, &d);
    CHECK_INT(y * 10000 + m * 100 + d, 20260116);
    /* a process in UTC (no other thread runs while a test does) */
    setenv("TZ", "UTC", 1);
    tzset();
    pz_civil_date(1778880600, &y, &m, &d);
    CHECK_INT(y * 10000 + m * 100 + d, 20260515);
    setenv("TZ", "Europe/Riga", 1);
    tzset();
    pz_civil_date(1778880600, &y, &m, &d);
    CHECK_INT(y * 10000 + m * 100 + d, 20260516);
}

TEST(parse_edit_distance)
{
    const unsigned char *a = (const unsigned char *)"berzs", *b = (const unsigned char *)"bezs";
    CHECK_INT(pz_osa_distance(a, 5, b, 4, 3), 1);
    CHECK_INT(pz_osa_distance((const unsigned char *)"ab", 2, (const unsigned char *)"ba", 2, 3), 1);
    CHECK_INT(pz_osa_distance((const unsigned char *)"abcdef", 6, (const unsigned char *)"zzzzzz", 6, 2), 3);
}
