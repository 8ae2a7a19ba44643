/* test_ussd_screens.c: config/ussd.ini has every screen in lv, ru and en, and
 * each fits one USSD screen (lv/en folded GSM-7 <= 160, ru Cyrillic <= 70 or
 * transliterated <= 160) with long values filled in; transliteration. */
#include "gateway/base/sms_text.h"
#include "gateway/ussd/ussd_screens.h"
#include "gateway/ussd/ussd_translit.h"
#include "tests/test.h"
#include "parsers/names.h"

static const struct reply_var long_vars[] = {
    { "species", "ozols" }, { "count", "10000" }, { "place", "Cēsis" },
    { "points", "123456 punktu" }, { "number", "+37129990000" }, { "min", "1" }, { "max", "10000" },
    { "choices", "\n1 Jēkabpils\n2 Mārupes\n3 Aizkraukles" },   /* as on a Cyrillic screen */
};

static void check_all(bool translit)
{
    char err[512] = "";
    struct ussd_screens *s = ussd_screens_load("config/ussd.ini", translit, err, sizeof err);
    CHECK(s != NULL);
    if (!s) {
        printf("    %s\n", err);
        return;
    }
    static const enum lang langs[] = { LANG_LV, LANG_RU, LANG_EN };
    for (int l = 0; l < 3; l++) {
        for (const char *const *k = ussd_screen_keys; *k; k++) {
            char filled[USSD_SCREEN_MAX], out[USSD_SCREEN_MAX];
            ussd_screen_fill(s, langs[l], *k, long_vars, 8, filled, sizeof filled);
            bool fits = ussd_screen_finish(s, langs[l], filled, out, sizeof out);
            if (!fits)
                printf("    [%s] %s does not fit: %s\n", lang_code(langs[l]), *k, out);
            CHECK(fits);
            CHECK(strchr(out, '{') == NULL);
            if (langs[l] != LANG_RU || translit)
                CHECK(sms_is_gsm7(out));
        }
    }
    ussd_screens_free(s);
}

TEST(ussd_screens_fit_cyrillic)
{
    check_all(false);
}

TEST(ussd_screens_fit_translit)
{
    check_all(true);
}

TEST(ussd_screen_finish_folds_and_limits)
{
    char err[512];
    struct ussd_screens *s = ussd_screens_load("config/ussd.ini", false, err, sizeof err);
    CHECK(s != NULL);
    if (!s)
        return;
    char out[USSD_SCREEN_MAX];
    CHECK(ussd_screen_finish(s, LANG_LV, "Reģistrēt kokus: ŠĶŪŅ", out, sizeof out));
    CHECK_STR(out, "Registret kokus: SKUN");
    /* a character outside GSM-7 in a Latvian screen becomes '?' */
    CHECK(ussd_screen_finish(s, LANG_EN, "oak \xe2\x98\x83", out, sizeof out));
    CHECK_STR(out, "oak ?");
    char longtext[400];
    memset(longtext, 'a', 200);
    longtext[200] = '\0';
    CHECK(!ussd_screen_finish(s, LANG_EN, longtext, out, sizeof out));
    ussd_screen_clip(s, LANG_EN, out);
    CHECK_INT(strlen(out), 160);
    /* Cyrillic: 70 characters */
    char cyr[400] = "";
    for (int i = 0; i < 80; i++)
        strcat(cyr, "д");
    CHECK(!ussd_screen_finish(s, LANG_RU, cyr, out, sizeof out));
    ussd_screen_clip(s, LANG_RU, out);
    struct sms_info info;
    sms_measure(out, &info);
    CHECK_INT(info.units, 70);
    CHECK_INT(ussd_screen_limit(s, LANG_RU), 70);
    ussd_screens_free(s);
}

TEST(ussd_screens_missing_key_is_an_error)
{
    char path[512], err[512] = "";
    snprintf(path, sizeof path, "%s/ussd-missing.ini", test_tmpdir());
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("[lv]\nmain = x\n[ru]\nmain = y\n[en]\nmain = z\n", f);
    fclose(f);
    CHECK(ussd_screens_load(path, false, err, sizeof err) == NULL);
    CHECK(strstr(err, "species") != NULL);
}

TEST(ussd_translit_russian)
{
    char out[128];
    ussd_translit_ru("Дуб, берёза, ель; Щука Юрмала", out, sizeof out);
    CHECK_STR(out, "Dub, bereza, el; Shchuka Yurmala");
    ussd_translit_ru("черёмуха", out, sizeof out);
    CHECK_STR(out, "cheremukha");
    ussd_translit_ru("Cēsis", out, sizeof out);
    CHECK_STR(out, "Cēsis");
    ussd_translit_ru("жжжжжж", out, 6);
    CHECK_STR(out, "zhzh");
}
