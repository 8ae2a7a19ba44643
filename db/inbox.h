/* inbox.h: the dashboard's inbox (Iesūtne): every text that did not become an
 * action, as a query over what exists (inbound rows whose outcome means "not
 * understood", reports asked back whose question ended unanswered), less those
 * staff resolved; and the reports still waiting for the volunteer's answer
 * (Moderēšana). Which outcomes count as "not understood" is said once, in
 * inbox.c. The strings of a row live until its callback returns. */
#ifndef TALKA_DB_INBOX_H
#define TALKA_DB_INBOX_H

#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct inbox_item {
    int64_t id;                /* the inbound row */
    int64_t received_at;
    int64_t volunteer_id;      /* 0 when none */
    const char *number;        /* the volunteer's number ("erased:..." after DZĒST); never NULL */
    const char *text;          /* the raw text (retention and DZĒST apply); never NULL */
    const char *outcome;       /* what the pipeline made of it; never NULL */
    const char *reply;         /* what talka answered ("" when nothing); never NULL */
    const char *resolved_by;   /* "" while in the inbox */
    int64_t resolved_at;
    const char *how;           /* reviewed | replied | registered; "" while in the inbox */
};

/* Up to limit unresolved inbox texts with an id below before (0: from the
 * newest), newest first, to row (nonzero stops): DB_DONE or a failure. now
 * decides which questions have run out of time. */
enum db_status inbox_page(struct db *db, time_t now, int64_t before, int limit,
                          int (*row)(const struct inbox_item *, void *), void *arg);

/* How many texts wait in the inbox: DB_FOUND with *n, or a failure. */
enum db_status inbox_count(struct db *db, time_t now, int64_t *n);

/* The same at the clock's time, for the status page and metrics
 * (talka_inbox_unresolved). */
enum db_status db_inbox_unresolved(struct db *db, long long *n);

/* Inbound row id as the inbox shows it, resolved or not: DB_FOUND (calls row
 * once), DB_NONE (no such text, or not one for the inbox) or a failure. */
enum db_status inbox_get(struct db *db, time_t now, int64_t id,
                         int (*row)(const struct inbox_item *, void *), void *arg);

/* Takes text id out of the inbox (how: reviewed | replied | registered); a text
 * already resolved keeps its first resolution. False on a database error. */
bool inbox_resolve(struct db *db, int64_t id, const char *by, const char *how, time_t now);

/* A report waiting for the volunteer's answer (awaiting_confirmation, waiting). */
struct waiting_item {
    int64_t id;                /* the question (awaiting_confirmation.id) */
    int64_t inbound_id, volunteer_id;
    int64_t asked_at, expires_at;
    const char *ask;           /* guess | range | choice | count (and what issue 23 adds) */
    const char *summary;       /* what was asked ("ozols 12 gab., Cēsis"); never NULL */
    const char *number;        /* never NULL */
    const char *text;          /* the report as received; never NULL */
};
/* Up to limit questions still waiting at now, oldest first: DB_DONE or a failure. */
enum db_status inbox_waiting(struct db *db, time_t now, int limit,
                             int (*row)(const struct waiting_item *, void *), void *arg);
/* One waiting question: DB_FOUND, DB_NONE (answered, expired or settled) or a failure. */
enum db_status inbox_waiting_get(struct db *db, time_t now, int64_t id, struct waiting_item *out,
                                 char *text, size_t textlen, char *number, size_t numlen);

/* Ends waiting question id as staff settled it (state: confirmed | dropped),
 * with no answering text. False on a database error. */
bool inbox_question_close(struct db *db, int64_t id, const char *state, time_t now);

#endif
