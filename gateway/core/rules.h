/* rules.h: the campaign's rules from config: points, moderation threshold,
 * cancel window, flood and duplicate limits, staff numbers. */
#ifndef TALKA_RULES_H
#define TALKA_RULES_H

#include "gateway/base/config.h"
#include "gateway/base/staff_numbers.h"
#include "parsers/parse.h"

struct rules {
    long points_per_tree;      /* [points] per_tree, default 10 */
    long native_multiplier;    /* [points] native_multiplier, default 2 */
    long first_report_bonus;   /* [points] first_report_bonus, default 50 */
    long review_threshold;     /* [rules] review_threshold, default 500: above → pending_review */
    long ask_first_count;      /* [rules] ask_first_count, default 1000: a first report above → asked back */
    long cancel_window;        /* [rules] cancel_hours * 3600, default 24 h */
    long texts_per_hour;       /* [flood] texts_per_hour, default 30 */
    long replies_per_hour;     /* [flood] replies_per_hour, default 20 */
    long duplicate_window;     /* [flood] duplicate_minutes * 60, default 10 min */
    struct staff_numbers staff; /* [staff] numbers */
};

void rules_load(const struct config *cfg, struct rules *r);

/* Points for count trees of species s (before any first-report bonus). */
long rules_points(const struct rules *r, const struct species *s, long count);

#endif
