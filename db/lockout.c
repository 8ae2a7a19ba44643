/* lockout.c: the sign-in lockout's one rule over the doors' tables (see lockout.h). */
#include "db/lockout.h"

#include <assert.h>
#include <stdlib.h>

struct door {
    int limit;
    long seconds;
    char key_type;          /* 'i' an id, 't' text */
    const char *create;     /* binds: now, key; the key's row when it has none (NULL: it
                               always has one) */
    const char *count;      /* binds: forget-before (when forgets), now, key; or key alone */
    bool forgets;
    const char *failures;
    const char *lock;       /* binds: locked until, key */
    const char *locked;
    const char *clear;
    long forget;            /* tries older than this are forgotten (0: the lock period) */
    const char *trim;       /* binds: before; rows kept for strangers that expired and
                               those past the cap (NULL: the table holds real keys) */
};

/* rows kept for names that are not accounts: at most this many, a day each */
#define UNKNOWN_CAP "1000"
#define UNKNOWN_KEEP (24 * 3600)

static const struct door doors[] = {
    [LOCKOUT_STAFF_PIN] = {
        5, 3600, 'i',
        "INSERT INTO staff_pin_failures (last_at, volunteer_id, failures) VALUES (?, ?, 0)"
        " ON CONFLICT (volunteer_id) DO NOTHING",
        "UPDATE staff_pin_failures SET failures = CASE WHEN last_at < ? THEN 1"
        " ELSE failures + 1 END, last_at = ? WHERE volunteer_id = ?", true,
        "SELECT failures FROM staff_pin_failures WHERE volunteer_id = ?",
        "UPDATE staff_pin_failures SET failures = 0, locked_until = ? WHERE volunteer_id = ?",
        "SELECT locked_until FROM staff_pin_failures WHERE volunteer_id = ?",
        "UPDATE staff_pin_failures SET failures = 0 WHERE volunteer_id = ?",
    },
    [LOCKOUT_WEB_ADDRESS] = {
        10, 15 * 60, 't',
        "INSERT INTO web_login_failures (last_at, address, failures) VALUES (?, ?, 0)"
        " ON CONFLICT (address) DO NOTHING",
        "UPDATE web_login_failures SET failures = CASE WHEN last_at < ? THEN 1"
        " ELSE failures + 1 END, last_at = ? WHERE address = ?", true,
        "SELECT failures FROM web_login_failures WHERE address = ?",
        "UPDATE web_login_failures SET failures = 0, locked_until = ? WHERE address = ?",
        "SELECT locked_until FROM web_login_failures WHERE address = ?",
        "DELETE FROM web_login_failures WHERE address = ?",
    },
    [LOCKOUT_WEB_ACCOUNT] = {
        10, 15 * 60, 'i', NULL,
        "UPDATE web_accounts SET failures = failures + 1 WHERE id = ?", false,
        "SELECT failures FROM web_accounts WHERE id = ?",
        "UPDATE web_accounts SET failures = 0, locked_until = ? WHERE id = ?",
        "SELECT locked_until FROM web_accounts WHERE id = ?",
        "UPDATE web_accounts SET failures = 0, locked_until = 0 WHERE id = ?",
    },
    /* like an account (its tries kept a day instead of for ever), so that the
     * lockout answers an unknown name exactly as a real one */
    [LOCKOUT_WEB_UNKNOWN] = {
        10, 15 * 60, 't',
        "INSERT INTO web_login_unknown (last_at, name, failures) VALUES (?, ?, 0)"
        " ON CONFLICT (name) DO NOTHING",
        "UPDATE web_login_unknown SET failures = CASE WHEN last_at < ? THEN 1"
        " ELSE failures + 1 END, last_at = ? WHERE name = ?", true,
        "SELECT failures FROM web_login_unknown WHERE name = ?",
        "UPDATE web_login_unknown SET failures = 0, locked_until = ? WHERE name = ?",
        "SELECT locked_until FROM web_login_unknown WHERE name = ?",
        "DELETE FROM web_login_unknown WHERE name = ?",
        UNKNOWN_KEEP,
        "DELETE FROM web_login_unknown WHERE (last_at < ?1 AND locked_until < ?2) OR name IN"
        " (SELECT name FROM web_login_unknown ORDER BY last_at DESC LIMIT -1 OFFSET "
        UNKNOWN_CAP ")",
    },
};

static const struct door *door_of(enum lockout_door d)
{
    assert((int)d >= 0 && (size_t)d < sizeof doors / sizeof doors[0]);
    return &doors[d];
}

int lockout_limit(enum lockout_door door) { return door_of(door)->limit; }
long lockout_seconds(enum lockout_door door) { return door_of(door)->seconds; }

/* Runs sql with the key (and the integers before it) bound as the door says. */
static bool run_keyed(struct db *db, const struct door *d, const char *sql, int n, int64_t a,
                      int64_t b, const char *key)
{
    int64_t id = d->key_type == 'i' ? strtoll(key, NULL, 10) : 0;
    if (d->key_type == 'i')
        return n == 0 ? db_run(db, sql, "i", id)
             : n == 1 ? db_run(db, sql, "ii", a, id) : db_run(db, sql, "iii", a, b, id);
    return n == 0 ? db_run(db, sql, "t", key)
         : n == 1 ? db_run(db, sql, "it", a, key) : db_run(db, sql, "iit", a, b, key);
}

static enum db_status int_keyed(struct db *db, const struct door *d, const char *sql,
                                const char *key, int64_t *out)
{
    if (d->key_type == 'i')
        return db_int(db, out, sql, "i", (int64_t)strtoll(key, NULL, 10));
    return db_int(db, out, sql, "t", key);
}

enum db_status lockout_locked(struct db *db, enum lockout_door door, const char *key, time_t now)
{
    const struct door *d = door_of(door);
    int64_t until = 0;
    enum db_status st = int_keyed(db, d, d->locked, key, &until);
    if (st != DB_FOUND)
        return st;
    return until > (int64_t)now ? DB_FOUND : DB_NONE;
}

enum db_status lockout_failed(struct db *db, enum lockout_door door, const char *key, time_t now,
                              int64_t *tries_left)
{
    const struct door *d = door_of(door);
    int64_t failures = 0;
    long forget = d->forget ? d->forget : d->seconds;
    if (d->trim && !db_run(db, d->trim, "ii", (int64_t)(now - forget), (int64_t)now))
        return DB_ERROR;
    if (d->create && !run_keyed(db, d, d->create, 1, (int64_t)now, 0, key))
        return DB_ERROR;
    bool counted = d->forgets
        ? run_keyed(db, d, d->count, 2, (int64_t)(now - forget), (int64_t)now, key)
        : run_keyed(db, d, d->count, 0, 0, 0, key);
    if (!counted)
        return DB_ERROR;
    enum db_status st = int_keyed(db, d, d->failures, key, &failures);
    if (st != DB_FOUND)
        return DB_FAILED(st) ? st : DB_ERROR;
    if (tries_left)
        *tries_left = d->limit - failures;
    if (failures < d->limit)
        return DB_NONE;
    if (!run_keyed(db, d, d->lock, 1, (int64_t)(now + d->seconds), 0, key))
        return DB_ERROR;
    return DB_FOUND;
}

bool lockout_clear(struct db *db, enum lockout_door door, const char *key)
{
    const struct door *d = door_of(door);
    return run_keyed(db, d, d->clear, 0, 0, 0, key);
}
