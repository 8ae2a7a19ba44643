/* web_login.c: login, logout and the language switch (see web_login.h). The
 * login form carries a token matching a short-lived cookie, so another site
 * cannot sign a browser in under its own account. */
#include "gateway/web/web_login.h"

#include "db/accounts.h"

#include "db/audit.h"
#include "gateway/base/log.h"
#include "gateway/web/web_page.h"

#include <openssl/crypto.h>

#include <stdio.h>
#include <string.h>

#define PRE_COOKIE "talka_login"
/* how long a sign-in waits for the database's write lock */
#define LOGIN_WAIT_MS 700

static void form(struct web_req *rq, const char *error)
{
    char token[WEB_TOKEN_HEX];
    if (!web_token(token)) {
        web_fail(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "no random numbers");
        return;
    }
    web_cookie(rq, PRE_COOKIE, token, 900);
    struct buf *b = &rq->out;
    page_begin(rq, TR(rq, "Pieteikšanās", "Sign in"), NULL);
    if (error) {
        buf_put(b, "<p class=\"notice bad\" role=\"alert\" id=\"login-error\">");
        buf_esc(b, error);
        buf_put(b, "</p>");
    }
    const char *next = rq->post ? web_field(rq, "next") : web_arg(rq, "next");
    buf_printf(b, "<form method=\"post\" action=\"/login\" class=\"login\">"
                  "<input type=\"hidden\" name=\"token\" value=\"%s\">"
                  "<input type=\"hidden\" name=\"next\" value=\"", token);
    buf_esc(b, web_local_path(next) ? next : "/overview");
    buf_printf(b, "\"><label for=\"username\">%s</label>"
                  "<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\""
                  " autocapitalize=\"none\" spellcheck=\"false\" required autofocus>"
                  "<label for=\"password\">%s</label>"
                  "<input id=\"password\" name=\"password\" type=\"password\""
                  " autocomplete=\"current-password\" required>"
                  "<button type=\"submit\" id=\"login\">%s</button></form>",
               TR(rq, "Lietotājvārds", "User name"), TR(rq, "Parole", "Password"),
               TR(rq, "Ienākt", "Sign in"));
    page_end(rq);
}

void web_login_form(struct web_req *rq)
{
    form(rq, NULL);
}

static bool account_known(struct db *db, const char *name)
{
    struct account_row row;
    return web_account_name_ok(name) && accounts_find(db, name, &row) == DB_FOUND;
}

void web_login_post(struct web_req *rq)
{
    const char *token = web_field(rq, "token"), *cookie = web_cookie_get(rq, PRE_COOKIE);
    if (!token || !cookie || strlen(token) != strlen(cookie) ||
        CRYPTO_memcmp(token, cookie, strlen(token))) {
        web_fail(rq, MHD_HTTP_FORBIDDEN, TR(rq, "Veidlapa novecojusi: atveriet to vēlreiz.",
                                            "The form has expired: open it again."));
        return;
    }
    const char *name = web_field(rq, "username"), *pw = web_field(rq, "password");
    if (!name || !pw || !*name || !*pw) {
        rq->status = MHD_HTTP_BAD_REQUEST;
        form(rq, TR(rq, "Ievadiet lietotājvārdu un paroli.", "Enter a user name and a password."));
        return;
    }
    struct web_account a;
    /* its own short lock wait: a busy database answers within a second, and a
     * failure that cannot be counted refuses the sign-in (never a free guess) */
    db_set_write_wait(rq->db, LOGIN_WAIT_MS);
    enum web_login r = web_login_check(rq->db, name, pw, rq->addr, rq->now, &a);
    char sid[WEB_TOKEN_HEX], csrf[WEB_TOKEN_HEX];
    bool opened = r == LOGIN_OK && web_session_open(rq->db, a.id, rq->addr, rq->now, sid, csrf);
    db_set_write_wait(rq->db, 0);
    if (r == LOGIN_LOCKED || r == LOGIN_BAD) {
        log_info("web: login refused for %s from %s (%s)",
                 web_account_name_ok(name) ? name : "(bad name)", rq->addr,
                 r == LOGIN_LOCKED ? "locked" : "wrong name or password");
        /* refused sign-ins are in the journal too: the name only when it is an
         * account's name (a password typed into the name field stays out) */
        char actor[64];
        snprintf(actor, sizeof actor, "web:%s", !account_known(rq->db, name)
                                                    ? "(unknown)" : name);
        audit(rq->db, rq->now, actor, "web_login_refused", rq->addr,
              r == LOGIN_LOCKED ? "locked" : "wrong name or password");
        rq->status = r == LOGIN_LOCKED ? MHD_HTTP_TOO_MANY_REQUESTS : MHD_HTTP_UNAUTHORIZED;
        form(rq, r == LOGIN_LOCKED
                     ? TR(rq, "Pārāk daudz neveiksmīgu mēģinājumu: pieteikšanās slēgta uz 15 minūtēm.",
                          "Too many failed attempts: signing in is locked for 15 minutes.")
                     : TR(rq, "Nepareizs lietotājvārds vai parole.", "Wrong user name or password."));
        return;
    }
    if (!opened) {
        bool busy = db_busy(rq->db);
        log_warn("web: sign-in for %s from %s refused: the database could not record it (%s)",
                 web_account_name_ok(name) ? name : "(bad name)", rq->addr,
                 busy ? "busy" : "an error");
        rq->status = busy ? MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_INTERNAL_SERVER_ERROR;
        form(rq, busy ? TR(rq, "Pieteikšanās šobrīd nav iespējama: datubāze ir aizņemta. "
                               "Mēģiniet vēlreiz pēc minūtes.",
                           "Signing in is not possible right now: the database is busy. "
                           "Try again in a minute.")
                      : TR(rq, "Pieteikšanās šobrīd nav iespējama: datubāzē ir kļūda. "
                               "Ziņojiet administratoram.",
                           "Signing in is not possible right now: the database has an error. "
                           "Tell the administrator."));
        return;
    }
    char actor[64];
    snprintf(actor, sizeof actor, "web:%s", a.name);
    audit(rq->db, rq->now, actor, "web_login", rq->addr, NULL);
    log_info("web: %s signed in from %s", a.name, rq->addr);
    web_cookie(rq, "talka_session", sid, -1);
    web_cookie(rq, PRE_COOKIE, "", 0);
    const char *next = web_field(rq, "next");
    web_redirect(rq, web_local_path(next) ? next : "/overview");
}

void web_logout(struct web_req *rq)
{
    web_session_close(rq->db, web_cookie_get(rq, "talka_session"));
    char actor[64];
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    audit(rq->db, rq->now, actor, "web_logout", rq->addr, NULL);
    web_cookie(rq, "talka_session", "", 0);
    web_redirect(rq, "/login");
}

void web_lang(struct web_req *rq)
{
    /* a POST comes from a page that was itself the answer to a form (a preview):
     * 307 sends the same form again, so switching the language keeps what was typed */
    const char *to = rq->post ? web_field(rq, "to") : web_arg(rq, "to");
    const char *back = rq->post ? web_field(rq, "back") : web_arg(rq, "back");
    bool en = to && !strcmp(to, "en");
    if (rq->ncookies < 3)
        snprintf(rq->cookies[rq->ncookies++], sizeof rq->cookies[0],
                 "talka_lang=%s; Path=/; Max-Age=31536000; SameSite=Strict%s", en ? "en" : "lv",
                 rq->secure ? "; Secure" : "");
    web_redirect(rq, web_local_path(back) ? back : "/overview");
    if (rq->post)
        rq->status = MHD_HTTP_TEMPORARY_REDIRECT;
}
