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

bool planting_insert(struct db *db, struct planting *p);   /* sets p->id */
bool planting_by_id(struct db *db, int64_t id, struct planting *p);
bool planting_by_review_no(struct db *db, int review_no, struct planting *p);
bool planting_set_status(struct db *db, int64_t id, const char *status, const char *reason,
                         time_t now);
/* The plantings of the volunteer's latest report since `since` that can still be
 * cancelled (accepted or pending_review). Returns how many (up to max). */
int plantings_last_report(struct db *db, int64_t volunteer_id, time_t since,
                          struct planting *out, int max);
/* A small free review number (1..99999) for a pending report. */
int plantings_next_review_no(struct db *db);

bool points_add(struct db *db, int64_t volunteer_id, int64_t planting_id, int64_t delta,
                const char *reason, time_t now);
int64_t points_total(struct db *db, int64_t volunteer_id);
/* True when the volunteer's ledger has a row with this reason (e.g. first_report). */
enum db_status points_has_reason(struct db *db, int64_t volunteer_id, const char *reason);
int64_t points_of_planting(struct db *db, int64_t planting_id);

/* Accepted trees per municipality; "" is the whole campaign. */
bool totals_add(struct db *db, const char *municipality, int64_t delta);
int64_t totals_get(struct db *db, const char *municipality);

#endif
