/* volunteer_history.h: one volunteer's record as the dashboard shows it: the
 * conversation (texts in and out), the plantings and the points ledger, newest
 * first. The strings of a row live until its callback returns. */
#ifndef TALKA_DB_VOLUNTEER_HISTORY_H
#define TALKA_DB_VOLUNTEER_HISTORY_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

struct conversation_item {
    int64_t at;
    bool in;               /* received (else queued to be sent) */
    const char *text;      /* never NULL */
    const char *how;       /* in: the channel; out: the outbound state */
    const char *outcome;   /* in: what talka made of it (planted, error:<code>, ...);
                              out: the kind (reply, notice, staff, broadcast); "" when none */
};
/* The texts from volunteer id and those to number, up to limit (a nonzero
 * return from row stops): DB_DONE or a failure. */
enum db_status volunteer_conversation(struct db *db, int64_t id, const char *number, int limit,
                                      int (*row)(const struct conversation_item *, void *),
                                      void *arg);

/* When volunteer id last wrote (0: never) into *at: DB_FOUND or a failure. */
enum db_status volunteer_last_text_at(struct db *db, int64_t id, int64_t *at);

struct planting_item {
    int64_t reported_at;
    const char *species, *place, *status;   /* never NULL */
    int64_t count;
};
enum db_status volunteer_plantings(struct db *db, int64_t id, int limit,
                                   int (*row)(const struct planting_item *, void *), void *arg);

struct ledger_item {
    int64_t at, delta;
    const char *reason;    /* never NULL */
};
enum db_status volunteer_ledger(struct db *db, int64_t id, int limit,
                                int (*row)(const struct ledger_item *, void *), void *arg);

#endif
