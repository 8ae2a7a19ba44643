/* db_fold.c: SQL functions talka adds to each connection (see db_fold.h). */
#include "db/db_fold.h"

#include "gateway/base/sms_text.h"

#include <stdlib.h>
#include <string.h>

/* talka_fold(text): text with Latvian and other Latin diacritics folded to ASCII
 * (Bērziņa → Berzina), by the same table as the SMS folding, so a name typed
 * without diacritics finds the one stored with them (LIKE ignores ASCII case). */
static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (!s) {
        sqlite3_result_null(ctx);
        return;
    }
    size_t n = strlen(s) + 1;
    bool ascii = true;
    for (const unsigned char *p = (const unsigned char *)s; *p && ascii; p++)
        ascii = *p < 0x80;
    if (ascii) {   /* nothing to fold: the value as it is, without a copy */
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    char *out = malloc(n);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sms_fold_latvian(s, out, n);
    sqlite3_result_text(ctx, out, -1, free);
}

bool db_fold_register(sqlite3 *h)
{
    return sqlite3_create_function_v2(h, "talka_fold", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                      fold_fn, NULL, NULL, NULL) == SQLITE_OK;
}
