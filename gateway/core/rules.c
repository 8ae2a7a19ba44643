/* rules.c: reads the campaign rules (see rules.h and README "Points"). */
#include "gateway/core/rules.h"

#include <stdio.h>

void rules_load(const struct config *cfg, struct rules *r)
{
    r->points_per_tree = config_int(cfg, "points", "per_tree");
    r->native_multiplier = config_int(cfg, "points", "native_multiplier");
    r->first_report_bonus = config_int(cfg, "points", "first_report_bonus");
    r->review_threshold = config_int(cfg, "rules", "review_threshold");
    r->ask_first_count = config_int(cfg, "rules", "ask_first_count");
    r->cancel_window = config_int(cfg, "rules", "cancel_hours") * 3600;
    r->texts_per_hour = config_int(cfg, "flood", "texts_per_hour");
    r->replies_per_hour = config_int(cfg, "flood", "replies_per_hour");
    r->duplicate_window = config_int(cfg, "flood", "duplicate_minutes") * 60;
    staff_numbers_load(cfg, NULL, &r->staff);
}

long rules_points(const struct rules *r, const struct species *s, long count)
{
    long per = r->points_per_tree * ((s && s->native) ? r->native_multiplier : 1);
    return per * count;
}
