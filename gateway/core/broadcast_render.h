/* broadcast_render.h: a broadcast text for one recipient: the placeholders {name},
 * {points} and {municipality_total}, and what the copies cost in SMS parts (a
 * name with diacritics switches that one copy to UCS-2). */
#ifndef TALKA_BROADCAST_RENDER_H
#define TALKA_BROADCAST_RENDER_H

#include "gateway/base/sms_text.h"

#include <stdbool.h>
#include <stddef.h>

/* The BC_NEED_* bits (db/broadcast.h) a template uses, plus BC_NEED_NAME. */
enum { BC_NEED_NAME = 1 };
unsigned broadcast_template_needs(const char *tmpl);

/* False with a message when the template has an unknown {placeholder}. */
bool broadcast_template_check(const char *tmpl, char *err, size_t errlen);

/* Renders tmpl. An empty {name} takes the separator before it along (", " or " "),
 * so "Sveiki, {name}!" becomes "Sveiki!". Invisible format characters (a stray
 * zero-width space pasted from a document) are left out (sms_strip_format), as
 * from every text staff write: the copy measured is the copy sent. */
void broadcast_render(const char *tmpl, const char *name, long long points,
                      long long municipality_total, char *out, size_t len);

/* Segment statistics over the copies of one broadcast. */
struct broadcast_stats {
    long recipients;
    long parts;           /* SMS parts of all copies */
    int max_segments;
    long ucs2;            /* copies sent as UCS-2 */
    long over;            /* copies longer than 2 segments */
    long by_segments[4];  /* copies of 1, 2, 3, 4+ segments ([0] = 1) */
};
void broadcast_stats_add(struct broadcast_stats *s, const struct sms_info *info);
/* "1 (9650 GSM-7, 50 UCS-2), 9750 parts in all" */
void broadcast_stats_format(const struct broadcast_stats *s, char *out, size_t len);

#endif
