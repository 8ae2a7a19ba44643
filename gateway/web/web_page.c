/* web_page.c: the shared frame of dashboard pages (see web_page.h). */
#include "gateway/web/web_page.h"

#include "db/accounts.h"
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
    { "/broadcasts", "Atgādinājumi", "Reminders", ROLE_COORDINATOR },
    { "/volunteers", "Brīvprātīgie", "Volunteers", ROLE_COORDINATOR },
    { "/health", "Vārteja", "Gateway health", ROLE_VIEWER },
    { "/downloads", "Lejupielādes", "Downloads", ROLE_VIEWER },
    { "/journal", "Žurnāls", "Journal", ROLE_ADMIN },
    { "/accounts", "Konti", "Accounts", ROLE_ADMIN },
};

/* On a page that answers a form (a preview), the language switch sends the form
 * again (POST /lang answers 307), so nothing typed is lost. */
static void lang_form(struct web_req *rq)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<form method=\"post\" action=\"/lang\" class=\"inline\"><input type=\"hidden\""
                  " name=\"to\" value=\"%s\"><input type=\"hidden\" name=\"back\" value=\"",
               rq->en ? "lv" : "en");
    buf_esc(b, rq->path);
    buf_put(b, "\">");
    for (int i = 0; i < rq->form->n; i++) {
        if (!strcmp(rq->form->keys[i], "to") || !strcmp(rq->form->keys[i], "back"))
            continue;
        buf_put(b, "<input type=\"hidden\" name=\"");
        buf_esc(b, rq->form->keys[i]);
        buf_put(b, "\" value=\"");
        buf_esc(b, rq->form->vals[i].p ? rq->form->vals[i].p : "");
        buf_put(b, "\">");
    }
    buf_printf(b, "<button type=\"submit\" class=\"lang\">%s</button></form>", rq->en ? "LV" : "EN");
}

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
               "<script src=\"/assets/app.js\" defer></script>"
               "<script src=\"/assets/sms_counter.js\" defer></script></head><body><header>"
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
    if (rq->post && rq->form)
        lang_form(rq);
    else {
        buf_printf(b, "<a class=\"lang\" href=\"/lang?to=%s&amp;back=", rq->en ? "lv" : "en");
        struct buf self = { 0 };
        web_self(rq, &self);
        buf_url(b, self.p ? self.p : "/");
        buf_free(&self);
        buf_printf(b, "\">%s</a>", rq->en ? "LV" : "EN");
    }
    if (rq->authed) {
        buf_put(b, " <span class=\"who\">");
        buf_esc(b, rq->user.name);
        buf_printf(b, " (%s)</span><form method=\"post\" action=\"/logout\" class=\"inline\">",
                   page_role(rq, rq->user.role));
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
    if (!rq->authed || !rq->user.flash)
        return;
    char msg[1024], err[1024];
    if (DB_FAILED(sessions_flash_take(rq->db, rq->user.sid, msg, sizeof msg, err, sizeof err)))
        return;
    rq->user.flash = false;
    if (*msg) {
        buf_put(&rq->out, "<p class=\"notice ok\" role=\"status\">");
        buf_esc(&rq->out, msg);
        buf_put(&rq->out, "</p>");
    }
    if (*err) {
        buf_put(&rq->out, "<p class=\"notice bad\" role=\"alert\">");
        buf_esc(&rq->out, err);
        buf_put(&rq->out, "</p>");
    }
}

void page_time(time_t t, char out[32])
{
    if (!t)
        snprintf(out, 32, "—");
    else {
        struct tm tm;
        local_tm(t, &tm);
        snprintf(out, 32, "%02d.%02d.%04d %02d:%02d", tm.tm_mday % 100, (tm.tm_mon + 1) % 100,
                 (tm.tm_year + 1900) % 10000, tm.tm_hour % 100, tm.tm_min % 100);
    }
}

time_t page_parse_local(const char *s)
{
    int d, mo, y, h = 0, mi = 0, n = 0;
    if (sscanf(s, " %2d.%2d.%4d%n", &d, &mo, &y, &n) == 3) {
        const char *rest = s + n;
        int m = 0;
        if (*rest && !(sscanf(rest, " %2d:%2d %n", &h, &mi, &m) == 2 && !rest[m]))
            return (time_t)-1;
        if (y < 2000 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || h < 0 || mi < 0)
            return (time_t)-1;
        return local_time(y, mo, d, h, mi);
    }
    char iso[64];
    snprintf(iso, sizeof iso, "%s", s);
    char *t = strchr(iso, 'T');
    if (t)
        *t = ' ';
    time_t r = local_parse_time(iso);
    return r != (time_t)-1 ? r : local_parse_date(iso);
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
    web_session_flash(rq->db, &rq->user, ok, text);
    web_redirect(rq, path);
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

void page_volunteer_link(struct web_req *rq, int64_t id, const char *label)
{
    if (id > 0 && rq->user.role >= ROLE_COORDINATOR)
        buf_printf(&rq->out, "<a href=\"/volunteer?id=%lld\" class=\"volunteer\">", (long long)id);
    buf_esc(&rq->out, label);
    if (id > 0 && rq->user.role >= ROLE_COORDINATOR)
        buf_put(&rq->out, "</a>");
}

void page_stack_row(struct web_req *rq, int *n, const char *id, const char *const heads[], unsigned num)
{
    if ((*n)++)
        return;
    struct buf *b = &rq->out;
    buf_printf(b, "<table id=\"%s\" class=\"stack\"><thead><tr>", id);
    for (int i = 0; heads[i]; i++)
        buf_printf(b, "<th%s>%s</th>", num >> i & 1u ? " class=\"num\"" : "", heads[i]);
    buf_put(b, "</tr></thead><tbody>");
}

void page_stack_end(struct web_req *rq, int n, const char *empty_id, const char *empty)
{
    if (n)
        buf_put(&rq->out, "</tbody></table>");
    else
        buf_printf(&rq->out, "<p id=\"%s\">%s</p>", empty_id, empty);
}

const char *page_role(const struct web_req *rq, enum web_role r)
{
    switch (r) {
    case ROLE_ADMIN: return TR(rq, "administrators", "admin");
    case ROLE_COORDINATOR: return TR(rq, "koordinators", "coordinator");
    case ROLE_VIEWER: return TR(rq, "skatītājs", "viewer");
    default: return "—";
    }
}

const char *page_num(const struct web_req *rq, long long v, char out[32])
{
    /* 1 502 (a no-break space) in Latvian, 1,502 in English */
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
    const char *sep = rq->en ? "," : "\xc2\xa0";
    size_t o = 0;
    if (v < 0)
        out[o++] = '-';
    for (int i = 0; i < n && o + 3 < 32; i++) {
        if (i && (n - i) % 3 == 0)
            for (const char *p = sep; *p && o + 3 < 32; p++)
                out[o++] = *p;
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return out;
}
