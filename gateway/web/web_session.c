/* web_session.c: dashboard sessions (see web_session.h). */
#include "gateway/web/web_session.h"

#include "gateway/base/pseudonym.h"

#include <openssl/rand.h>

#include <stdio.h>
#include <string.h>

static void hex(const unsigned char *b, size_t n, char *out)
{
    static const char d[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = d[b[i] >> 4];
        out[2 * i + 1] = d[b[i] & 15];
    }
    out[2 * n] = '\0';
}

bool web_token(char out[WEB_TOKEN_HEX])
{
    unsigned char r[32];
    if (RAND_bytes(r, sizeof r) != 1)
        return false;
    hex(r, sizeof r, out);
    return true;
}

/* what the table stores for a cookie */
static bool cookie_hash(const char *cookie, char out[WEB_TOKEN_HEX])
{
    if (strlen(cookie) != WEB_TOKEN_HEX - 1)
        return false;
    unsigned char d[32];
    digest_sha256(cookie, strlen(cookie), "", 0, d);
    hex(d, sizeof d, out);
    return true;
}

bool web_session_open(struct db *db, int64_t account_id, const char *address, time_t now,
                      char cookie[WEB_TOKEN_HEX], char csrf[WEB_TOKEN_HEX])
{
    char h[WEB_TOKEN_HEX];
    if (!web_token(cookie) || !web_token(csrf) || !cookie_hash(cookie, h))
        return false;
    return db_run(db, "INSERT INTO web_sessions (id_hash, account_id, csrf, address, created_at,"
                      " last_seen_at) VALUES (?, ?, ?, ?, ?, ?)", "tittii", h, account_id, csrf,
                  address, (int64_t)now, (int64_t)now);
}

enum db_status web_session_find(struct db *db, const char *cookie, time_t now, long idle_s,
                                struct web_user *u)
{
    char h[WEB_TOKEN_HEX];
    if (!cookie || !cookie_hash(cookie, h))
        return DB_NONE;
    sqlite3_stmt *st = db_prep(db, "SELECT a.id, a.name, a.role, s.csrf, s.last_seen_at"
                                   " FROM web_sessions s JOIN web_accounts a ON a.id = s.account_id"
                                   " WHERE s.id_hash = ? AND s.last_seen_at >= ?");
    if (!st)
        return DB_ERROR;
    db_bind(st, "ti", h, (int64_t)(now - idle_s));
    int rc = sqlite3_step(st);
    int64_t seen = 0;
    if (rc == SQLITE_ROW) {
        memset(u, 0, sizeof *u);
        u->account_id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, u->name, sizeof u->name);
        u->role = web_role_parse((const char *)sqlite3_column_text(st, 2));
        db_col_text(st, 3, u->csrf, sizeof u->csrf);
        seen = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? DB_NONE : DB_ERROR;
    /* a write at most every 30 s per session keeps page views cheap */
    if (now - seen >= 30)
        db_run(db, "UPDATE web_sessions SET last_seen_at = ? WHERE id_hash = ?", "it",
               (int64_t)now, h);
    return u->role == ROLE_NONE ? DB_NONE : DB_FOUND;
}

void web_session_close(struct db *db, const char *cookie)
{
    char h[WEB_TOKEN_HEX];
    if (cookie && cookie_hash(cookie, h))
        db_run(db, "DELETE FROM web_sessions WHERE id_hash = ?", "t", h);
}

void web_session_purge(struct db *db, time_t now, long idle_s)
{
    db_run(db, "DELETE FROM web_sessions WHERE last_seen_at < ?", "i", (int64_t)(now - idle_s));
}
