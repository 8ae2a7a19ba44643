/* web_waiting.c: reports waiting for the volunteer's answer (see web_waiting.h). */
#include "gateway/web/web_waiting.h"

#include "db/inbox.h"
#include "gateway/web/web_page.h"

#include <stdio.h>
#include <string.h>

#define WAITING_MAX 50

struct listing {
    struct web_req *rq;
    int n;
};

static const char *ask_text(const struct web_req *rq, const char *ask)
{
    return !strcmp(ask, "guess") ? TR(rq, "minējums", "a guess")
           : !strcmp(ask, "range") ? TR(rq, "diapazons", "a range")
           : !strcmp(ask, "choice") ? TR(rq, "vairāki novadi", "several municipalities")
           : !strcmp(ask, "count") ? TR(rq, "liels pirmais skaits", "a large first count")
                                   : TR(rq, "nepabeigts ziņojums", "half a report");
}

static void settle_button(struct web_req *rq, int64_t q, int keep, const char *label)
{
    buf_printf(&rq->out, "<form method=\"post\" action=\"/moderation/settle\" class=\"inline\">");
    page_csrf(rq);
    buf_printf(&rq->out, "<input type=\"hidden\" name=\"q\" value=\"%lld\"><input type=\"hidden\""
                         " name=\"keep\" value=\"%d\"><button type=\"submit\" id=\"%s-%lld\"%s>%s</button></form>",
               (long long)q, keep, keep ? "settle-keep" : "settle-drop", (long long)q,
               keep ? "" : " class=\"danger\"", label);
}

static int waiting_row(const struct waiting_item *w, void *arg)
{
    struct listing *l = arg;
    struct web_req *rq = l->rq;
    struct buf *b = &rq->out;
    const char *heads[] = { TR(rq, "Jautāts", "Asked"), TR(rq, "Brīvprātīgais", "Volunteer"), TR(rq, "Īsziņa", "Text"),
                            TR(rq, "Jautājums", "Question"), TR(rq, "Gaida līdz", "Waits until"), "", NULL };
    page_stack_row(rq, &l->n, "waiting", heads, 0);
    char asked[32], until[32], pseudo[16];
    page_time((time_t)w->asked_at, asked);
    page_time((time_t)w->expires_at, until);
    page_pseudonym(rq, w->number, pseudo);
    buf_printf(b, "<tr><td>%s</td><td><a href=\"/volunteer?id=%lld\">%s</a></td><td class=\"sms-text\">",
               asked, (long long)w->volunteer_id, pseudo);
    buf_esc(b, w->text);
    buf_printf(b, "</td><td>%s: ", ask_text(rq, w->ask));
    buf_esc(b, w->summary);
    buf_printf(b, "</td><td>%s</td><td>", until);
    settle_button(rq, w->id, 1, TR(rq, "Reģistrēt kā minēts", "Register as guessed"));
    settle_button(rq, w->id, 0, TR(rq, "Atmest", "Drop"));
    buf_put(b, "</td></tr>");
    return 0;
}

void web_waiting_section(struct web_req *rq)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<h2 id=\"waiting-title\">%s</h2>", TR(rq, "Gaida brīvprātīgā atbildi",
                                                          "Waiting for the volunteer's answer"));
    struct listing l = { rq, 0 };
    enum db_status st = inbox_waiting(rq->db, rq->now, WAITING_MAX, waiting_row, &l);
    if (DB_FAILED(st)) {
        if (l.n)
            buf_put(b, "</tbody></table>");
        page_db_error_line(rq, st);
        return;
    }
    if (l.n)
        buf_put(b, "</tbody></table>");
    else
        buf_printf(b, "<p id=\"no-waiting\">%s</p>", TR(rq, "Neviens ziņojums negaida atbildi.",
                                                        "No report waits for an answer."));
}
