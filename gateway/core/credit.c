/* credit.c: points and totals for accepted plantings (see credit.h). */
#include "gateway/core/credit.h"

bool credit_planting(struct db *db, const struct rules *r, const struct species *s,
                     const struct planting *pl, time_t now)
{
    return points_add(db, pl->volunteer_id, pl->id, rules_points(r, s, pl->count), "trees", now) &&
           totals_add(db, pl->municipality, pl->count);
}

bool credit_first_report(struct db *db, const struct rules *r, int64_t volunteer_id, time_t now)
{
    if (!r->first_report_bonus)
        return true;
    int64_t held = 0;
    if (points_first_report_held(db, volunteer_id, &held) != DB_FOUND)
        return false;
    if (held > 0)
        return true;
    return points_add(db, volunteer_id, 0, r->first_report_bonus, "first_report", now);
}

bool credit_withdraw_first_report(struct db *db, int64_t volunteer_id, time_t now)
{
    int64_t held = 0;
    if (points_first_report_held(db, volunteer_id, &held) != DB_FOUND)
        return false;
    if (held <= 0)
        return true;
    switch (plantings_has_accepted(db, volunteer_id)) {
    case DB_FOUND:
        return true;
    case DB_NONE:
        return points_add(db, volunteer_id, 0, -held, "first_report_withdrawn", now);
    case DB_BUSY:
    case DB_ERROR:
    case DB_DONE:
        break;
    }
    return false;
}
