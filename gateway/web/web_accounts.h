/* web_accounts.h: dashboard accounts (008_web): names, roles, yescrypt password
 * hashes through libxcrypt's crypt_gensalt/crypt_r, and the login check with its
 * limits (db/lockout.c, LOCKOUT_WEB_ACCOUNT and LOCKOUT_WEB_ADDRESS): 10 wrong
 * passwords lock the account, and the client address, for 15 minutes. Used by the dashboard and by `talka web user`. */
#ifndef TALKA_WEB_ACCOUNTS_H
#define TALKA_WEB_ACCOUNTS_H

#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define WEB_PASSWORD_MIN 10

enum web_role { ROLE_NONE = 0, ROLE_VIEWER = 1, ROLE_COORDINATOR = 2, ROLE_ADMIN = 3 };

struct web_account {
    int64_t id;
    char name[40];
    enum web_role role;
    time_t created_at, last_login_at, locked_until;
    int failures;
};

/* "admin" -> ROLE_ADMIN ...; ROLE_NONE for anything else. */
enum web_role web_role_parse(const char *s);
const char *web_role_name(enum web_role r);

/* 1-32 of a-z 0-9 . _ - */
bool web_account_name_ok(const char *name);
/* False with a reason when the password is too short or too long. */
bool web_password_ok(const char *pw, char *err, size_t errlen);

/* Each returns DB_FOUND on success, DB_NONE when the name is taken (add) or
 * unknown (the others), DB_ERROR on a database or hashing failure. */
enum db_status web_account_add(struct db *db, const char *name, enum web_role role,
                               const char *password, time_t now);
enum db_status web_account_passwd(struct db *db, const char *name, const char *password,
                                  time_t now);
/* Removing an account ends its sessions; the last admin stays (*last_admin set,
 * DB_NONE), checked in the same write transaction as the delete. */
enum db_status web_account_remove(struct db *db, const char *name, bool *last_admin);
enum db_status web_account_get(struct db *db, const char *name, struct web_account *out);
/* Up to max accounts by name; -1 on error. */
int web_account_list(struct db *db, struct web_account *out, int max);
/* How many admins there are (-1 on error): the last one may not go. */
int web_admin_count(struct db *db);

enum web_login { LOGIN_OK, LOGIN_BAD, LOGIN_LOCKED, LOGIN_ERROR };
/* Checks name and password for a client at address: LOGIN_LOCKED while the
 * account or the address is locked (even with the right password), LOGIN_BAD on
 * a wrong name or password (counted against both). */
enum web_login web_login_check(struct db *db, const char *name, const char *password,
                               const char *address, time_t now, struct web_account *out);

/* A random password of n characters (letters and digits, no look-alikes). */
bool web_random_password(char *out, size_t n);

#endif
