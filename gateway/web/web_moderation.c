/* web_moderation.c: the moderation pages (see web_moderation.h). Decisions go
 * through review_approve/review_reject, as `talka review` does, with the
 * account's name as the actor in the audit log. */
#include "gateway/web/web_moderation.h"

#include "db/moderation.h"
#include "db/volunteer_history.h"
#include "gateway/core/review.h"
#include "gateway/web/web_inbox.h"
#include "gateway/web/web_page.h"
#include "gateway/web/web_waiting.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 50
#define REASON_MAX 120

static const char *status_text(const struct web_req *rq, const char *s)
{
    if (!strcmp(s, "accepted")) return TR(rq, "pieņemts", "accepted");
    if (!strcmp(s, "pending_review")) return TR(rq, "gaida", "waiting");
    if (!strcmp(s, "rejected")) return TR(rq, "noraidīts", "rejected");
    if (!strcmp(s, "cancelled")) return TR(rq, "atcelts", "cancelled");
    return s;
}

struct listing {
    struct web_req *rq;
    int n, last;
    long long total;
};

static int review_row(const struct review_item *it, void *arg)
{
    struct listing *l = arg;
    struct web_req *rq = l->rq;
    struct buf *b = &rq->out;
    if (!l->n++) {
        l->total = it->waiting;
        buf_printf(b, "<table id=\"reviews\" class=\"sortable\"><thead><tr><th class=\"num\">N</th>"
                      "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr>"
                      "</thead><tbody>", TR(rq, "Saņemts", "Received"),
                   TR(rq, "Brīvprātīgais", "Volunteer"), TR(rq, "Īsziņa", "Text"),
                   TR(rq, "Vieta", "Place"), TR(rq, "Vēsture", "History"));
    }
    l->last = it->review_no;
    char when[32], pseudo[16];
    page_time((time_t)it->reported_at, when);
    page_pseudonym(rq, it->number ? it->number : "", pseudo);
    buf_printf(b, "<tr><td class=\"num\">%d</td><td>%s</td><td>", it->review_no, when);
    page_volunteer_link(rq, it->volunteer_id, pseudo);
    buf_put(b, "</td><td>");
    buf_esc(b, it->text);
    buf_put(b, "</td><td>");
    buf_esc(b, it->place);
    buf_put(b, " (");
    buf_esc(b, it->municipality);
    buf_printf(b, ")</td><td>%lld %s, %lld %s</td><td><a class=\"button\" href=\"/moderation/report?n=%d\">%s</a></td></tr>",
               (long long)it->trees_accepted, TR(rq, "koki pieņemti", "trees accepted"),
               (long long)it->rejected, TR(rq, "noraidīti", "rejected"), it->review_no,
               TR(rq, "Atvērt", "Open"));
    return 0;
}

void web_moderation(struct web_req *rq)
{
    struct buf *b = &rq->out;
    page_begin(rq, TR(rq, "Moderēšana", "Moderation"), "/moderation");
    inbox_notice(rq);              /* after settling a waiting report */
    struct listing l = { rq, 0, 0, 0 };
    enum db_status st = moderation_page(rq->db, (int64_t)web_num(rq, "after"), LIST_MAX,
                                        review_row, &l);
    if (DB_FAILED(st)) {
        page_db_fail(rq, st);
        return;
    }
    if (!l.n)
        buf_printf(b, "<p id=\"no-reviews\">%s</p>", TR(rq, "Neviens ziņojums negaida pārbaudi.",
                                                        "No reports wait for review."));
    else
        buf_printf(b, "</tbody></table><p class=\"muted\">%s: %lld</p>",
                   TR(rq, "Gaida kopā", "Waiting in all"), l.total);
    if (l.n == LIST_MAX)
        buf_printf(b, "<p><a class=\"button\" href=\"/moderation?after=%d\" id=\"next-page\">%s</a></p>",
                   l.last, TR(rq, "Nākamie", "Next"));
    web_waiting_section(rq);
    page_end(rq);
}

static int history_row(const struct planting_item *it, void *arg)
{
    struct web_req *rq = arg;
    struct buf *b = &rq->out;
    char when[32];
    page_time((time_t)it->reported_at, when);
    buf_printf(b, "<tr><td>%s</td><td>", when);
    buf_esc(b, page_species(rq, it->species));
    buf_printf(b, "</td><td class=\"num\">%lld</td><td>", (long long)it->count);
    buf_esc(b, it->place);
    buf_printf(b, "</td><td>%s</td></tr>", status_text(rq, it->status));
    return 0;
}

/* the volunteer's last plantings */
static void history(struct web_req *rq, int64_t volunteer_id)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th>"
                  "<th>%s</th><th>%s</th></tr></thead><tbody>",
               TR(rq, "Brīvprātīgā vēsture", "The volunteer's history"), TR(rq, "Saņemts", "Received"),
               TR(rq, "Suga", "Species"), TR(rq, "Skaits", "Count"), TR(rq, "Vieta", "Place"),
               TR(rq, "Statuss", "Status"));
    enum db_status st = volunteer_plantings(rq->db, volunteer_id, 20, history_row, rq);
    if (DB_FAILED(st))
        page_db_error_row(rq, 5, st);
    buf_put(b, "</tbody></table>");
}

void web_report(struct web_req *rq)
{
    int no = (int)web_num(rq, "n");
    struct buf *b = &rq->out;
    if (!no) {
        web_fail(rq, MHD_HTTP_NOT_FOUND, TR(rq, "Tāda ziņojuma nav.", "No such report."));
        return;
    }
    struct review_report rep;
    const struct review_report *r = &rep;
    enum db_status st = moderation_report(rq->db, no, &rep);
    if (DB_FAILED(st)) {
        page_db_fail(rq, st);
        return;
    }
    if (st == DB_NONE) {
        page_back(rq, "/moderation", false, TR(rq, "Šis ziņojums vairs negaida pārbaudi.",
                                               "This report no longer waits for review."));
        return;
    }
    char when[32], pseudo[16];
    page_time((time_t)r->received_at, when);
    page_pseudonym(rq, r->number, pseudo);
    char title[64];
    snprintf(title, sizeof title, "%s %d", TR(rq, "Ziņojums", "Report"), no);
    page_begin(rq, title, "/moderation");
    buf_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>", TR(rq, "Brīvprātīgais", "Volunteer"));
    page_volunteer_link(rq, r->volunteer_id, pseudo);
    buf_printf(b, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                  "<dd><pre class=\"sms\" id=\"raw-text\">", TR(rq, "Saņemts", "Received"), when,
               TR(rq, "Īsziņa", "Text"));
    buf_esc(b, r->text);
    buf_printf(b, "</pre></dd><dt>%s</dt><dd>", TR(rq, "Vieta", "Place"));
    buf_esc(b, r->place);
    buf_put(b, " (");
    buf_esc(b, r->municipality);
    buf_put(b, ")</dd></dl>");

    char sms[700];
    review_preview(rq->site->pipe, rq->db, no, true, NULL, sms, sizeof sms);
    buf_printf(b, "<div class=\"decide\"><form method=\"post\" action=\"/moderation/approve\">");
    page_csrf(rq);
    buf_printf(b, "<input type=\"hidden\" name=\"n\" value=\"%d\"><h2>%s</h2><p>%s</p>"
                  "<pre class=\"sms\" id=\"approve-sms\">", no, TR(rq, "Apstiprināt", "Approve"),
               TR(rq, "Brīvprātīgais saņems šo īsziņu:", "The volunteer will get this SMS:"));
    buf_esc(b, sms[0] ? sms : TR(rq, "(nav kam sūtīt: dati dzēsti)", "(nobody to text: erased)"));
    buf_printf(b, "</pre><button type=\"submit\" id=\"approve\">%s</button></form>",
               TR(rq, "Apstiprināt", "Approve"));

    review_preview(rq->site->pipe, rq->db, no, false, "[REASON]", sms, sizeof sms);
    buf_printf(b, "<form method=\"post\" action=\"/moderation/reject\">");
    page_csrf(rq);
    buf_printf(b, "<input type=\"hidden\" name=\"n\" value=\"%d\"><h2>%s</h2>"
                  "<label for=\"reason\">%s</label><input id=\"reason\" name=\"reason\" required"
                  " maxlength=\"%d\" data-preview=\"reject-sms\" data-preview-url=\"/moderation/reject-preview\"><p>%s</p><pre class=\"sms\""
                  " id=\"reject-sms\" data-template=\"", no, TR(rq, "Noraidīt", "Reject"),
               TR(rq, "Iemesls (tiks nosūtīts brīvprātīgajam)", "Reason (sent to the volunteer)"),
               REASON_MAX, TR(rq, "Brīvprātīgais saņems šo īsziņu:", "The volunteer will get this SMS:"));
    buf_esc(b, sms);
    buf_printf(b, "\" data-blank=\"%s\" data-sms-count=\"reject-count\">", TR(rq, "[iemesls]", "[reason]"));
    buf_esc(b, sms);
    buf_printf(b, "</pre><p class=\"hint sms-count\" id=\"reject-count\" aria-live=\"polite\"></p><button type=\"submit\" id=\"reject\" class=\"danger\">%s</button></form></div>",
               TR(rq, "Noraidīt", "Reject"));
    history(rq, r->volunteer_id);
    page_end(rq);
}

static void decide(struct web_req *rq, bool approve)
{
    int no = (int)web_num(rq, "n");
    const char *reason = web_field(rq, "reason");
    if (!no) {
        page_back(rq, "/moderation", false, TR(rq, "Nav ziņojuma numura.", "No report number."));
        return;
    }
    char path[64];
    snprintf(path, sizeof path, "/moderation/report?n=%d", no);
    if (!approve && (!reason || !*reason || strlen(reason) > REASON_MAX)) {
        page_back(rq, path, false, TR(rq, "Ierakstiet iemeslu (līdz 120 zīmēm).",
                                      "Write a reason (up to 120 characters)."));
        return;
    }
    char actor[64], msg[256], sms[700], text[1100];
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    enum review_result r = approve ? review_approve(rq->site->pipe, rq->db, no, actor, false, msg, sizeof msg, NULL)
                                   : review_reject(rq->site->pipe, rq->db, no, reason, actor, false, msg, sizeof msg, NULL);
    if (r != REVIEW_OK) {
        page_back(rq, "/moderation", false, r == REVIEW_NOT_FOUND
                      ? TR(rq, "Šis ziņojums vairs negaida pārbaudi.", "This report no longer waits for review.")
                      : TR(rq, "Datubāzes kļūda: mēģiniet vēlreiz.", "Database error: try again."));
        return;
    }
    /* what was queued, or a dash when it cannot be read back */
    if (DB_FAILED(moderation_last_notice(rq->db, sms, sizeof sms)))
        snprintf(sms, sizeof sms, "—");
    snprintf(text, sizeof text, "%s %d %s. %s %s", TR(rq, "Ziņojums", "Report"), no,
             approve ? TR(rq, "apstiprināts", "approved") : TR(rq, "noraidīts", "rejected"),
             TR(rq, "Nosūtāmā īsziņa:", "SMS queued:"), sms);
    page_back(rq, "/moderation", true, text);
}

void web_approve(struct web_req *rq) { decide(rq, true); }
void web_reject(struct web_req *rq) { decide(rq, false); }

/* POST /moderation/reject-preview (n, reason): the exact SMS a rejection with
 * this reason sends, as the volunteer will get it (their language, the reason cut
 * where the SMS must be), for the preview as the reason is typed: {"sms": ...}. */
void web_reject_preview(struct web_req *rq)
{
    int no = (int)web_num(rq, "n");
    const char *reason = web_field(rq, "reason");
    char sms[700] = "";
    if (no && reason && *reason && strlen(reason) <= REASON_MAX)
        review_preview(rq->site->pipe, rq->db, no, false, reason, sms, sizeof sms);
    json_t *o = json_pack("{s:s}", "sms", sms);
    web_json(rq, o);
}
