/* people_export.h: the rows of the dashboard's volunteer and message exports
 * (gateway/web/web_exports.c): every volunteer not erased with language,
 * reminders, points and the municipality of most of their accepted trees; every
 * text in and out of a volunteer's number, oldest first. */
#ifndef TALKA_DB_PEOPLE_EXPORT_H
#define TALKA_DB_PEOPLE_EXPORT_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

struct volunteer_export {
    const char *number, *name, *lang, *municipality;   /* never NULL; "" when none */
    bool opted_out;
    int64_t points;
};
/* Each volunteer by id to row (a nonzero return stops): DB_DONE or a failure. */
enum db_status export_volunteer_rows(struct db *db,
                                     int (*row)(const struct volunteer_export *, void *), void *arg);

struct message_export {
    int64_t at;
    bool in;
    const char *number, *text;   /* never NULL */
    const char *kind;            /* in: the channel; out: reply, notice, staff, broadcast */
    const char *state;           /* in: the outcome; out: the outbound state */
};
/* Each text by time to row (a nonzero return stops): DB_DONE or a failure. */
enum db_status export_message_rows(struct db *db,
                                   int (*row)(const struct message_export *, void *), void *arg);

#endif
