/* accounts.c: the dashboard's accounts, sessions and login failures (see accounts.h). */
#include "db/accounts.h"

#include <string.h>

#define ACCOUNT_COLS "id, name, role, created_at, coalesce(last_login_at, 0), failures, locked_until"

static void account_read(sqlite3_stmt *st, struct account_row *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    db_col_text(st, 1, a->name, sizeof a->name);
    db_col_text(st, 2, a->role, sizeof a->role);
    a->created_at = sqlite3_column_int64(st, 3);
    a->last_login_at = sqlite3_column_int64(st, 4);
    a->failures = sqlite3_column_int(st, 5);
    a->locked_until = sqlite3_column_int64(st, 6);
}

enum db_status accounts_find(struct db *db, const char *name, struct account_row *out)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " ACCOUNT_COLS " FROM web_accounts WHERE name = ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "t", name) : SQLITE_ERROR);
    bool found = db_row(&r);
    if (found)
        account_read(st, out);
    enum db_status s = db_rows_end(&r);
    return DB_FAILED(s) ? s : found ? DB_FOUND : DB_NONE;
}

enum db_status accounts_hash(struct db *db, int64_t id, char *hash, size_t len)
{
    sqlite3_stmt *st = db_prep(db, "SELECT hash FROM web_accounts WHERE id = ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "i", id) : SQLITE_ERROR);
    bool found = db_row(&r);
    if (found)
        db_col_text(st, 0, hash, len);
    enum db_status s = db_rows_end(&r);
    return DB_FAILED(s) ? s : found ? DB_FOUND : DB_NONE;
}

enum db_status accounts_each(struct db *db, int (*row)(const struct account_row *, void *),
                             void *arg)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " ACCOUNT_COLS " FROM web_accounts ORDER BY name");
    struct db_rows r = db_rows(db, st);
    while (db_row(&r)) {
        struct account_row a;
        account_read(st, &a);
        if (row(&a, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status accounts_count_role(struct db *db, const char *role, int64_t *n)
{
    *n = 0;
    enum db_status s = db_int(db, n, "SELECT count(*) FROM web_accounts WHERE role = ?", "t", role);
    return DB_FAILED(s) ? s : DB_FOUND;
}

enum db_status accounts_add(struct db *db, const char *name, const char *role, const char *hash,
                            int64_t now)
{
    int64_t id = 0;
    enum db_status st = db_int(db, &id, "SELECT id FROM web_accounts WHERE name = ?", "t", name);
    if (st != DB_NONE)
        return st == DB_FOUND ? DB_NONE : st;
    return db_run(db, "INSERT INTO web_accounts (name, role, hash, created_at, password_at)"
                      " VALUES (?, ?, ?, ?, ?)", "tttii", name, role, hash, now, now)
               ? DB_FOUND
               : DB_ERROR;
}

enum db_status accounts_set_hash(struct db *db, const char *name, const char *hash, int64_t now)
{
    if (!db_begin(db))
        return DB_ERROR;
    bool ok = db_run(db, "UPDATE web_accounts SET hash = ?, password_at = ?, failures = 0,"
                         " locked_until = 0 WHERE name = ?", "tit", hash, now, name);
    int changed = db_changes(db);
    /* a new password ends the sessions opened with the old one */
    ok = ok && db_run(db, "DELETE FROM web_sessions WHERE account_id IN"
                          " (SELECT id FROM web_accounts WHERE name = ?)", "t", name);
    if (!ok || !db_commit(db)) {
        db_rollback(db);
        return DB_ERROR;
    }
    return changed ? DB_FOUND : DB_NONE;
}

enum db_status accounts_remove(struct db *db, const char *name, bool *last_admin)
{
    *last_admin = false;
    if (!db_begin(db))   /* BEGIN IMMEDIATE: the count below cannot change under us */
        return DB_ERROR;
    int64_t others = 0;
    enum db_status st = db_int(db, &others, "SELECT count(*) FROM web_accounts WHERE role ="
                               " 'admin' AND name <> ?", "t", name);
    if (DB_FAILED(st)) {
        db_rollback(db);
        return st;
    }
    int64_t is_admin = 0;
    st = db_int(db, &is_admin, "SELECT count(*) FROM web_accounts WHERE name = ? AND role ="
                " 'admin'", "t", name);
    if (DB_FAILED(st) || (is_admin && others == 0)) {
        db_rollback(db);
        *last_admin = !DB_FAILED(st);
        return DB_FAILED(st) ? st : DB_NONE;
    }
    bool ok = db_run(db, "DELETE FROM web_sessions WHERE account_id IN"
                         " (SELECT id FROM web_accounts WHERE name = ?)", "t", name) &&
              db_run(db, "DELETE FROM web_accounts WHERE name = ?", "t", name);
    int changed = db_changes(db);
    if (!ok || !db_commit(db)) {
        db_rollback(db);
        return DB_ERROR;
    }
    return changed ? DB_FOUND : DB_NONE;
}

bool login_succeeded(struct db *db, int64_t id, const char *address, int64_t now)
{
    return db_run(db, "UPDATE web_accounts SET failures = 0, locked_until = 0, last_login_at = ?"
                      " WHERE id = ?", "ii", now, id) &&
           db_run(db, "DELETE FROM web_login_failures WHERE address = ?", "t", address);
}

bool sessions_create(struct db *db, const char *id_hash, int64_t account_id, const char *csrf,
                     const char *address, int64_t now)
{
    return db_run(db, "INSERT INTO web_sessions (id_hash, account_id, csrf, address, created_at,"
                      " last_seen_at) VALUES (?, ?, ?, ?, ?, ?)", "tittii", id_hash, account_id,
                  csrf, address, now, now);
}

enum db_status sessions_find(struct db *db, const char *id_hash, int64_t since,
                             struct session_row *out)
{
    sqlite3_stmt *st = db_prep(db, "SELECT a.id, a.name, a.role, s.csrf, s.last_seen_at,"
                                   " s.flash_ok IS NOT NULL OR s.flash_err IS NOT NULL"
                                   " FROM web_sessions s JOIN web_accounts a ON a.id = s.account_id"
                                   " WHERE s.id_hash = ? AND s.last_seen_at >= ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "ti", id_hash, since) : SQLITE_ERROR);
    bool found = db_row(&r);
    if (found) {
        memset(out, 0, sizeof *out);
        out->account_id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, out->name, sizeof out->name);
        db_col_text(st, 2, out->role, sizeof out->role);
        db_col_text(st, 3, out->csrf, sizeof out->csrf);
        out->last_seen_at = sqlite3_column_int64(st, 4);
        out->flash = sqlite3_column_int(st, 5) != 0;
    }
    enum db_status s = db_rows_end(&r);
    return DB_FAILED(s) ? s : found ? DB_FOUND : DB_NONE;
}

bool sessions_touch(struct db *db, const char *id_hash, int64_t now)
{
    return db_run(db, "UPDATE web_sessions SET last_seen_at = ? WHERE id_hash = ?", "it", now,
                  id_hash);
}

bool sessions_delete(struct db *db, const char *id_hash)
{
    return db_run(db, "DELETE FROM web_sessions WHERE id_hash = ?", "t", id_hash);
}

bool sessions_flash_set(struct db *db, const char *id_hash, bool ok, const char *text)
{
    return db_run(db, ok ? "UPDATE web_sessions SET flash_ok = ? WHERE id_hash = ?"
                         : "UPDATE web_sessions SET flash_err = ? WHERE id_hash = ?",
                  "tt", text, id_hash);
}

enum db_status sessions_flash_take(struct db *db, const char *id_hash, char *ok, size_t oklen,
                                   char *err, size_t errlen)
{
    ok[0] = err[0] = '\0';
    sqlite3_stmt *st = db_prep(db, "SELECT coalesce(flash_ok, ''), coalesce(flash_err, '')"
                                   " FROM web_sessions WHERE id_hash = ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "t", id_hash) : SQLITE_ERROR);
    bool found = db_row(&r);
    if (found) {
        db_col_text(st, 0, ok, oklen);
        db_col_text(st, 1, err, errlen);
    }
    enum db_status s = db_rows_end_one(&r, found);
    /* shown once: cleared as it is read */
    if (found && (*ok || *err) &&
        !db_run(db, "UPDATE web_sessions SET flash_ok = NULL, flash_err = NULL WHERE id_hash = ?",
                "t", id_hash))
        return DB_ERROR;
    return s;
}

bool sessions_purge(struct db *db, int64_t before)
{
    return db_run(db, "DELETE FROM web_sessions WHERE last_seen_at < ?", "i", before);
}
