/* kannel_text.c: Kannel's texts into UTF-8 with iconv (see kannel_text.h). */
#include "gateway/kannel/kannel_text.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool convert(const char *from, const char *raw, size_t len, char **out, size_t *outlen,
                    char *err, size_t errlen)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        snprintf(err, errlen, "unknown charset %.40s", from);
        return false;
    }
    size_t size = len * 4 + 1;
    char *buf = malloc(size);
    if (!buf) {
        iconv_close(cd);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    char *in = (char *)raw, *o = buf;
    size_t inleft = len, oleft = size - 1;
    size_t r = iconv(cd, &in, &inleft, &o, &oleft);
    iconv_close(cd);
    if (r == (size_t)-1) {
        snprintf(err, errlen, "bytes not in %.40s (%s)", from, strerror(errno));
        free(buf);
        return false;
    }
    *o = '\0';
    *out = buf;
    *outlen = (size_t)(o - buf);
    return true;
}

bool kannel_text_utf8(const char *raw, size_t len, const char *coding, const char *charset,
                      char **out, size_t *outlen, char *err, size_t errlen)
{
    *out = NULL;
    *outlen = 0;
    if (coding && !strcmp(coding, "2"))
        return convert("UTF-16BE", raw, len, out, outlen, err, errlen);
    /* "8-BIT": Kannel's name for binary data; kept verbatim like 7-bit text */
    if (charset && *charset && strcasecmp(charset, "UTF-8") && strcasecmp(charset, "UTF8") &&
        strcasecmp(charset, "8-BIT"))
        return convert(charset, raw, len, out, outlen, err, errlen);
    char *buf = malloc(len + 1);
    if (!buf) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    memcpy(buf, raw, len);
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    return true;
}
