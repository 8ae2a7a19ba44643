/* lang.c: language codes (see lang.h). */
#include "gateway/base/lang.h"

#include <string.h>

static const char *const codes[LANG_COUNT] = { [LANG_LV] = "lv", [LANG_RU] = "ru",
                                               [LANG_EN] = "en" };

const char *lang_code(enum lang l)
{
    return (int)l >= 0 && (int)l < LANG_COUNT ? codes[l] : codes[LANG_LV];
}

enum lang lang_from_code(const char *code)
{
    for (int l = 0; code && l < LANG_COUNT; l++)
        if (!strcmp(code, codes[l]))
            return (enum lang)l;
    return LANG_LV;
}
