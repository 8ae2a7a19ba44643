/* web_session.c: dashboard sessions (see web_session.h). */
#include "gateway/web/web_session.h"

#include "db/accounts.h"
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
    return sessions_create(db, h, account_id, csrf, address, (int64_t)now);
}

enum db_status web_session_find(struct db *db, const char *cookie, time_t now, long idle_s,
                                struct web_user *u)
{
    char h[WEB_TOKEN_HEX];
    if (!cookie || !cookie_hash(cookie, h))
        return DB_NONE;
    struct session_row r;
    enum db_status st = sessions_find(db, h, (int64_t)(now - idle_s), &r);
    if (st != DB_FOUND)
        return st;
    memset(u, 0, sizeof *u);
    u->account_id = r.account_id;
    snprintf(u->name, sizeof u->name, "%s", r.name);
    u->role = web_role_parse(r.role);
    snprintf(u->csrf, sizeof u->csrf, "%s", r.csrf);
    snprintf(u->sid, sizeof u->sid, "%s", h);
    u->flash = r.flash;
    /* a write at most every 30 s per session keeps page views cheap */
    if (now - r.last_seen_at >= 30)
        sessions_touch(db, h, (int64_t)now);
    return u->role == ROLE_NONE ? DB_NONE : DB_FOUND;
}

void web_session_flash(struct db *db, const struct web_user *u, bool ok, const char *text)
{
    if (u->sid[0])
        sessions_flash_set(db, u->sid, ok, text);
}

void web_session_close(struct db *db, const char *cookie)
{
    char h[WEB_TOKEN_HEX];
    if (cookie && cookie_hash(cookie, h))
        sessions_delete(db, h);
}

void web_session_purge(struct db *db, time_t now, long idle_s)
{
    /* housekeeping on a request's thread: a busy database skips it (the next
     * minute tries again) instead of holding the answer for the lock timeout */
    db_set_write_wait(db, 100);
    sessions_purge(db, (int64_t)(now - idle_s));
    db_set_write_wait(db, 0);
}
