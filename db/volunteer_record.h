/* volunteer_record.h: what talka keeps about one volunteer, for `talka volunteer
 * show`: counts of points, trees, texts in and out, and the conversation. */
#ifndef TALKA_DB_VOLUNTEER_RECORD_H
#define TALKA_DB_VOLUNTEER_RECORD_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct volunteer_counts {
    int64_t points;
    int64_t accepted, pending_review, cancelled; /* trees by planting status */
    int64_t received;                            /* texts in */
    int64_t replies, broadcasts, notices;        /* texts out by kind (notices: all others) */
};

/* The counts for the volunteer with id and number: DB_FOUND, or DB_ERROR / DB_BUSY. */
enum db_status volunteer_counts(struct db *db, int64_t id, const char *number,
                                struct volunteer_counts *out);

/* One text of the conversation; the strings are valid during the call only. */
struct volunteer_text {
    time_t at;
    bool out;               /* sent by talka */
    const char *status;     /* in: its outcome (or state); out: its kind */
    const char *delivery;   /* out: its state, ", delivered" when a report came; in: "" */
    const unsigned char *text;
    int len;
};
typedef void (*volunteer_text_fn)(void *ctx, const struct volunteer_text *t);

/* Every text in and out, oldest first: DB_DONE, or DB_ERROR / DB_BUSY. */
enum db_status volunteer_texts(struct db *db, int64_t id, const char *number,
                                      volunteer_text_fn fn, void *ctx);

#endif
