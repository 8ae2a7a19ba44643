/* accounts.h: the dashboard's own tables (008_web): staff accounts, their
 * sessions and the wrong-password count per client address. Only the rows live
 * here; password hashing, roles and the lockout rule are the dashboard's
 * (gateway/web/web_accounts.c, web_session.c). */
#ifndef TALKA_DB_ACCOUNTS_H
#define TALKA_DB_ACCOUNTS_H

#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct account_row {
    int64_t id;
    char name[40];
    char role[16];              /* as stored: admin | coordinator | viewer */
    int64_t created_at, last_login_at, locked_until;   /* last_login_at 0: never */
    int failures;
};

/* The account named name: DB_FOUND, DB_NONE or a failure. */
enum db_status accounts_find(struct db *db, const char *name, struct account_row *out);
/* The stored password hash of account id into hash: DB_FOUND, DB_NONE or a failure. */
enum db_status accounts_hash(struct db *db, int64_t id, char *hash, size_t len);
/* Every account by name to row (a nonzero return stops): DB_DONE or a failure. */
enum db_status accounts_each(struct db *db, int (*row)(const struct account_row *, void *),
                             void *arg);
/* How many accounts have role into *n: DB_FOUND or a failure. */
enum db_status accounts_count_role(struct db *db, const char *role, int64_t *n);

/* A new account: DB_FOUND, DB_NONE when the name is taken, or a failure. */
enum db_status accounts_add(struct db *db, const char *name, const char *role, const char *hash,
                            int64_t now);
/* A new hash for name, which clears its lock and ends its sessions (one
 * transaction): DB_FOUND, DB_NONE for an unknown name, or a failure. */
enum db_status accounts_set_hash(struct db *db, const char *name, const char *hash, int64_t now);
/* Removes name and its sessions (one write transaction, which also checks that
 * another admin stays, so two removals at once cannot leave none): DB_FOUND,
 * DB_NONE for an unknown name or (*last_admin set) the last admin, or a failure. */
enum db_status accounts_remove(struct db *db, const char *name, bool *last_admin);

/* A good password: account id's count and lock are cleared, its last login set,
 * and the address forgotten. False on a database failure. */
bool login_succeeded(struct db *db, int64_t id, const char *address, int64_t now);

struct session_row {
    int64_t account_id;
    char name[40];
    char role[16];
    char csrf[65];
    int64_t last_seen_at;
    bool flash;             /* a notice waits (sessions_flash_take) */
};

/* Stores a session by the hash of its cookie. */
bool sessions_create(struct db *db, const char *id_hash, int64_t account_id, const char *csrf,
                     const char *address, int64_t now);
/* The session id_hash with its account, when last seen at or after since:
 * DB_FOUND, DB_NONE or a failure. */
enum db_status sessions_find(struct db *db, const char *id_hash, int64_t since,
                             struct session_row *out);
/* Marks the session id_hash as seen at now. */
bool sessions_touch(struct db *db, const char *id_hash, int64_t now);
bool sessions_delete(struct db *db, const char *id_hash);
/* Leaves a notice (ok: a success, else a problem) on session id_hash for its next page. */
bool sessions_flash_set(struct db *db, const char *id_hash, bool ok, const char *text);
/* The notices left on session id_hash ("" when none), cleared as they are read. */
enum db_status sessions_flash_take(struct db *db, const char *id_hash, char *ok, size_t oklen,
                                   char *err, size_t errlen);
/* Deletes the sessions last seen before before. */
bool sessions_purge(struct db *db, int64_t before);

#endif
