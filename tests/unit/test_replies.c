/* test_replies.c: every reply template, rendered with worst-case values (the
 * longest species and place names, 7-digit totals, a long name with diacritics),
 * fits ONE SMS segment and one line, in lv, ru and en. */
#include "gateway/core/numerals.h"
#include "gateway/core/replies.h"
#include "parsers/parse.h"
#include "tests/test.h"
#include "parsers/lexicon.h"
#include "parsers/names.h"
#include "parsers/species.h"

#include <stdlib.h>

/* the longest value of column `col` in a TSV file with a header line */
static void longest_in_column(const char *path, const char *col, char *out, size_t len)
{
    FILE *f = fopen(path, "r");
    out[0] = '\0';
    if (!f)
        return;
    char line[8192];
    int idx = -1;
    if (fgets(line, sizeof line, f)) {
        int i = 0;
        for (char *save = NULL, *t = strtok_r(line, "\t\n", &save); t; t = strtok_r(NULL, "\t\n", &save), i++)
            if (!strcmp(t, col))
                idx = i;
    }
    size_t best = 0;
    while (idx >= 0 && fgets(line, sizeof line, f)) {
        char *p = line;
        for (int i = 0; i < idx && p; i++) {
            p = strchr(p, '\t');
            if (p)
                p++;
        }
        if (!p)
            continue;
        size_t n = strcspn(p, "\t\n");
        if (n > best && n < len) {
            best = n;
            memcpy(out, p, n);
            out[n] = '\0';
        }
    }
    fclose(f);
}

static const char *longest_species(const struct lexicon *lex, enum lang l)
{
    const char *best = "";
    for (size_t i = 0; i < lexicon_species_count(lex); i++) {
        const struct species *s = lexicon_species_at(lex, i);
        const char *n = l == LANG_RU ? s->name_ru : l == LANG_EN ? s->name_en : s->name_lv;
        if (n && strlen(n) > strlen(best))
            best = n;
    }
    return best;
}

TEST(every_reply_fits_one_segment_with_worst_case_values)
{
    char err[256];
    struct replies *r = replies_load("config/replies.ini", err, sizeof err);
    CHECK(r != NULL);
    struct lexicon *lex = lexicon_load("config/species.tsv", "config/places.tsv", err, sizeof err);
    CHECK(lex != NULL);
    if (!r || !lex)
        return;
    char place[256];
    longest_in_column("config/places.tsv", "name", place, sizeof place);
    CHECK(strlen(place) > 10);
    /* ask back: three municipalities by digit, the longest stem each time */
    char muni[64], choices[256];
    longest_in_column("config/places.tsv", "municipality", muni, sizeof muni);
    char *nov = strstr(muni, " novads");
    if (nov)
        *nov = '\0';
    snprintf(choices, sizeof choices, "1 %s, 2 %s, 3 %s", muni, muni, muni);
    const enum lang langs[] = { LANG_LV, LANG_RU, LANG_EN };
    for (int li = 0; li < 3; li++) {
        enum lang l = langs[li];
        char items[800];
        /* the longest single item, and a three-species report */
        const char *unit = l == LANG_LV ? " 10000 gab." : l == LANG_RU ? " 10000 шт." : "";
        char one[256], three[800];
        snprintf(one, sizeof one, "%s%s%s", l == LANG_EN ? "10000 " : "", longest_species(lex, l), unit);
        snprintf(three, sizeof three, "%s, %s, %s", one, one, one);
        char trees[64], total[64];
        trees_phrase(l, 30000, trees, sizeof trees);
        trees_phrase(l, 9999999, total, sizeof total);  /* "9999999 деревьев": the longest form */
        for (int variant = 0; variant < 2; variant++) {
            snprintf(items, sizeof items, "%s", variant ? three : one);
            struct reply_var vars[] = {
                { "items", items }, { "trees", trees }, { "place", place },
                { "municipality", place }, { "total", total }, { "points", "9999999" },
                { "name", ", Ņina Ķirse-Bērziņa Ābeltiņa" }, { "suggestion", "smiltsērkšķis" },
                { "example", "KOKS 12 OZOLS Cesis" }, { "max", "10000" }, { "review_no", "99999" },
                { "reason", "skaits nav ticams, lūdzu sazinies ar mums" },
                { "tries", "4" }, { "id", "99999" }, { "recipients", "999999" },
                { "segments", "2" }, { "parts", "1999998" }, { "eta", "23 h 59 min" },
                { "over", "999999" }, { "sent", "999999" }, { "failed", "999999" },
                { "waiting", "999999" }, { "state", "pauze līdz 09:00" }, { "until", "09:00" },
                { "choices", choices },
            };
            for (int k = 0; reply_keys[k]; k++) {
                char out[640];
                struct sms_info info;
                bool fits = replies_render(r, l, reply_keys[k], vars, 25, out, sizeof out, &info);
                if (!fits || info.segments != 1)
                    test_fail(__FILE__, __LINE__, "[%s] %s: %d segments (%s, %d units): %s",
                              lang_code(l), reply_keys[k], info.segments,
                              sms_encoding_name(info.encoding), info.units, out);
                CHECK(strchr(out, '\n') == NULL);
                if (l == LANG_RU && strcmp(reply_keys[k], "stopped") && strcmp(reply_keys[k], "started"))
                    CHECK(info.encoding == SMS_UCS2); /* Russian stays Cyrillic */
            }
        }
    }
    lexicon_free(lex);
    replies_free(r);
}

TEST(latvian_reply_keeps_diacritics_when_it_fits_70)
{
    char err[256];
    struct replies *r = replies_load("config/replies.ini", err, sizeof err);
    CHECK(r != NULL);
    if (!r)
        return;
    char out[640];
    struct sms_info info;
    struct reply_var vars[] = { { "name", "Ilze" } };
    CHECK(replies_render(r, LANG_LV, "registered", vars, 1, out, sizeof out, &info));
    CHECK_STR(out, "Paldies, Ilze! Vārds saglabāts.");
    CHECK_INT(info.encoding, SMS_UCS2);
    /* a long one is folded to GSM-7 instead of being split */
    CHECK(replies_render(r, LANG_LV, "help", NULL, 0, out, sizeof out, &info));
    CHECK_INT(info.encoding, SMS_GSM7);
    CHECK_INT(info.segments, 1);
    CHECK_STR(out, "Sutiet: KOKS skaits suga vieta, piem. KOKS 12 OZOLS Cesis. PUNKTI - Jusu punkti. "
                   "ATCELT - atcelt pedejo. STOP - bez atgadinajumiem. Vairak: ? 2");
    replies_free(r);
}

TEST(a_missing_variant_never_switches_language)
{
    char err[256];
    struct replies *r = replies_load("config/replies.ini", err, sizeof err);
    if (!r)
        return;
    char out[640];
    struct sms_info info;
    replies_render(r, LANG_EN, "registered", (struct reply_var[]){ { "name", "Bob" } }, 1, out,
                   sizeof out, &info);
    CHECK_STR(out, "Thank you, Bob! Name saved.");
    replies_free(r);
}
