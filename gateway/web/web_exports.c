/* web_exports.c: the people exports beside the planting exports (see
 * web_exports.h): volunteers.csv and messages.csv for coordinators, volunteers
 * named by pseudonym; with numbers only for admins, each such download in the
 * audit log. */
#include "gateway/web/web_exports.h"

#include "db/audit.h"
#include "db/people_export.h"
#include "gateway/base/localtime.h"
#include "gateway/web/web_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct csv {
    struct web_req *rq;
    FILE *f;
    bool numbers;
};

/* one CSV field (RFC 4180 quoting); a text that a spreadsheet would run as a
 * formula (a leading = + - @, a phone number apart) gets a leading ' */
static void field(FILE *f, const char *s, bool last)
{
    bool formula = s[0] && strchr("=+-@", s[0]) && !(s[0] == '+' && s[1] && strspn(s + 1, "0123456789") == strlen(s + 1));
    if (formula || strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        if (formula)
            fputc('\'', f);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputs(last ? "\r\n" : ",", f);
}

static void who(struct csv *c, const char *number)
{
    char pseudo[16];
    page_pseudonym(c->rq, number, pseudo);
    field(c->f, pseudo, false);
    if (c->numbers)
        field(c->f, number, false);
}

static int volunteer_line(const struct volunteer_export *e, void *arg)
{
    struct csv *c = arg;
    char pts[24];
    who(c, e->number);
    field(c->f, e->name, false);
    field(c->f, e->lang, false);
    field(c->f, e->opted_out ? "off" : "on", false);
    field(c->f, e->municipality, false);
    snprintf(pts, sizeof pts, "%lld", (long long)e->points);
    field(c->f, pts, true);
    return 0;
}

static int message_line(const struct message_export *e, void *arg)
{
    struct csv *c = arg;
    char when[32];
    struct tm tm;
    local_tm((time_t)e->at, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    field(c->f, when, false);
    field(c->f, e->in ? "in" : "out", false);
    who(c, e->number);
    field(c->f, e->kind, false);
    field(c->f, e->state, false);
    field(c->f, e->text, true);
    return 0;
}

static void send_csv(struct web_req *rq, bool volunteers)
{
    struct csv c = { rq, NULL, rq->user.role >= ROLE_ADMIN };
    char *data = NULL;
    size_t len = 0;
    c.f = open_memstream(&data, &len);
    enum db_status st = DB_ERROR;
    if (c.f) {
        fprintf(c.f, volunteers ? "pseudonym,%sname,language,reminders,municipality,points\r\n"
                                : "time,direction,pseudonym,%skind,state,text\r\n",
                c.numbers ? "number," : "");
        st = volunteers ? export_volunteer_rows(rq->db, volunteer_line, &c)
                        : export_message_rows(rq->db, message_line, &c);
        fclose(c.f);
    }
    if (DB_FAILED(st) || !data) {
        free(data);
        page_db_fail(rq, DB_FAILED(st) ? st : DB_ERROR);
        return;
    }
    if (c.numbers) {
        char actor[64];
        snprintf(actor, sizeof actor, "web:%s", rq->user.name);
        audit(rq->db, rq->now, actor, "export_numbers", volunteers ? "volunteers.csv" : "messages.csv",
              NULL);
    }
    char day[11];
    local_date(rq->now, day);
    rq->status = MHD_HTTP_OK;
    rq->type = "text/csv; charset=utf-8";
    snprintf(rq->disposition, sizeof rq->disposition, "attachment; filename=\"talka-%s-%s.csv\"",
             volunteers ? "volunteers" : "messages", day);
    buf_putn(&rq->out, data, len);
    free(data);
}

void web_download_volunteers(struct web_req *rq) { send_csv(rq, true); }
void web_download_messages(struct web_req *rq) { send_csv(rq, false); }

void web_downloads_people(struct web_req *rq)
{
    if (rq->user.role < ROLE_COORDINATOR)
        return;
    buf_printf(&rq->out, "<h2>%s</h2><ul class=\"downloads\">"
                         "<li><a href=\"/downloads/volunteers.csv\" id=\"volunteers-csv\">volunteers.csv</a> — %s</li>"
                         "<li><a href=\"/downloads/messages.csv\" id=\"messages-csv\">messages.csv</a> — %s</li></ul>"
                         "<p class=\"hint\">%s</p>",
               TR(rq, "Brīvprātīgie un īsziņas", "Volunteers and texts"),
               TR(rq, "pseidonīms, vārds, valoda, atgādinājumi, novads ar visvairāk kokiem, punkti",
                  "pseudonym, name, language, reminders, municipality of most trees, points"),
               TR(rq, "katra saņemtā un sūtītā īsziņa ar laiku un stāvokli",
                  "every text received and sent, with time and state"),
               rq->user.role >= ROLE_ADMIN
                   ? TR(rq, "Administratoram arī tālruņu numuri; katra lejupielāde ierakstīta žurnālā.",
                        "With phone numbers for admins; each download is in the audit log.")
                   : TR(rq, "Bez tālruņu numuriem (tie tikai administratoriem).",
                        "Without phone numbers (those are for admins only)."));
}
