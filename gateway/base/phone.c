/* phone.c: sender number normalisation to E.164 (Latvia +371 by default). */
#include "gateway/base/phone.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum phone_kind phone_normalize(const char *in, char *out, size_t outlen)
{
    char digits[32];
    size_t n = 0;
    int plus = 0, letters = 0;
    if (outlen)
        out[0] = '\0';
    if (!in)
        return PHONE_INVALID;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        if (isdigit(*p)) {
            if (n + 1 >= sizeof digits)
                return PHONE_INVALID;
            digits[n++] = (char)*p;
        } else if (*p == '+' && n == 0 && !plus) {
            plus = 1;
        } else if (*p == ' ' || *p == '-' || *p == '(' || *p == ')' || *p == '.') {
            continue;
        } else {
            letters = 1;
        }
    }
    digits[n] = '\0';
    if (letters) {
        snprintf(out, outlen, "%s", in);
        return PHONE_ALPHANUMERIC;
    }
    if (n == 0)
        return PHONE_INVALID;
    const char *d = digits;
    if (!plus && n > 2 && d[0] == '0' && d[1] == '0') {
        plus = 1;
        d += 2;
        n -= 2;
    }
    if (plus) {
        if (n < 8 || n > 15 || d[0] == '0')
            return PHONE_INVALID;
        snprintf(out, outlen, "+%s", d);
        return PHONE_E164;
    }
    if (n <= 6) {
        snprintf(out, outlen, "%s", d);
        return PHONE_SHORTCODE;
    }
    if (n == 8) {
        snprintf(out, outlen, "+371%s", d);
        return PHONE_E164;
    }
    if (n == 11 && !strncmp(d, "371", 3)) {
        snprintf(out, outlen, "+%s", d);
        return PHONE_E164;
    }
    if (n >= 10 && n <= 15 && d[0] != '0') {
        snprintf(out, outlen, "+%s", d);
        return PHONE_E164;
    }
    return PHONE_INVALID;
}

int phone_list(const char *list, char out[][32], int max)
{
    int n = 0;
    const char *p = list ? list : "";
    while (*p && n < max) {
        size_t len = strcspn(p, ",; \t");
        if (len > 0 && len < 64) {
            char tok[64];
            memcpy(tok, p, len);
            tok[len] = '\0';
            if (phone_normalize(tok, out[n], 32) == PHONE_E164)
                n++;
        }
        p += len;
        p += strspn(p, ",; \t");
    }
    return n;
}
