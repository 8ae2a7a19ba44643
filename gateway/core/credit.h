/* credit.h: crediting an accepted planting: its points in the volunteer's ledger
 * and its trees in the municipality's total, and the first-report bonus. One rule
 * for a report accepted at once (pipeline_plant.c) and one approved later
 * (review.c). Inside the caller's transaction; false on a database error. */
#ifndef TALKA_CREDIT_H
#define TALKA_CREDIT_H

#include "db/db.h"
#include "db/plantings.h"
#include "gateway/core/rules.h"

#include <stdbool.h>
#include <time.h>

/* Points for pl (of species s) and its trees in the municipality's total. */
bool credit_planting(struct db *db, const struct rules *r, const struct species *s,
                     const struct planting *pl, time_t now);

/* The first-report bonus, unless the volunteer holds it now. */
bool credit_first_report(struct db *db, const struct rules *r, int64_t volunteer_id, time_t now);
/* The bonus follows the first accepted report: once no accepted report is left
 * (ATCELT of the only one), a ledger row takes it back; the next accepted report
 * earns it again. */
bool credit_withdraw_first_report(struct db *db, int64_t volunteer_id, time_t now);

#endif
