/* review.h: moderation of reports held for review (counts above the threshold):
 * approval adds the points and texts the volunteer; rejection tells them why.
 * Used by `talka review` and by staff SMS commands. */
#ifndef TALKA_REVIEW_H
#define TALKA_REVIEW_H

#include "db/plantings.h"
#include "gateway/core/pipeline.h"

#include <stddef.h>

enum review_result { REVIEW_OK = 0, REVIEW_NOT_FOUND = 1, REVIEW_DB_ERROR = -1 };

/* What the volunteer was texted ("" when nobody could be told), and whether the
 * reason had to be shortened to fit one SMS. */
struct review_note {
    char sms[640];
    bool shortened;
    long trees;        /* trees in the report */
    char place[128];   /* its place, as stored */
};

/* Each runs in its own transaction unless in_tx is set (the caller's transaction). */
enum review_result review_approve(struct pipeline *p, struct db *db, int review_no,
                                  const char *actor, bool in_tx, char *msg, size_t msglen,
                                  struct review_note *note);
enum review_result review_reject(struct pipeline *p, struct db *db, int review_no,
                                 const char *reason, const char *actor, bool in_tx,
                                 char *msg, size_t msglen, struct review_note *note);

/* The plantings of the report that holds review number review_no, if it still
 * waits, into pl: how many, 0 when no report waits under that number, -1 when a
 * read failed (never a partly filled pl taken for the report). */
int review_load_report(struct db *db, int review_no, struct planting *pl, int max);

/* The exact SMS the volunteer would get for this decision (the same run inside a
 * transaction that is rolled back: nothing is stored, queued or logged). "" when
 * the volunteer has been erased. */
enum review_result review_preview(struct pipeline *p, struct db *db, int review_no, bool approve,
                                  const char *reason, char *sms, size_t smslen);

#endif
