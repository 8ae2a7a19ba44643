/* volunteers.h: volunteer rows: created on first contact, name, language,
 * opt-out, and erasure (DZĒST). */
#ifndef TALKA_VOLUNTEERS_H
#define TALKA_VOLUNTEERS_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct volunteer {
    int64_t id;
    char number[80];
    char name[128];
    char lang[4];
    bool opted_out;
    bool created;       /* set by volunteer_get_or_create when the row is new */
    time_t created_at;
};

/* Finds the volunteer with this E.164 number, creating it (lang as given). */
bool volunteer_get_or_create(struct db *db, const char *e164, const char *lang, time_t now,
                             struct volunteer *v);
/* DB_FOUND (v filled), DB_NONE, or DB_BUSY/DB_ERROR. */
enum db_status volunteer_find(struct db *db, const char *e164, struct volunteer *v);
enum db_status volunteer_by_id(struct db *db, int64_t id, struct volunteer *v);
bool volunteer_set_name(struct db *db, int64_t id, const char *name);
bool volunteer_set_lang(struct db *db, int64_t id, const char *lang, time_t now);
bool volunteer_set_opted_out(struct db *db, int64_t id, bool out);

/* Erases personal data of v everywhere talka keeps it: the volunteer row, sender and
 * recipient of stored texts (replaced by pseudo), their name inside stored texts and
 * replies. Plantings and points stay, anonymous. keep_outbound (the final reply,
 * still to be sent) keeps its recipient until it is sent. */
bool volunteer_erase(struct db *db, const struct volunteer *v, const char *pseudo,
                     int64_t keep_outbound, time_t now);

#endif
