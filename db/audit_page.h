/* audit_page.h: the audit log (audit_log) as the dashboard's journal (Žurnāls)
 * reads it: newest first, filtered by account, action and date; and the
 * accounts and actions that occur, for the filter's lists. */
#ifndef TALKA_DB_AUDIT_PAGE_H
#define TALKA_DB_AUDIT_PAGE_H

#include "db/db.h"

#include <stdint.h>

struct audit_filter {
    const char *actor;      /* "" or NULL: any */
    const char *action;     /* "" or NULL: any */
    int64_t from, until;    /* at >= from and at < until; 0: open */
};

struct audit_entry {
    int64_t id, at;
    const char *actor, *action, *subject, *detail;   /* never NULL */
};

/* Up to limit entries with an id below before (0: from the newest), newest
 * first, to row (nonzero stops): DB_DONE or a failure. */
enum db_status audit_entries(struct db *db, const struct audit_filter *f, int64_t before, int limit,
                             int (*row)(const struct audit_entry *, void *), void *arg);

/* Each distinct actor (actions false) or action (true), sorted: DB_DONE or a failure. */
enum db_status audit_names(struct db *db, bool actions, int (*row)(const char *, void *), void *arg);

#endif
