/* broadcast_render.c: placeholders and segment counting (see broadcast_render.h). */
#include "gateway/core/broadcast_render.h"

#include "db/broadcast.h"
#include "gateway/base/sms_text.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *tag;
    unsigned need;
} tags[] = {
    { "{name}", BC_NEED_NAME },
    { "{points}", BC_NEED_POINTS },
    { "{municipality_total}", BC_NEED_MTOTAL },
};

unsigned broadcast_template_needs(const char *tmpl)
{
    unsigned need = 0;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strstr(tmpl, tags[i].tag))
            need |= tags[i].need;
    return need;
}

bool broadcast_template_check(const char *tmpl, char *err, size_t errlen)
{
    for (const char *p = strchr(tmpl, '{'); p; p = strchr(p + 1, '{')) {
        bool known = false;
        for (size_t i = 0; i < sizeof tags / sizeof tags[0] && !known; i++)
            known = !strncmp(p, tags[i].tag, strlen(tags[i].tag));
        if (!known) {
            const char *end = strchr(p, '}');
            int n = end && end - p < 40 ? (int)(end - p + 1) : 12;
            snprintf(err, errlen, "unknown placeholder %.*s (use {name}, {points} or"
                                  " {municipality_total})", n, p);
            return false;
        }
    }
    return true;
}

void broadcast_render(const char *tmpl, const char *name, long long points,
                      long long municipality_total, char *out, size_t len)
{
    size_t o = 0;
    if (!len)
        return;
    for (const char *p = tmpl; *p && o + 1 < len;) {
        const char *val = NULL;
        char num[32];
        size_t taglen = 0;
        if (*p == '{') {
            for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
                taglen = strlen(tags[i].tag);
                if (strncmp(p, tags[i].tag, taglen))
                    continue;
                if (tags[i].need == BC_NEED_NAME) {
                    val = name ? name : "";
                } else {
                    snprintf(num, sizeof num, "%lld",
                             tags[i].need == BC_NEED_POINTS ? points : municipality_total);
                    val = num;
                }
                break;
            }
        }
        if (!val) {
            out[o++] = *p++;
            continue;
        }
        if (!*val) { /* no name: drop the separator before it */
            if (o >= 2 && out[o - 2] == ',' && out[o - 1] == ' ')
                o -= 2;
            else if (o >= 1 && (out[o - 1] == ' ' || out[o - 1] == ','))
                o -= 1;
        }
        size_t vl = strlen(val);
        if (o + vl >= len)
            vl = len - 1 - o;
        memcpy(out + o, val, vl);
        o += vl;
        p += taglen;
    }
    /* never leave half a UTF-8 character at a cut */
    if (o + 1 >= len) {
        while (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0x80)
            o--;
        if (o > 0 && (unsigned char)out[o - 1] >= 0xC0)
            o--;
    }
    out[o] = '\0';
    sms_strip_format(out);   /* as every staff text: nothing invisible goes out or is paid for */
}

void broadcast_stats_add(struct broadcast_stats *s, const struct sms_info *info)
{
    s->recipients++;
    s->parts += info->segments;
    if (info->segments > s->max_segments)
        s->max_segments = info->segments;
    if (info->encoding == SMS_UCS2)
        s->ucs2++;
    if (info->segments > 2)
        s->over++;
    int k = info->segments < 1 ? 0 : info->segments > 4 ? 3 : info->segments - 1;
    s->by_segments[k]++;
}

void broadcast_stats_format(const struct broadcast_stats *s, char *out, size_t len)
{
    char per[96] = "";
    size_t o = 0;
    for (int k = 0; k < 4; k++) {
        if (!s->by_segments[k])
            continue;
        o += (size_t)snprintf(per + o, sizeof per - o, "%s%ld x %d%s", o ? ", " : "",
                              s->by_segments[k], k + 1, k == 3 ? "+" : "");
        if (o >= sizeof per)
            break;
    }
    snprintf(out, len, "%d max per copy (%s; %ld GSM-7, %ld UCS-2), %ld parts in all",
             s->max_segments, per[0] ? per : "none", s->recipients - s->ucs2, s->ucs2, s->parts);
}
