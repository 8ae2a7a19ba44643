/* broadcast_release.c: the queries of the broadcast release service and of the
 * last step of filling a broadcast from a file (see broadcast_release.h). */
#include "db/broadcast_release.h"

#include "db/aggregate.h"

/* DB_FOUND when a count (read with status s) is above 0, DB_NONE when it is 0. */
static enum db_status any(enum db_status s, int64_t n)
{
    s = db_count_status(s);
    if (s != DB_FOUND)
        return s;
    return n > 0 ? DB_FOUND : DB_NONE;
}

bool broadcast_mark_scheduled(struct db *db, int64_t id)
{
    return db_run(db, "UPDATE broadcasts SET state = 'scheduled', recipients = (SELECT count(*)"
                      " FROM broadcast_recipients WHERE broadcast_id = ?) WHERE id = ?"
                      " AND state = 'preparing'", "ii", id, id);
}

enum db_status broadcast_is_scheduled(struct db *db, int64_t id)
{
    int64_t n = 0;
    enum db_status s = db_int(db, &n, "SELECT count(*) FROM broadcasts WHERE id = ?"
                                      " AND state = 'scheduled'", "i", id);
    return any(s, n);
}

enum db_status broadcast_scheduled_count(struct db *db, int64_t *out)
{
    return db_count_status(db_int(db, out, "SELECT count(*) FROM broadcasts WHERE"
                                           " state = 'scheduled'", ""));
}

enum db_status broadcast_pending_count(struct db *db, int64_t id, int64_t *out)
{
    return db_count_status(db_int(db, out, "SELECT count(*) FROM broadcast_recipients WHERE"
                                           " broadcast_id = ? AND state = 'pending'", "i", id));
}

enum db_status broadcast_copy_queued(struct db *db, int64_t id, const char *number)
{
    int64_t n = 0;
    enum db_status s = db_int(db, &n, "SELECT count(*) FROM outbound WHERE broadcast_id = ? AND"
                                      " recipient = ? AND kind = 'broadcast'", "it", id, number);
    return any(s, n);
}

enum db_status broadcast_cap_notice_given(struct db *db, const char *day)
{
    int64_t n = 0;
    enum db_status s = db_int(db, &n, "SELECT count(*) FROM meta WHERE key = 'broadcast_cap_notice'"
                                      " AND value = ?", "t", day);
    return any(s, n);
}

bool broadcast_cap_notice_remember(struct db *db, const char *day)
{
    return db_run(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('broadcast_cap_notice', ?)",
                  "t", day);
}
