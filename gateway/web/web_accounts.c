/* web_accounts.c: dashboard accounts and the login check (see web_accounts.h).
 * Hashes are yescrypt strings made by libxcrypt; nothing here hashes by hand. */
#include "gateway/web/web_accounts.h"

#include "db/lockout.h"

#include "gateway/base/log.h"

#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum web_role web_role_parse(const char *s)
{
    if (!s)
        return ROLE_NONE;
    if (!strcmp(s, "admin"))
        return ROLE_ADMIN;
    if (!strcmp(s, "coordinator"))
        return ROLE_COORDINATOR;
    if (!strcmp(s, "viewer"))
        return ROLE_VIEWER;
    return ROLE_NONE;
}

const char *web_role_name(enum web_role r)
{
    switch (r) {
    case ROLE_ADMIN: return "admin";
    case ROLE_COORDINATOR: return "coordinator";
    case ROLE_VIEWER: return "viewer";
    default: return "none";
    }
}

bool web_account_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n < 1 || n > 32)
        return false;
    for (const char *s = name; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
              *s == '-'))
            return false;
    return true;
}

bool web_password_ok(const char *pw, char *err, size_t errlen)
{
    size_t n = strlen(pw);
    if (n < WEB_PASSWORD_MIN) {
        snprintf(err, errlen, "the password is too short (at least %d characters)",
                 WEB_PASSWORD_MIN);
        return false;
    }
    if (n > 200) {
        snprintf(err, errlen, "the password is too long (at most 200 characters)");
        return false;
    }
    return true;
}

/* yescrypt of pw with a fresh salt into out; false on failure */
static bool hash_password(const char *pw, char *out, size_t len)
{
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt))
        return false;
    struct crypt_data *cd = calloc(1, sizeof *cd);
    if (!cd)
        return false;
    const char *h = crypt_r(pw, salt, cd);
    bool ok = h && h[0] == '$' && strlen(h) < len;
    if (ok)
        snprintf(out, len, "%s", h);
    OPENSSL_cleanse(cd, sizeof *cd);
    free(cd);
    return ok;
}

/* true when pw matches the stored hash (a constant-time comparison) */
static bool verify_password(const char *pw, const char *stored)
{
    struct crypt_data *cd = calloc(1, sizeof *cd);
    if (!cd)
        return false;
    const char *h = crypt_r(pw, stored, cd);
    bool ok = h && h[0] == '$' && strlen(h) == strlen(stored) &&
              CRYPTO_memcmp(h, stored, strlen(stored)) == 0;
    OPENSSL_cleanse(cd, sizeof *cd);
    free(cd);
    return ok;
}

enum db_status web_account_add(struct db *db, const char *name, enum web_role role,
                               const char *password, time_t now)
{
    char hash[256];
    if (!hash_password(password, hash, sizeof hash))
        return DB_ERROR;
    int64_t id = 0;
    enum db_status st = db_int(db, &id, "SELECT id FROM web_accounts WHERE name = ?", "t", name);
    if (st != DB_NONE)
        return st == DB_FOUND ? DB_NONE : DB_ERROR;
    return db_run(db, "INSERT INTO web_accounts (name, role, hash, created_at, password_at)"
                      " VALUES (?, ?, ?, ?, ?)", "tttii", name, web_role_name(role), hash,
                  (int64_t)now, (int64_t)now)
               ? DB_FOUND
               : DB_ERROR;
}

enum db_status web_account_passwd(struct db *db, const char *name, const char *password,
                                  time_t now)
{
    char hash[256];
    if (!hash_password(password, hash, sizeof hash))
        return DB_ERROR;
    if (!db_begin(db))
        return DB_ERROR;
    bool ok = db_run(db, "UPDATE web_accounts SET hash = ?, password_at = ?, failures = 0,"
                         " locked_until = 0 WHERE name = ?", "tit", hash, (int64_t)now, name);
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

enum db_status web_account_remove(struct db *db, const char *name)
{
    if (!db_begin(db))
        return DB_ERROR;
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

static void read_row(sqlite3_stmt *st, struct web_account *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    db_col_text(st, 1, a->name, sizeof a->name);
    a->role = web_role_parse((const char *)sqlite3_column_text(st, 2));
    a->created_at = (time_t)sqlite3_column_int64(st, 3);
    a->last_login_at = (time_t)sqlite3_column_int64(st, 4);
    a->failures = sqlite3_column_int(st, 5);
    a->locked_until = (time_t)sqlite3_column_int64(st, 6);
}

#define ACCOUNT_COLS "id, name, role, created_at, coalesce(last_login_at, 0), failures, locked_until"

enum db_status web_account_get(struct db *db, const char *name, struct web_account *out)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " ACCOUNT_COLS " FROM web_accounts WHERE name = ?");
    if (!st)
        return DB_ERROR;
    db_bind(st, "t", name);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_row(st, out);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_FOUND : rc == SQLITE_DONE ? DB_NONE : DB_ERROR;
}

int web_account_list(struct db *db, struct web_account *out, int max)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " ACCOUNT_COLS " FROM web_accounts ORDER BY name");
    if (!st)
        return -1;
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max)
        read_row(st, &out[n++]);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? n : -1;
}

int web_admin_count(struct db *db)
{
    int64_t n = 0;
    if (db_int(db, &n, "SELECT count(*) FROM web_accounts WHERE role = 'admin'", "") == DB_ERROR)
        return -1;
    return (int)n;
}

/* one more failure for the account (id > 0) and the address, in one transaction */
static void count_failure(struct db *db, int64_t id, const char *address, time_t now)
{
    if (!db_begin(db))
        return;
    bool ok = true;
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    if (id > 0)
        ok = !DB_FAILED(lockout_failed(db, LOCKOUT_WEB_ACCOUNT, key, now, NULL));
    /* an address's count starts again after a quiet lock period */
    ok = ok && !DB_FAILED(lockout_failed(db, LOCKOUT_WEB_ADDRESS, address, now, NULL));
    if (!ok || !db_commit(db))
        db_rollback(db);
}

enum web_login web_login_check(struct db *db, const char *name, const char *password,
                               const char *address, time_t now, struct web_account *out)
{
    enum db_status st = lockout_locked(db, LOCKOUT_WEB_ADDRESS, address, now);
    if (DB_FAILED(st))
        return LOGIN_ERROR;
    if (st == DB_FOUND)
        return LOGIN_LOCKED;
    struct web_account a;
    st = web_account_get(db, name, &a);
    if (st == DB_ERROR)
        return LOGIN_ERROR;
    if (st == DB_FOUND && a.locked_until > now)
        return LOGIN_LOCKED;
    char stored[256] = "";
    if (st == DB_FOUND) {
        sqlite3_stmt *q = db_prep(db, "SELECT hash FROM web_accounts WHERE id = ?");
        if (!q)
            return LOGIN_ERROR;
        db_bind(q, "i", a.id);
        if (sqlite3_step(q) == SQLITE_ROW)
            db_col_text(q, 0, stored, sizeof stored);
        sqlite3_reset(q);
    }
    /* an unknown name costs the same hashing as a known one */
    bool good = false;
    if (stored[0]) {
        good = verify_password(password, stored);
    } else {
        char ignored[256];
        hash_password(password, ignored, sizeof ignored);
    }
    if (!good) {
        count_failure(db, st == DB_FOUND ? a.id : 0, address, now);
        return LOGIN_BAD;
    }
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)a.id);
    if (!db_run(db, "UPDATE web_accounts SET last_login_at = ? WHERE id = ?", "ii", (int64_t)now,
                a.id) ||
        !lockout_clear(db, LOCKOUT_WEB_ACCOUNT, key) ||
        !lockout_clear(db, LOCKOUT_WEB_ADDRESS, address))
        return LOGIN_ERROR;
    *out = a;
    out->last_login_at = now;
    return LOGIN_OK;
}

bool web_random_password(char *out, size_t n)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const size_t k = sizeof alphabet - 1;
    size_t i = 0;
    while (i < n) {
        unsigned char r[32];
        if (RAND_bytes(r, sizeof r) != 1)
            return false;
        for (size_t j = 0; j < sizeof r && i < n; j++)
            if (r[j] < 256 - 256 % k)    /* no bias towards the first letters */
                out[i++] = alphabet[r[j] % k];
    }
    out[n] = '\0';
    return true;
}
