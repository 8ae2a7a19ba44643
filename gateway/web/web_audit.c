/* web_audit.c: the journal page and its CSV (see web_audit.h). The entries
 * name volunteers by pseudonym and hold no text's words (whoever writes an
 * entry sees to that); this page only shows them. */
#include "gateway/web/web_audit.h"

#include "db/audit_page.h"
#include "gateway/base/localtime.h"
#include "gateway/web/web_labels.h"
#include "gateway/web/web_page.h"

#include <stdio.h>
#include <string.h>

#define PAGE_MAX 100
#define CSV_MAX 100000

/* the filter from the query: account, action, dates (dd from, to inclusive) */
static void filter_of(struct web_req *rq, struct audit_filter *f)
{
    const char *from = web_arg(rq, "from"), *to = web_arg(rq, "to");
    f->actor = web_arg(rq, "actor");
    f->action = web_arg(rq, "action");
    time_t a = from && *from ? local_parse_date(from) : 0, b = to && *to ? local_parse_date(to) : 0;
    f->from = a > 0 ? (int64_t)a : 0;
    f->until = b > 0 ? (int64_t)local_next_day(b) : 0;
}

struct opts {
    struct web_req *rq;
    const char *selected;
    bool actions;
};

static int option(const char *name, void *arg)
{
    struct opts *o = arg;
    struct buf *b = &o->rq->out;
    buf_put(b, "<option value=\"");
    buf_esc(b, name);
    buf_printf(b, "\"%s>", o->selected && !strcmp(o->selected, name) ? " selected" : "");
    buf_esc(b, o->actions ? page_label(o->rq, LABEL_ACTION, name) : name);
    buf_put(b, "</option>");
    return 0;
}

static void filter_form(struct web_req *rq)
{
    struct buf *b = &rq->out;
    const char *from = web_arg(rq, "from"), *to = web_arg(rq, "to");
    buf_printf(b, "<form method=\"get\" action=\"/journal\" class=\"search filters\" id=\"journal-filter\">"
                  "<label for=\"actor\">%s</label><select id=\"actor\" name=\"actor\"><option value=\"\">%s</option>",
               TR(rq, "Konts", "Account"), TR(rq, "visi", "all"));
    struct opts o = { rq, web_arg(rq, "actor"), false };
    enum db_status s1 = audit_names(rq->db, false, option, &o);
    buf_printf(b, "</select><label for=\"action\">%s</label><select id=\"action\" name=\"action\">"
                  "<option value=\"\">%s</option>", TR(rq, "Darbība", "Action"), TR(rq, "visas", "all"));
    o = (struct opts){ rq, web_arg(rq, "action"), true };
    enum db_status s2 = audit_names(rq->db, true, option, &o);
    buf_printf(b, "</select><label for=\"from\">%s</label><input id=\"from\" name=\"from\" type=\"date\" value=\"",
               TR(rq, "No", "From"));
    buf_esc(b, from ? from : "");
    buf_printf(b, "\"><label for=\"to\">%s</label><input id=\"to\" name=\"to\" type=\"date\" value=\"",
               TR(rq, "Līdz", "To"));
    buf_esc(b, to ? to : "");
    buf_printf(b, "\"><button type=\"submit\" id=\"journal-apply\">%s</button></form>", TR(rq, "Rādīt", "Show"));
    if (DB_FAILED(s1) || DB_FAILED(s2))
        page_db_error_line(rq, DB_FAILED(s1) ? s1 : s2);
}

struct listing {
    struct web_req *rq;
    int n;
    int64_t last;
};

static int entry_row(const struct audit_entry *e, void *arg)
{
    struct listing *l = arg;
    struct web_req *rq = l->rq;
    struct buf *b = &rq->out;
    const char *heads[] = { TR(rq, "Kad", "When"), TR(rq, "Kas", "Who"), TR(rq, "Darbība", "Action"),
                            TR(rq, "Kam", "Subject"), TR(rq, "Sīkāk", "Detail"), NULL };
    page_stack_row(rq, &l->n, "journal", heads, 0);
    l->last = e->id;
    char when[32];
    page_time((time_t)e->at, when);
    buf_printf(b, "<tr><td>%s</td><td>", when);
    buf_esc(b, e->actor);
    buf_put(b, "</td><td>");
    buf_esc(b, page_label(rq, LABEL_ACTION, e->action));
    buf_put(b, "</td><td>");
    buf_esc(b, e->subject);
    buf_put(b, "</td><td>");
    buf_esc(b, e->detail);
    buf_put(b, "</td></tr>");
    return 0;
}

/* the current query again (for the CSV link and the next page), without before */
static void query_again(struct web_req *rq, struct buf *u)
{
    static const char *const keys[] = { "actor", "action", "from", "to" };
    for (size_t i = 0; i < 4; i++) {
        const char *v = web_arg(rq, keys[i]);
        buf_printf(u, "%s%s=", i ? "&amp;" : "?", keys[i]);
        buf_url(u, v ? v : "");
    }
}

void web_journal(struct web_req *rq)
{
    struct buf *b = &rq->out;
    struct audit_filter f;
    filter_of(rq, &f);
    page_begin(rq, TR(rq, "Žurnāls", "Journal"), "/journal");
    filter_form(rq);
    struct listing l = { rq, 0, 0 };
    enum db_status st = audit_entries(rq->db, &f, (int64_t)web_num(rq, "before"), PAGE_MAX, entry_row, &l);
    if (DB_FAILED(st)) {
        page_db_fail(rq, st);
        return;
    }
    page_stack_end(rq, l.n, "journal-empty", TR(rq, "Nav ierakstu.", "No entries."));
    buf_put(b, "<p><a class=\"button\" id=\"journal-csv\" href=\"/journal.csv");
    query_again(rq, b);
    buf_printf(b, "\">%s</a>", TR(rq, "Lejupielādēt CSV", "Download CSV"));
    if (l.n == PAGE_MAX) {
        buf_put(b, " <a class=\"button\" id=\"next-page\" href=\"/journal");
        query_again(rq, b);
        buf_printf(b, "&amp;before=%lld\">%s</a>", (long long)l.last, TR(rq, "Vecākie", "Older"));
    }
    buf_put(b, "</p>");
    page_end(rq);
}

/* one CSV field: quoted, quotes doubled, a leading = + - @ defused */
static void csv_field(struct buf *b, const char *s, bool last)
{
    buf_put(b, "\"");
    if (strchr("=+-@", s[0]) && s[0])
        buf_put(b, "'");
    for (; *s; s++)
        buf_putn(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
    buf_put(b, last ? "\"\r\n" : "\",");
}

static int csv_row(const struct audit_entry *e, void *arg)
{
    struct buf *b = arg;
    char when[32];
    page_time((time_t)e->at, when);
    csv_field(b, when, false);
    csv_field(b, e->actor, false);
    csv_field(b, e->action, false);
    csv_field(b, e->subject, false);
    csv_field(b, e->detail, true);
    return 0;
}

void web_journal_csv(struct web_req *rq)
{
    struct audit_filter f;
    filter_of(rq, &f);
    buf_put(&rq->out, "at,actor,action,subject,detail\r\n");
    enum db_status st = audit_entries(rq->db, &f, 0, CSV_MAX, csv_row, &rq->out);
    if (DB_FAILED(st)) {
        page_db_fail(rq, st);
        return;
    }
    rq->status = MHD_HTTP_OK;
    rq->type = "text/csv; charset=utf-8";
    snprintf(rq->disposition, sizeof rq->disposition, "attachment; filename=\"talka-journal.csv\"");
}
