/* moderation.h: what the dashboard's moderation pages read: the reports waiting
 * for review (with the sender's record), one such report, and the last notice
 * queued (what a decision sent). Decisions themselves are gateway/core/review. */
#ifndef TALKA_DB_MODERATION_H
#define TALKA_DB_MODERATION_H

#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

/* One report waiting for review; the strings live until the callback returns. */
struct review_item {
    int review_no;
    int64_t reported_at;
    const char *place, *municipality;   /* never NULL */
    const char *number;                 /* the sender's number; NULL when unknown */
    const char *text;                   /* the text as received; never NULL */
    int64_t trees_accepted;             /* the sender's accepted trees, all reports */
    int64_t rejected;                   /* the sender's rejected reports */
    int64_t waiting;                    /* reports waiting for review in all */
    int64_t volunteer_id;               /* 0 when unknown */
};

/* Up to limit waiting reports numbered after after, in number order, to row (a
 * nonzero return stops): DB_DONE or a failure. */
enum db_status moderation_page(struct db *db, int64_t after, int limit,
                               int (*row)(const struct review_item *, void *), void *arg);

/* The waiting report number no. */
struct review_report {
    int64_t volunteer_id;
    char number[80];       /* "" when unknown */
    char text[1700];
    int64_t received_at;
    char place[128], municipality[128];
};
/* DB_FOUND, DB_NONE (no report no waits for review) or a failure. */
enum db_status moderation_report(struct db *db, int no, struct review_report *out);

/* The text of the newest notice in the outbound queue into out: DB_FOUND,
 * DB_NONE ("" in out) or a failure. */
enum db_status moderation_last_notice(struct db *db, char *out, size_t len);

#endif
