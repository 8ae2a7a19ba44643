/* web_sms_count.c: POST /sms-count: what a text being typed costs as SMS, by the
 * one rule of gateway/base/sms_text.c, for the counters under the dashboard's
 * text boxes (assets/sms_counter.js asks as the text changes). A POST with the
 * session's CSRF token, so the text stays out of addresses and logs. */
#include "gateway/web/web_sms_count.h"

#include "gateway/base/sms_text.h"

#include <jansson.h>

#include <stdlib.h>

static long chars_of(const char *s)
{
    long n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;   /* count the first byte of each UTF-8 character */
    return n;
}

void web_sms_count(struct web_req *rq)
{
    const char *text = web_field(rq, "text");
    if (!text)
        text = "";
    struct sms_info info;
    sms_measure(text, &info);
    json_t *o = json_pack("{s:I, s:I, s:I, s:s}", "chars", (json_int_t)chars_of(text),
                          "units", (json_int_t)info.units, "parts", (json_int_t)info.segments,
                          "encoding", sms_encoding_name(info.encoding));
    web_json(rq, o);
}
