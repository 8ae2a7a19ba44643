/* plantings.h: planting rows (one per species in a report), their status
 * (accepted, pending_review, cancelled, rejected), the points ledger and the
 * running tree totals that change with them. */
#ifndef TALKA_PLANTINGS_H
#define TALKA_PLANTINGS_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct planting {
    int64_t id;
    char uuid[37];
    int64_t volunteer_id;
    int64_t inbound_id;
    int item_no;
    char species[64];
    long count;
    char place[128];
    char place_type[32];
    char municipality[128];
    char planted_on[11];
    time_t reported_at;
    char channel[16];
    char status[16];
    int review_no;          /* 0 when none */
};

/* The points balance of the volunteer whose id is the SQL expression VID, as a
 * scalar subquery: the one definition of a balance, for every query that shows
 * one (points_total() below, broadcasts, USSD, the dashboard, the CLI). */
#define SQL_POINTS_OF(VID) \
    "(SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE volunteer_id = " VID ")"

bool planting_insert(struct db *db, struct planting *p);   /* sets p->id */
/* DB_FOUND (p filled), DB_NONE, or DB_BUSY/DB_ERROR. */
enum db_status planting_by_id(struct db *db, int64_t id, struct planting *p);
enum db_status planting_by_review_no(struct db *db, int review_no, struct planting *p);
bool planting_set_status(struct db *db, int64_t id, const char *status, const char *reason,
                         time_t now);
/* The plantings of the volunteer's latest report since `since` that can still be
 * cancelled (accepted or pending_review). Returns how many (up to max), -1 when
 * the read failed. */
int plantings_last_report(struct db *db, int64_t volunteer_id, time_t since,
                          struct planting *out, int max);
/* The ids of the plantings of report inbound_id still waiting for review, in
 * item order: how many (up to max), -1 when the read failed. */
int plantings_pending_of_report(struct db *db, int64_t inbound_id, int64_t *ids, int max);
/* A small free review number (1..99999) for a pending report into *no:
 * DB_FOUND, or DB_BUSY/DB_ERROR (*no untouched). */
enum db_status plantings_next_review_no(struct db *db, int *no);

bool points_add(struct db *db, int64_t volunteer_id, int64_t planting_id, int64_t delta,
                const char *reason, time_t now);
/* The volunteer's points balance (SQL_POINTS_OF) into *points (0 for none):
 * DB_FOUND, or DB_BUSY/DB_ERROR with *points untouched. */
enum db_status points_total(struct db *db, int64_t volunteer_id, int64_t *points);
/* The same for the volunteer with this E.164 number (0 when unknown). */
enum db_status points_of_number(struct db *db, const char *e164, int64_t *points);
/* The first-report bonus a volunteer holds now (given minus withdrawn), as above. */
enum db_status points_first_report_held(struct db *db, int64_t volunteer_id, int64_t *held);
/* Whether the volunteer has any accepted planting. */
enum db_status plantings_has_accepted(struct db *db, int64_t volunteer_id);
/* Whether a report of the volunteer since `since` (other than inbound_id) still
 * standing (accepted or pending) names the same items, "species=count" sorted and
 * joined by ",", at the same place: the same report sent again. */
enum db_status plantings_recent_same(struct db *db, int64_t volunteer_id, time_t since,
                                     int64_t inbound_id, const char *items, const char *place);
/* The points a planting earned so far, as above. */
enum db_status points_of_planting(struct db *db, int64_t planting_id, int64_t *points);

/* Accepted trees per municipality; "" is the whole campaign. */
bool totals_add(struct db *db, const char *municipality, int64_t delta);
/* The trees of municipality into *trees (0 when none yet): DB_FOUND, or
 * DB_BUSY/DB_ERROR with *trees untouched. */
enum db_status totals_get(struct db *db, const char *municipality, int64_t *trees);

/* How many plantings the volunteer has (any status) into *n: DB_FOUND, or
 * DB_BUSY/DB_ERROR (*n untouched). */
enum db_status plantings_count_of(struct db *db, int64_t volunteer_id, int64_t *n);

/* One accepted planting as the export reads it. */
struct planting_export {
    char uuid[37];
    long count;
    char species[64];
    char place[128];
    char municipality[128];
    char planted_on[11];    /* "" when not given */
    time_t reported_at;
    char channel[16];
};
/* Calls fn for each accepted planting, by report time; fn returning false stops
 * the walk (no failure). DB_DONE, or DB_BUSY/DB_ERROR when the read failed (fn
 * may have seen some rows). */
enum db_status plantings_accepted_each(struct db *db,
                                       bool (*fn)(void *ctx, const struct planting_export *e),
                                       void *ctx);

#endif
