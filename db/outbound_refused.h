/* outbound_refused.h: outbound rows a Kannel link marked failed because Kannel
 * refused them for good (a 4xx answer recorded as "Kannel: 4.."), read by the
 * staff alert (gateway/kannel/kannel_alert.c). */
#ifndef TALKA_DB_OUTBOUND_REFUSED_H
#define TALKA_DB_OUTBOUND_REFUSED_H

#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

struct outbound_refused {
    long count;             /* refused rows after the given id (alerts not counted) */
    int64_t top;            /* the highest of their ids (0 when none) */
    char why[200];          /* one of Kannel's answers ("" when none) */
};

/* Refused rows of transport with an id above after: DB_FOUND, or DB_ERROR / DB_BUSY. */
enum db_status outbound_refused_since(struct db *db, const char *transport, int64_t after,
                                      struct outbound_refused *out);

/* The highest outbound id (0 when the queue is empty): DB_FOUND, or DB_ERROR / DB_BUSY. */
enum db_status outbound_top_id(struct db *db, int64_t *out);

#endif
