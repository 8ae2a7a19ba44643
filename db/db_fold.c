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

/* shown_text(X): X as text for a page, each NUL byte as U+2400 "␀" (a raw text
 * is stored verbatim: a C string would end at its first NUL and hide the rest) */
static void shown_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const unsigned char *s = sqlite3_value_blob(argv[0]);
    int n = sqlite3_value_bytes(argv[0]);
    int nul = 0;
    for (int i = 0; i < n; i++)
        nul += s[i] == 0;
    char *out = sqlite3_malloc64((sqlite3_uint64)n + 2 * (sqlite3_uint64)nul + 1);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (s[i])
            out[k++] = (char)s[i];
        else
            memcpy(out + k, "\xe2\x90\x80", 3), k += 3;
    }
    sqlite3_result_text(ctx, out, k, sqlite3_free);
}

bool db_fold_register(sqlite3 *h)
{
    sqlite3_create_function(h, "shown_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            shown_text, NULL, NULL);
    return sqlite3_create_function_v2(h, "talka_fold", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                      fold_fn, NULL, NULL, NULL) == SQLITE_OK;
}
