/* ussd_counts.h: how much the USSD menu is used, for the dashboard's health
 * page: sessions today, sessions active now, reports that came over USSD today. */
#ifndef TALKA_DB_USSD_COUNTS_H
#define TALKA_DB_USSD_COUNTS_H

#include "db/db.h"

#include <stdint.h>

struct ussd_counts {
    int64_t sessions_today;   /* sessions begun since day_start */
    int64_t active;           /* not ended and used since active_since */
    int64_t reports_today;    /* texts received over USSD since day_start */
};

/* Fills c: DB_FOUND, or a failure (then c is not to be shown). */
enum db_status ussd_counts(struct db *db, int64_t day_start, int64_t active_since,
                           struct ussd_counts *c);

#endif
