/* ussd_store.h: the USSD menu's rows: sessions (expiring when idle), the answer
 * given to each (session, request text) for retries, and the few volunteer facts
 * the menu shows or changes (points, trees and waiting reports, language). */
#ifndef TALKA_USSD_STORE_H
#define TALKA_USSD_STORE_H

#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define USSD_SESSION_ID_MAX 128
#define USSD_TRAIL_MAX 8192
#define USSD_SHOWN_MAX 9          /* species numbered 1..9 on one list page */

enum ussd_step {
    USSD_MAIN = 0, USSD_SPECIES, USSD_COUNT, USSD_PLACE, USSD_PLACE_CONFIRM,
    USSD_CONFIRM, USSD_LANG, USSD_SPECIES_CONFIRM, USSD_PLACE_CHOICE, USSD_DONE
};

struct ussd_session {
    char id[USSD_SESSION_ID_MAX];
    char phone[32];               /* E.164 */
    char lang[4];                 /* lv | ru | en */
    enum ussd_step step;
    char trail[USSD_TRAIL_MAX];   /* inputs so far joined by '*' */
    char shown[USSD_SHOWN_MAX][64]; /* the list page's species ids, or on place_choice the
                                     places offered ("Name|Municipality") */
    int nshown;
    int list_pos, next_pos;
    char species[64];
    long count;
    char place[128];
    bool ended;
    bool lang_changed;            /* not stored: ussd_commit remembers it for the volunteer */
    time_t created_at, updated_at;
};

const char *ussd_step_name(enum ussd_step s);
enum ussd_step ussd_step_from_name(const char *name);

/* Loads a session: DB_FOUND, DB_NONE, or DB_BUSY/DB_ERROR. */
enum db_status ussd_session_load(struct db *db, const char *id, struct ussd_session *s);

/* The answer stored for (session, request), copied into buf: DB_FOUND, DB_NONE,
 * or DB_BUSY/DB_ERROR. */
enum db_status ussd_answer_get(struct db *db, const char *session_id, const char *request,
                               char *buf, size_t buflen);

/* What ussd_commit() did. */
enum ussd_commit_result {
    USSD_COMMIT_ERROR = 0,  /* a database error: nothing stored */
    USSD_COMMIT_BUSY,       /* the write lock was not had in time: nothing stored */
    USSD_COMMIT_WON,        /* this answer and the session are stored */
    USSD_COMMIT_LOST,       /* a concurrent retry answered first: its answer is in buf */
    USSD_COMMIT_FOREIGN,    /* the session id belongs to another number: nothing stored */
};

/* In one transaction: checks that the session id is new or s->phone's (a number
 * that raced another for a new id loses here, not by overwriting it), records the
 * answer for (session, request) and, when this request is the first to answer
 * it, writes the session (and the volunteer's language when s->lang_changed). */
enum ussd_commit_result ussd_commit(struct db *db, const struct ussd_session *s,
                                    const char *request, const char *answer, char *buf,
                                    size_t buflen);

/* Deletes sessions (and their answers) idle since before cutoff. Returns rows. */
int ussd_purge(struct db *db, time_t cutoff);

/* The volunteer's language ("" when the number is unknown) into lang[4]:
 * DB_FOUND, DB_NONE, or DB_BUSY/DB_ERROR (lang "" then too). */
enum db_status ussd_volunteer_lang(struct db *db, const char *e164, char lang[4]);
/* Remembers the language (creating the volunteer row when needed). */
bool ussd_volunteer_set_lang(struct db *db, const char *e164, const char *lang, time_t now);
/* (A volunteer's points by number: points_of_number() in db/plantings.h.) */

/* What "my points" tells a caller: the balance (SQL_POINTS_OF), accepted plantings and
 * reports still waiting for staff review; all 0 for an unknown number. */
struct ussd_standing {
    int64_t points, accepted, pending_reports;
};
/* DB_FOUND (out filled), or DB_BUSY/DB_ERROR (out untouched). */
enum db_status ussd_volunteer_standing(struct db *db, const char *e164, struct ussd_standing *out);

#endif
