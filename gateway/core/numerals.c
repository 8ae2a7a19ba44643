/* numerals.c: counts with agreeing nouns (see numerals.h). */
#include "gateway/core/numerals.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int numeral_form(enum lang lang, long n)
{
    long a = n < 0 ? -n : n;
    long d = a % 10, dd = a % 100;
    switch (lang) {
    case LANG_LV:
        if (a == 0)
            return 2;                        /* 0 koku */
        return d == 1 && dd != 11 ? 0 : 1;   /* 1, 21, 101 koks; 11 koki */
    case LANG_RU:
        if (d == 1 && dd != 11)
            return 0;                        /* 1, 21 дерево */
        if (d >= 2 && d <= 4 && (dd < 12 || dd > 14))
            return 1;                        /* 2-4, 22-24 дерева */
        return 2;                            /* 0, 5-20, 11-14 деревьев */
    case LANG_EN:
    default:
        return a == 1 ? 0 : 1;
    }
}

void trees_phrase(enum lang lang, long n, char *out, size_t len)
{
    static const char *const words[3][3] = {
        [LANG_LV] = { "koks", "koki", "koku" },
        [LANG_RU] = { "дерево", "дерева", "деревьев" },
        [LANG_EN] = { "tree", "trees", "trees" },
    };
    int l = lang == LANG_RU ? LANG_RU : lang == LANG_EN ? LANG_EN : LANG_LV;
    snprintf(out, len, "%ld %s", n, words[l][numeral_form(lang, n)]);
}

void points_phrase(enum lang lang, long n, char *out, size_t len)
{
    static const char *const words[3][3] = {
        [LANG_LV] = { "punkts", "punkti", "punktu" },
        [LANG_RU] = { "балл", "балла", "баллов" },
        [LANG_EN] = { "point", "points", "points" },
    };
    int l = lang == LANG_RU ? LANG_RU : lang == LANG_EN ? LANG_EN : LANG_LV;
    snprintf(out, len, "%ld %s", n, words[l][numeral_form(lang, n)]);
}

void english_plural(const char *name, char *out, size_t len)
{
    size_t n = strlen(name);
    const char *end = name + n;
    bool vowel_y = n >= 2 && strchr("aeiou", end[-2]);
    if (n >= 1 && end[-1] == 'y' && !vowel_y)                      /* cherry -> cherries */
        snprintf(out, len, "%.*sies", (int)(n - 1), name);
    else if ((n >= 1 && (end[-1] == 's' || end[-1] == 'x' || end[-1] == 'z')) ||
             (n >= 2 && (!strcmp(end - 2, "sh") || !strcmp(end - 2, "ch"))))
        snprintf(out, len, "%ses", name);                          /* birch -> birches */
    else
        snprintf(out, len, "%ss", name);
}
