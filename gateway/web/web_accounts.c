/* web_accounts.c: dashboard accounts and the login check (see web_accounts.h).
 * Hashes are yescrypt strings made by libxcrypt; nothing here hashes by hand. */
#include "gateway/web/web_accounts.h"

#include "db/accounts.h"
#include "db/lockout.h"
#include "gateway/base/log.h"

#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <pthread.h>
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
    return accounts_add(db, name, web_role_name(role), hash, (int64_t)now);
}

enum db_status web_account_passwd(struct db *db, const char *name, const char *password,
                                  time_t now)
{
    char hash[256];
    if (!hash_password(password, hash, sizeof hash))
        return DB_ERROR;
    return accounts_set_hash(db, name, hash, (int64_t)now);
}

enum db_status web_account_remove(struct db *db, const char *name, bool *last_admin)
{
    return accounts_remove(db, name, last_admin);
}

static void from_row(const struct account_row *r, struct web_account *a)
{
    memset(a, 0, sizeof *a);
    a->id = r->id;
    snprintf(a->name, sizeof a->name, "%s", r->name);
    a->role = web_role_parse(r->role);
    a->created_at = (time_t)r->created_at;
    a->last_login_at = (time_t)r->last_login_at;
    a->failures = r->failures;
    a->locked_until = (time_t)r->locked_until;
}

enum db_status web_account_get(struct db *db, const char *name, struct web_account *out)
{
    struct account_row r;
    enum db_status s = accounts_find(db, name, &r);
    if (s == DB_FOUND)
        from_row(&r, out);
    return s;
}

struct list { struct web_account *out; int max, n; };

static int list_row(const struct account_row *r, void *arg)
{
    struct list *l = arg;
    if (l->n >= l->max)
        return 1;
    from_row(r, &l->out[l->n++]);
    return 0;
}

int web_account_list(struct db *db, struct web_account *out, int max)
{
    struct list l = { out, max, 0 };
    return DB_FAILED(accounts_each(db, list_row, &l)) ? -1 : l.n;
}

int web_admin_count(struct db *db)
{
    int64_t n = 0;
    if (DB_FAILED(accounts_count_role(db, web_role_name(ROLE_ADMIN), &n)))
        return -1;
    return (int)n;
}

/* one more failure for the account (id > 0) or the unknown name, and for the
 * address, in one transaction; false when it could not be counted */
static bool count_failure(struct db *db, int64_t id, const char *name, const char *address,
                          time_t now)
{
    if (!db_begin(db))
        return false;
    bool ok = true;
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    if (id > 0)
        ok = !DB_FAILED(lockout_failed(db, LOCKOUT_WEB_ACCOUNT, key, now, NULL));
    else if (web_account_name_ok(name))
        ok = !DB_FAILED(lockout_failed(db, LOCKOUT_WEB_UNKNOWN, name, now, NULL));
    /* an address's count starts again after a quiet lock period */
    ok = ok && !DB_FAILED(lockout_failed(db, LOCKOUT_WEB_ADDRESS, address, now, NULL));
    if (!ok || !db_commit(db)) {
        db_rollback(db);
        return false;
    }
    return true;
}

static char dummy_hash[256];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

/* a yescrypt hash of a random password, made like an account's: an unknown
 * name is checked against it, so it costs exactly the time a real one does */
static void make_dummy(void)
{
    char pw[33];
    if (!web_random_password(pw, 32) || !hash_password(pw, dummy_hash, sizeof dummy_hash))
        dummy_hash[0] = '\0';
    OPENSSL_cleanse(pw, sizeof pw);
}

/* LOGIN_LOCKED when the account, or the unknown name, is locked; LOGIN_ERROR
 * when that cannot be read; else LOGIN_OK */
static enum web_login name_locked(struct db *db, const char *name, enum db_status found,
                                  const struct web_account *a, time_t now)
{
    if (found == DB_FOUND)
        return a->locked_until > now ? LOGIN_LOCKED : LOGIN_OK;
    if (!web_account_name_ok(name))
        return LOGIN_OK;
    enum db_status st = lockout_locked(db, LOCKOUT_WEB_UNKNOWN, name, now);
    return DB_FAILED(st) ? LOGIN_ERROR : st == DB_FOUND ? LOGIN_LOCKED : LOGIN_OK;
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
    if (DB_FAILED(st))
        return LOGIN_ERROR;
    enum web_login lock = name_locked(db, name, st, &a, now);
    if (lock != LOGIN_OK)
        return lock;
    char stored[256] = "";
    if (st == DB_FOUND && DB_FAILED(accounts_hash(db, a.id, stored, sizeof stored)))
        return LOGIN_ERROR;
    /* an unknown name costs the same hashing as a known one: the same kind of hash */
    pthread_once(&dummy_once, make_dummy);
    bool good = verify_password(password, stored[0] ? stored : dummy_hash) && stored[0];
    if (!good)   /* a failure that cannot be counted refuses: never a free guess */
        return count_failure(db, st == DB_FOUND ? a.id : 0, name, address, now) ? LOGIN_BAD
                                                                                : LOGIN_ERROR;
    if (!login_succeeded(db, a.id, address, (int64_t)now))
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
