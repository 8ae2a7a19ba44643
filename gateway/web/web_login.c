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
    buf_esc(b, next && next[0] == '/' ? next : "/overview");
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
    enum web_login r = web_login_check(rq->db, name, pw, rq->addr, rq->now, &a);
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
    char sid[WEB_TOKEN_HEX], csrf[WEB_TOKEN_HEX];
    if (r != LOGIN_OK || !web_session_open(rq->db, a.id, rq->addr, rq->now, sid, csrf)) {
        web_fail(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "database error");
        return;
    }
    char actor[64];
    snprintf(actor, sizeof actor, "web:%s", a.name);
    audit(rq->db, rq->now, actor, "web_login", rq->addr, NULL);
    log_info("web: %s signed in from %s", a.name, rq->addr);
    web_cookie(rq, "talka_session", sid, -1);
    web_cookie(rq, PRE_COOKIE, "", 0);
    const char *next = web_field(rq, "next");
    web_redirect(rq, next && next[0] == '/' ? next : "/overview");
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
    /* a local path only: "//host" would leave the site */
    web_redirect(rq, back && back[0] == '/' && back[1] != '/' && back[1] != '\\' ? back : "/overview");
    if (rq->post)
        rq->status = MHD_HTTP_TEMPORARY_REDIRECT;
}
