/* names.c: species, places and item lists as people read them
 * (see names.h). */
#include "gateway/core/names.h"
#include "gateway/core/numerals.h"
#include "parsers/places.h"
#include "parsers/species.h"

#include <stdio.h>
#include <string.h>

const char *species_name(const struct species *s, enum lang lang)
{
    if (!s)
        return "?";
    if (lang == LANG_RU && s->name_ru && *s->name_ru)
        return s->name_ru;
    if (lang == LANG_EN && s->name_en && *s->name_en)
        return s->name_en;
    return s->name_lv;
}

const char *place_name(const struct place *pl, enum lang lang)
{
    if (!pl)
        return "";
    if (lang == LANG_RU && pl->name_ru && *pl->name_ru)
        return pl->name_ru;
    return pl->name;
}

const char *municipality_name(const struct lexicon *lex, const char *municipality, enum lang lang)
{
    const struct place *pl = lex ? lexicon_place_by_name(lex, municipality) : NULL;
    return pl ? place_name(pl, lang) : municipality;
}

static void append_item(enum lang lang, const char *name, long count, char *out, size_t len)
{
    size_t used = strlen(out);
    const char *sep = used ? ", " : "";
    if (lang == LANG_LV)
        snprintf(out + used, len - used, "%s%s %ld gab.", sep, name, count);
    else if (lang == LANG_RU)
        snprintf(out + used, len - used, "%s%s %ld шт.", sep, name, count);
    else {
        char plural[160];
        if (count != 1)
            english_plural(name, plural, sizeof plural);
        snprintf(out + used, len - used, "%s%ld %s", sep, count, count == 1 ? name : plural);
    }
}

void format_items(enum lang lang, const struct parse_item *items, int n, char *out, size_t len)
{
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        append_item(lang, species_name(items[i].species, lang), items[i].count, out, len);
}

void format_plantings(const struct lexicon *lex, enum lang lang, const struct planting *pl, int n,
                      char *out, size_t len)
{
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        const struct species *s = lexicon_species_by_id(lex, pl[i].species);
        append_item(lang, s ? species_name(s, lang) : pl[i].species, pl[i].count, out, len);
    }
}

