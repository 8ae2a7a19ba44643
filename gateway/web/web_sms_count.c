/* web_sms_count.c: POST /sms-count, the one SMS counter of the dashboard: what a
 * text being typed costs as SMS, by the one rule of gateway/base/sms_text.c, for
 * every counter under a text box (Atbildēt in the inbox, Sūtīt ziņu, each
 * language of Atgādinājumi, the reject preview; assets/sms_counter.js asks as the
 * text changes). The text is measured as the staff forms send it: invisible
 * format characters stripped (sms_strip_format), as an answer from the inbox, a
 * message to one volunteer and a rejection's reason are. A POST with the
 * session's CSRF token, so the text stays out of addresses and logs. */
#include "gateway/web/web_sms_count.h"

#include "gateway/base/sms_text.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

static long chars_of(const char *s)
{
    long n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;   /* count the first byte of each UTF-8 character */
    return n;
}

void web_sms_count(struct web_req *rq)
{
    const char *field = web_field(rq, "text");
    char *text = strdup(field ? field : "");
    if (!text) {
        web_json(rq, NULL);
        return;
    }
    sms_strip_format(text);
    struct sms_info info;
    sms_measure(text, &info);
    json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:s}", "chars", (json_int_t)chars_of(text),
                          "units", (json_int_t)info.units, "parts", (json_int_t)(*text ? info.segments : 0),
                          "per_part", (json_int_t)info.per_part, "encoding", sms_encoding_name(info.encoding));
    free(text);
    web_json(rq, o);
}
