/* test_kannel_text.c: Kannel's texts into UTF-8: UCS-2 (coding 2) as UTF-16BE,
 * UTF-8 and 8-bit data kept, another named charset converted, bytes that are not
 * in the named charset refused. */
#include "gateway/kannel/kannel_text.h"
#include "tests/test.h"

#include <stdlib.h>

TEST(kannel_text_ucs2_latvian_and_russian)
{
    /* "Cēsis Рига" in UTF-16BE */
    static const char raw[] = { 0, 'C', 0x01, 0x13, 0, 's', 0, 'i', 0, 's', 0, ' ',
                                0x04, 0x20, 0x04, 0x38, 0x04, 0x33, 0x04, 0x30 };
    char *out = NULL, err[128];
    size_t len = 0;
    CHECK(kannel_text_utf8(raw, sizeof raw, "2", "UTF-16BE", &out, &len, err, sizeof err));
    CHECK_STR(out, "Cēsis Рига");
    CHECK_INT((long)len, (long)strlen("Cēsis Рига"));
    free(out);
}

TEST(kannel_text_utf8_and_binary_kept)
{
    char *out = NULL, err[128];
    size_t len = 0;
    CHECK(kannel_text_utf8("koks 3 bērzi", strlen("koks 3 bērzi"), "0", "UTF-8", &out, &len,
                           err, sizeof err));
    CHECK_STR(out, "koks 3 bērzi");
    free(out);
    static const char bin[] = { 'a', 0, (char)0xff };
    CHECK(kannel_text_utf8(bin, sizeof bin, "1", "8-BIT", &out, &len, err, sizeof err));
    CHECK_INT((long)len, 3);
    CHECK(out[1] == 0 && (unsigned char)out[2] == 0xff && out[3] == 0);
    free(out);
}

TEST(kannel_text_other_charset_and_refusals)
{
    char *out = NULL, err[128];
    size_t len = 0;
    CHECK(kannel_text_utf8("caf\xe9", 4, "0", "ISO-8859-1", &out, &len, err, sizeof err));
    CHECK_STR(out, "café");
    free(out);
    /* an odd byte count is not UTF-16 */
    CHECK(!kannel_text_utf8("\x00\x41\x00", 3, "2", NULL, &out, &len, err, sizeof err));
    CHECK(out == NULL);
    CHECK(!kannel_text_utf8("x", 1, "0", "NO-SUCH-CHARSET", &out, &len, err, sizeof err));
}
