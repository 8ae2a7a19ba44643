/* test_numerals.c: counts agree with their noun in every reply language, for
 * every count from 0 to 1001 (numerals.h), English species names take plurals,
 * and a reply never carries a double full stop. */
#include "gateway/core/numerals.h"
#include "gateway/core/replies.h"
#include "tests/test.h"

/* The expected Latvian noun, from the grammar's own words: a count ends in 1 but
 * not in 11 -> singular; 0 -> genitive plural; anything else -> plural. */
static const char *lv_expected(long n)
{
    if (n == 0)
        return "koku";
    char s[16];
    snprintf(s, sizeof s, "%ld", n);
    size_t l = strlen(s);
    bool ends_1 = s[l - 1] == '1';
    bool ends_11 = l >= 2 && s[l - 2] == '1' && s[l - 1] == '1';
    return ends_1 && !ends_11 ? "koks" : "koki";
}

static const char *ru_expected(long n)
{
    char s[16];
    snprintf(s, sizeof s, "%ld", n);
    size_t l = strlen(s);
    char last = s[l - 1];
    bool teen = l >= 2 && s[l - 2] == '1';   /* 10-19, 110-119, ... */
    if (teen)
        return "деревьев";
    if (last == '1')
        return "дерево";
    if (last == '2' || last == '3' || last == '4')
        return "дерева";
    return "деревьев";
}

TEST(numerals_agree_from_0_to_1001_in_every_language)
{
    for (long n = 0; n <= 1001; n++) {
        char got[64], want[64];
        trees_phrase(LANG_LV, n, got, sizeof got);
        snprintf(want, sizeof want, "%ld %s", n, lv_expected(n));
        if (strcmp(got, want))
            test_fail(__FILE__, __LINE__, "lv %ld: '%s', expected '%s'", n, got, want);
        trees_phrase(LANG_RU, n, got, sizeof got);
        snprintf(want, sizeof want, "%ld %s", n, ru_expected(n));
        if (strcmp(got, want))
            test_fail(__FILE__, __LINE__, "ru %ld: '%s', expected '%s'", n, got, want);
        trees_phrase(LANG_EN, n, got, sizeof got);
        snprintf(want, sizeof want, "%ld %s", n, n == 1 ? "tree" : "trees");
        if (strcmp(got, want))
            test_fail(__FILE__, __LINE__, "en %ld: '%s', expected '%s'", n, got, want);
    }
    /* the cases the volunteers saw */
    char out[64];
    trees_phrase(LANG_LV, 1, out, sizeof out);   CHECK_STR(out, "1 koks");
    trees_phrase(LANG_LV, 21, out, sizeof out);  CHECK_STR(out, "21 koks");
    trees_phrase(LANG_LV, 851, out, sizeof out); CHECK_STR(out, "851 koks");
    trees_phrase(LANG_LV, 111, out, sizeof out); CHECK_STR(out, "111 koki");
    trees_phrase(LANG_RU, 12, out, sizeof out);  CHECK_STR(out, "12 деревьев");
    trees_phrase(LANG_RU, 22, out, sizeof out);  CHECK_STR(out, "22 дерева");
    trees_phrase(LANG_RU, 1001, out, sizeof out); CHECK_STR(out, "1001 дерево");
}

TEST(english_species_names_take_plurals)
{
    char out[64];
    english_plural("oak", out, sizeof out);             CHECK_STR(out, "oaks");
    english_plural("pedunculate oak", out, sizeof out); CHECK_STR(out, "pedunculate oaks");
    english_plural("birch", out, sizeof out);           CHECK_STR(out, "birches");
    english_plural("ash", out, sizeof out);             CHECK_STR(out, "ashes");
    english_plural("bird cherry", out, sizeof out);     CHECK_STR(out, "bird cherries");
    english_plural("grey alder", out, sizeof out);      CHECK_STR(out, "grey alders");
}

TEST(a_reply_never_carries_a_double_full_stop)
{
    char err[256];
    struct replies *r = replies_load("config/replies.ini", err, sizeof err);
    CHECK(r != NULL);
    if (!r)
        return;
    char out[640];
    struct sms_info info;
    struct reply_var v[] = { { "items", "дуб 5 шт." }, { "points", "150" } };
    replies_render(r, LANG_RU, "cancelled", v, 2, out, sizeof out, &info);
    CHECK(strstr(out, "..") == NULL);
    CHECK(strstr(out, "шт. Ваши баллы") != NULL);
    replies_free(r);
}

/* Points take the same plural rule as trees (one function for SMS and USSD):
 * punkts/punkti/punktu, балл/балла/баллов, point/points. */
TEST(points_agree_from_0_to_1001_in_every_language)
{
    static const char *const lv_of[][2] = { { "koks", "punkts" }, { "koki", "punkti" },
                                            { "koku", "punktu" } };
    static const char *const ru_of[][2] = { { "дерево", "балл" }, { "дерева", "балла" },
                                            { "деревьев", "баллов" } };
    for (long n = 0; n <= 1001; n++) {
        char got[64], want[64];
        const char *lv = lv_expected(n), *ru = ru_expected(n);
        for (int k = 0; k < 3; k++) {
            if (!strcmp(lv, lv_of[k][0]))
                lv = lv_of[k][1];
            if (!strcmp(ru, ru_of[k][0]))
                ru = ru_of[k][1];
        }
        points_phrase(LANG_LV, n, got, sizeof got);
        snprintf(want, sizeof want, "%ld %s", n, lv);
        if (strcmp(got, want))
            test_fail(__FILE__, __LINE__, "lv %ld: '%s', expected '%s'", n, got, want);
        points_phrase(LANG_RU, n, got, sizeof got);
        snprintf(want, sizeof want, "%ld %s", n, ru);
        if (strcmp(got, want))
            test_fail(__FILE__, __LINE__, "ru %ld: '%s', expected '%s'", n, got, want);
        points_phrase(LANG_EN, n, got, sizeof got);
        snprintf(want, sizeof want, "%ld %s", n, n == 1 ? "point" : "points");
        if (strcmp(got, want))
            test_fail(__FILE__, __LINE__, "en %ld: '%s', expected '%s'", n, got, want);
    }
    char out[64];
    points_phrase(LANG_LV, 0, out, sizeof out);   CHECK_STR(out, "0 punktu");
    points_phrase(LANG_LV, 21, out, sizeof out);  CHECK_STR(out, "21 punkts");
    points_phrase(LANG_RU, 22, out, sizeof out);  CHECK_STR(out, "22 балла");
    points_phrase(LANG_RU, 11, out, sizeof out);  CHECK_STR(out, "11 баллов");
    points_phrase(LANG_EN, 1, out, sizeof out);   CHECK_STR(out, "1 point");
}
