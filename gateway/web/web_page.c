/* web_page.c: the shared frame of dashboard pages (see web_page.h). */
#include "gateway/web/web_page.h"

#include "db/inbox.h"
#include "gateway/base/localtime.h"
#include "gateway/base/pseudonym.h"
#include "parsers/species.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *path, *lv, *en;
    enum web_role role;
} menu[] = {
    { "/overview", "Kopskats", "Overview", ROLE_VIEWER },
    { "/inbox", "Iesūtne", "Inbox", ROLE_COORDINATOR },
    { "/moderation", "Moderēšana", "Moderation", ROLE_COORDINATOR },
    { "/broadcasts", "Ziņas", "Broadcasts", ROLE_COORDINATOR },
    { "/volunteers", "Brīvprātīgie", "Volunteers", ROLE_COORDINATOR },
    { "/health", "Vārteja", "Gateway health", ROLE_VIEWER },
    { "/downloads", "Lejupielādes", "Downloads", ROLE_VIEWER },
    { "/journal", "Žurnāls", "Journal", ROLE_ADMIN },
    { "/accounts", "Konti", "Accounts", ROLE_ADMIN },
};

/* the number of texts waiting in the inbox, beside its menu entry ("—" unread) */
static void inbox_badge(struct web_req *rq)
{
    int64_t n = 0;
    enum db_status s = inbox_count(rq->db, rq->now, &n);
    if (DB_FAILED(s))
        buf_put(&rq->out, " <span class=\"badge\" id=\"inbox-badge\">—</span>");
    else if (n > 0)
        buf_printf(&rq->out, " <span class=\"badge\" id=\"inbox-badge\">%lld</span>", (long long)n);
}

void page_begin(struct web_req *rq, const char *title, const char *nav)
{
    struct buf *b = &rq->out;
    rq->type = "text/html; charset=utf-8";
    buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<title>", rq->en ? "en" : "lv");
    buf_esc(b, title);
    buf_put(b, " · talka</title><link rel=\"stylesheet\" href=\"/assets/style.css\">"
               "<link rel=\"icon\" href=\"/assets/tree.svg\">"
               "<script src=\"/assets/app.js\" defer></script></head><body><header>"
               "<a class=\"brand\" href=\"/overview\"><img src=\"/assets/tree.svg\" alt=\"\">"
               " talka</a><nav>");
    if (rq->authed) {
        for (size_t i = 0; i < sizeof menu / sizeof menu[0]; i++) {
            if (rq->user.role < menu[i].role)
                continue;
            buf_printf(b, "<a href=\"%s\"%s>%s", menu[i].path,
                       nav && !strcmp(nav, menu[i].path) ? " class=\"on\"" : "",
                       rq->en ? menu[i].en : menu[i].lv);
            if (!strcmp(menu[i].path, "/inbox"))
                inbox_badge(rq);
            buf_put(b, "</a>");
        }
    }
    buf_put(b, "</nav><div class=\"me\">");
    buf_printf(b, "<a class=\"lang\" href=\"/lang?to=%s&amp;back=", rq->en ? "lv" : "en");
    buf_url(b, rq->path);
    buf_printf(b, "\">%s</a>", rq->en ? "LV" : "EN");
    if (rq->authed) {
        buf_put(b, " <span class=\"who\">");
        buf_esc(b, rq->user.name);
        buf_printf(b, " (%s)</span><form method=\"post\" action=\"/logout\" class=\"inline\">",
                   web_role_name(rq->user.role));
        page_csrf(rq);
        buf_printf(b, "<button type=\"submit\">%s</button></form>", TR(rq, "Iziet", "Log out"));
    }
    buf_put(b, "</div></header><main>");
    buf_put(b, "<h1>");
    buf_esc(b, title);
    buf_put(b, "</h1>");
    page_notice(rq);
}

void page_end(struct web_req *rq)
{
    buf_printf(&rq->out, "</main><footer>talka · %s</footer></body></html>\n",
               TR(rq, "3 miljardi koku: Latvijas daļa", "3 billion trees: Latvia's share"));
}

void page_csrf(struct web_req *rq)
{
    buf_printf(&rq->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", rq->user.csrf);
}

void page_notice(struct web_req *rq)
{
    const char *msg = web_arg(rq, "msg"), *err = web_arg(rq, "err");
    if (msg && *msg) {
        buf_put(&rq->out, "<p class=\"notice ok\" role=\"status\">");
        buf_esc(&rq->out, msg);
        buf_put(&rq->out, "</p>");
    }
    if (err && *err) {
        buf_put(&rq->out, "<p class=\"notice bad\" role=\"alert\">");
        buf_esc(&rq->out, err);
        buf_put(&rq->out, "</p>");
    }
}

void page_time(time_t t, char out[32])
{
    if (!t)
        snprintf(out, 32, "—");
    else
        local_format(t, out, 32);
}

void page_pseudonym(const struct web_req *rq, const char *number, char out[16])
{
    if (!number || strncmp(number, "+", 1)) {
        snprintf(out, 16, "V-erased");
        return;
    }
    char mac[65];
    pseudonym_hmac(rq->site->key, rq->site->keylen, number, mac);
    snprintf(out, 16, "V-%.8s", mac);
}

void page_back(struct web_req *rq, const char *path, bool ok, const char *text)
{
    struct buf u = { 0 };
    buf_put(&u, path);
    buf_put(&u, strchr(path, '?') ? "&" : "?");
    buf_put(&u, ok ? "msg=" : "err=");
    buf_url(&u, text);
    web_redirect(rq, u.p ? u.p : "/");
    buf_free(&u);
}

const char *page_species(const struct web_req *rq, const char *id)
{
    const struct species *sp = id ? lexicon_species_by_id(rq->site->app->lex, id) : NULL;
    return sp ? (rq->en ? sp->name_en : sp->name_lv) : id ? id : "";
}

const char *page_db_failure(const struct web_req *rq, enum db_status s)
{
    return s == DB_BUSY ? TR(rq, "Datubāze aizņemta: mēģiniet vēlreiz.",
                             "The database is busy: try again.")
                        : TR(rq, "Datubāzes kļūda: šo nevarēja nolasīt.",
                             "Database error: this could not be read.");
}

void page_db_fail(struct web_req *rq, enum db_status s)
{
    web_fail(rq, s == DB_BUSY ? MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_INTERNAL_SERVER_ERROR,
             page_db_failure(rq, s));
}

void page_db_error_row(struct web_req *rq, int columns, enum db_status s)
{
    buf_printf(&rq->out, "<tr class=\"db-error\"><td colspan=\"%d\" class=\"state-down\">%s</td></tr>",
               columns, page_db_failure(rq, s));
}

void page_db_error_line(struct web_req *rq, enum db_status s)
{
    buf_printf(&rq->out, "<p class=\"notice bad db-error\">%s</p>", page_db_failure(rq, s));
}
