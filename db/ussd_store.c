/* ussd_store.c: SQL for the USSD menu: sessions, answers kept for retries,
 * volunteer language, and what the volunteer has (points, trees, waiting reports). */
#include "db/ussd_store.h"
#include "db/plantings.h"

#include <stdio.h>
#include <string.h>

static const char *const step_names[] = {
    [USSD_MAIN] = "main", [USSD_SPECIES] = "species", [USSD_COUNT] = "count",
    [USSD_PLACE] = "place", [USSD_PLACE_CONFIRM] = "place_confirm",
    [USSD_CONFIRM] = "confirm", [USSD_LANG] = "lang", [USSD_SPECIES_CONFIRM] = "species_confirm",
    [USSD_PLACE_CHOICE] = "place_choice",
    [USSD_DONE] = "done",
};

const char *ussd_step_name(enum ussd_step s)
{
    return (s >= USSD_MAIN && s <= USSD_DONE) ? step_names[s] : "main";
}

enum ussd_step ussd_step_from_name(const char *name)
{
    for (int i = USSD_MAIN; i <= USSD_DONE; i++)
        if (!strcmp(step_names[i], name))
            return (enum ussd_step)i;
    return USSD_MAIN;
}

/* "id1,id2" <-> shown[] */
static void shown_join(const struct ussd_session *s, char *out, size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < s->nshown && n < len; i++)
        n += (size_t)snprintf(out + n, len - n, "%s%s", i ? "," : "", s->shown[i]);
}

static void shown_split(struct ussd_session *s, const char *in)
{
    s->nshown = 0;
    while (*in && s->nshown < USSD_SHOWN_MAX) {
        const char *comma = strchr(in, ',');
        size_t n = comma ? (size_t)(comma - in) : strlen(in);
        if (n >= sizeof s->shown[0])
            n = sizeof s->shown[0] - 1;
        memcpy(s->shown[s->nshown], in, n);
        s->shown[s->nshown][n] = '\0';
        s->nshown++;
        if (!comma)
            break;
        in = comma + 1;
    }
}

static const char SQL_LOAD[] =
    "SELECT session_id, phone, lang, step, trail, shown, list_pos, next_pos,"
    " species, count, place, ended, created_at, updated_at"
    " FROM ussd_sessions WHERE session_id = ?";

enum db_status ussd_session_load(struct db *db, const char *id, struct ussd_session *s)
{
    sqlite3_stmt *st = db_prep(db, SQL_LOAD);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "t", id) : SQLITE_ERROR);
    bool found = db_row(&r);
    if (found) {
        char buf[USSD_SHOWN_MAX * 65 + 1];
        memset(s, 0, sizeof *s);
        db_col_text(st, 0, s->id, sizeof s->id);
        db_col_text(st, 1, s->phone, sizeof s->phone);
        db_col_text(st, 2, s->lang, sizeof s->lang);
        db_col_text(st, 3, buf, sizeof buf);
        s->step = ussd_step_from_name(buf);
        db_col_text(st, 4, s->trail, sizeof s->trail);
        db_col_text(st, 5, buf, sizeof buf);
        shown_split(s, buf);
        s->list_pos = sqlite3_column_int(st, 6);
        s->next_pos = sqlite3_column_int(st, 7);
        db_col_text(st, 8, s->species, sizeof s->species);
        s->count = (long)sqlite3_column_int64(st, 9);
        db_col_text(st, 10, s->place, sizeof s->place);
        s->ended = sqlite3_column_int(st, 11) != 0;
        s->created_at = (time_t)sqlite3_column_int64(st, 12);
        s->updated_at = (time_t)sqlite3_column_int64(st, 13);
    }
    return db_rows_end_one(&r, found);
}

static const char SQL_ANSWER_GET[] =
    "SELECT answer FROM ussd_answers WHERE session_id = ? AND request = ?";

enum db_status ussd_answer_get(struct db *db, const char *session_id, const char *request,
                               char *buf, size_t buflen)
{
    sqlite3_stmt *st = db_prep(db, SQL_ANSWER_GET);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "tt", session_id, request)
                                                : SQLITE_ERROR);
    bool found = db_row(&r);
    if (found)
        db_col_text(st, 0, buf, buflen);
    return db_rows_end_one(&r, found);
}

bool ussd_volunteer_set_lang(struct db *db, const char *e164, const char *lang, time_t now);

static const char SQL_ANSWER_PUT[] =
    "INSERT INTO ussd_answers (session_id, request, answer, created_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (session_id, request) DO NOTHING";
static const char SQL_SESSION_PUT[] =
    "INSERT INTO ussd_sessions (session_id, phone, lang, step, trail, shown, list_pos,"
    " next_pos, species, count, place, ended, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (session_id) DO UPDATE SET lang = excluded.lang,"
    " step = excluded.step, trail = excluded.trail, shown = excluded.shown,"
    " list_pos = excluded.list_pos, next_pos = excluded.next_pos,"
    " species = excluded.species, count = excluded.count, place = excluded.place,"
    " ended = excluded.ended, updated_at = excluded.updated_at";

static const char SQL_SESSION_OWNER[] = "SELECT phone FROM ussd_sessions WHERE session_id = ?";

/* inside the transaction: 1 when id is new or phone's, 0 when another number's, -1 error */
static int session_is_mine(struct db *db, const char *id, const char *phone)
{
    sqlite3_stmt *st = db_prep(db, SQL_SESSION_OWNER);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "t", id) : SQLITE_ERROR);
    char owner[32] = "";
    bool found = db_row(&r);
    if (found)
        db_col_text(st, 0, owner, sizeof owner);
    enum db_status s = db_rows_end_one(&r, found);
    if (DB_FAILED(s))
        return -1;
    return s == DB_NONE || strcmp(owner, phone) == 0;
}

enum ussd_commit_result ussd_commit(struct db *db, const struct ussd_session *s,
                                    const char *request, const char *answer, char *buf,
                                    size_t buflen)
{
    enum ussd_commit_result r = USSD_COMMIT_LOST;
    if (!db_begin(db))
        return db_busy(db) ? USSD_COMMIT_BUSY : USSD_COMMIT_ERROR;
    int mine = session_is_mine(db, s->id, s->phone);
    if (mine < 0)
        goto fail;
    if (mine == 0) {
        db_rollback(db);
        return USSD_COMMIT_FOREIGN;
    }
    if (!db_run(db, SQL_ANSWER_PUT, "ttti", s->id, request, answer, (int64_t)s->updated_at))
        goto fail;
    if (db_changes(db) == 1) {
        char shown[USSD_SHOWN_MAX * 65 + 1];
        shown_join(s, shown, sizeof shown);
        if (!db_run(db, SQL_SESSION_PUT, "ttttttIItitIii", s->id, s->phone, s->lang,
                    ussd_step_name(s->step), s->trail, shown, s->list_pos, s->next_pos,
                    s->species[0] ? s->species : NULL, (int64_t)s->count,
                    s->place[0] ? s->place : NULL, s->ended ? 1 : 0,
                    (int64_t)s->created_at, (int64_t)s->updated_at))
            goto fail;
        if (s->lang_changed && !ussd_volunteer_set_lang(db, s->phone, s->lang, s->updated_at))
            goto fail;
        r = USSD_COMMIT_WON;
    } else if (ussd_answer_get(db, s->id, request, buf, buflen) != DB_FOUND) {
        goto fail;
    }
    if (db_commit(db))
        return r;
    return db_busy(db) ? USSD_COMMIT_BUSY : USSD_COMMIT_ERROR;
fail:
    r = db_busy(db) ? USSD_COMMIT_BUSY : USSD_COMMIT_ERROR;
    db_rollback(db);
    return r;
}

static const char SQL_PURGE_ANSWERS[] =
    "DELETE FROM ussd_answers WHERE session_id IN"
    " (SELECT session_id FROM ussd_sessions WHERE updated_at < ?)";
static const char SQL_PURGE_SESSIONS[] = "DELETE FROM ussd_sessions WHERE updated_at < ?";

int ussd_purge(struct db *db, time_t cutoff)
{
    if (!db_begin(db))
        return -1;
    int n = 0;
    if (!db_run(db, SQL_PURGE_ANSWERS, "i", (int64_t)cutoff))
        goto fail;
    n += db_changes(db);
    if (!db_run(db, SQL_PURGE_SESSIONS, "i", (int64_t)cutoff))
        goto fail;
    n += db_changes(db);
    return db_commit(db) ? n : -1;
fail:
    db_rollback(db);
    return -1;
}

static const char SQL_VOL_LANG[] = "SELECT lang FROM volunteers WHERE number = ?";

enum db_status ussd_volunteer_lang(struct db *db, const char *e164, char lang[4])
{
    lang[0] = '\0';
    sqlite3_stmt *st = db_prep(db, SQL_VOL_LANG);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "t", e164) : SQLITE_ERROR);
    bool found = db_row(&r);
    if (found)
        db_col_text(st, 0, lang, 4);
    return db_rows_end_one(&r, found);
}

static const char SQL_VOL_SET_LANG[] =
    "INSERT INTO volunteers (number, lang, created_at, last_seen_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (number) DO UPDATE SET lang = excluded.lang";

bool ussd_volunteer_set_lang(struct db *db, const char *e164, const char *lang, time_t now)
{
    return db_run(db, SQL_VOL_SET_LANG, "ttii", e164, lang, (int64_t)now, (int64_t)now);
}

static const char SQL_STANDING[] =
    "SELECT " SQL_POINTS_OF("v.id") ","
    " (SELECT count(*) FROM plantings p WHERE p.volunteer_id = v.id AND p.status = 'accepted'),"
    " (SELECT count(DISTINCT p.inbound_id) FROM plantings p"
    "  WHERE p.volunteer_id = v.id AND p.status = 'pending_review')"
    " FROM volunteers v WHERE v.number = ?";

enum db_status ussd_volunteer_standing(struct db *db, const char *e164, struct ussd_standing *out)
{
    sqlite3_stmt *st = db_prep(db, SQL_STANDING);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "t", e164) : SQLITE_ERROR);
    struct ussd_standing got = { 0, 0, 0 };
    if (db_row(&r)) {
        got.points = sqlite3_column_int64(st, 0);
        got.accepted = sqlite3_column_int64(st, 1);
        got.pending_reports = sqlite3_column_int64(st, 2);
    }
    enum db_status end = db_rows_end(&r);
    if (DB_FAILED(end))
        return end;
    *out = got;
    return DB_FOUND;
}
