/* web_session.h: dashboard sessions: a 256-bit random cookie (OpenSSL RAND_bytes)
 * of which only a SHA-256 is stored, a CSRF token per session, idle expiry. */
#ifndef TALKA_WEB_SESSION_H
#define TALKA_WEB_SESSION_H

#include "db/db.h"
#include "gateway/web/web_accounts.h"

#include <stdbool.h>
#include <time.h>

#define WEB_TOKEN_HEX 65   /* 64 hex characters and a NUL */

struct web_user {
    int64_t account_id;
    char name[40];
    enum web_role role;
    char csrf[WEB_TOKEN_HEX];
    char sid[WEB_TOKEN_HEX];   /* the stored hash of the session's cookie */
    bool flash;                /* a notice waits for the next page */
};

/* 32 random bytes as hex; false when the random generator fails. */
bool web_token(char out[WEB_TOKEN_HEX]);

/* Opens a session for the account; cookie and csrf receive new tokens. */
bool web_session_open(struct db *db, int64_t account_id, const char *address, time_t now,
                      char cookie[WEB_TOKEN_HEX], char csrf[WEB_TOKEN_HEX]);
/* The session of cookie when it has been used within idle_s seconds (its last use
 * is moved to now); DB_NONE when absent or expired. */
enum db_status web_session_find(struct db *db, const char *cookie, time_t now, long idle_s,
                                struct web_user *u);
/* Leaves a notice on the session u for its next page, never in the address. */
void web_session_flash(struct db *db, const struct web_user *u, bool ok, const char *text);

void web_session_close(struct db *db, const char *cookie);
/* Deletes sessions idle longer than idle_s. */
void web_session_purge(struct db *db, time_t now, long idle_s);

#endif
