/* web_moderation.c: the moderation pages (see web_moderation.h). Decisions go
 * through review_approve/review_reject, as `talka review` does, with the
 * account's name as the actor in the audit log. */
#include "gateway/web/web_moderation.h"

#include "gateway/core/review.h"
#include "gateway/web/web_page.h"

#include <stdio.h>
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

void web_moderation(struct web_req *rq)
{
    struct buf *b = &rq->out;
    page_begin(rq, TR(rq, "Moderēšana", "Moderation"), "/moderation");
    sqlite3_stmt *st = db_prep(rq->db,
        "SELECT p.review_no, p.reported_at, p.place, p.municipality, v.number,"
        "  CAST(i.text AS TEXT),"
        "  (SELECT coalesce(sum(CASE WHEN h.status = 'accepted' THEN h.count END), 0)"
        "     || ' ' || coalesce(sum(h.status = 'rejected'), 0) FROM plantings h"
        "    WHERE h.volunteer_id = p.volunteer_id),"
        "  (SELECT count(*) FROM plantings WHERE status = 'pending_review' AND review_no IS NOT NULL)"
        " FROM plantings p LEFT JOIN volunteers v ON v.id = p.volunteer_id"
        " LEFT JOIN inbound i ON i.id = p.inbound_id"
        " WHERE p.status = 'pending_review' AND p.review_no IS NOT NULL AND p.review_no > ?"
        " ORDER BY p.review_no LIMIT ?");
    if (!st) {
        web_fail(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "database error");
        return;
    }
    long long after = web_num(rq, "after");
    db_bind(st, "iI", (int64_t)after, LIST_MAX);
    int n = 0, last = 0;
    long long total = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (!n++) {
            total = sqlite3_column_int64(st, 7);
            buf_printf(b, "<table id=\"reviews\" class=\"sortable\"><thead><tr><th class=\"num\">N</th>"
                          "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr>"
                          "</thead><tbody>", TR(rq, "Saņemts", "Received"),
                       TR(rq, "Brīvprātīgais", "Volunteer"), TR(rq, "Īsziņa", "Text"),
                       TR(rq, "Vieta", "Place"), TR(rq, "Vēsture", "History"));
        }
        int no = sqlite3_column_int(st, 0);
        last = no;
        char when[32], pseudo[16], number[80];
        page_time((time_t)sqlite3_column_int64(st, 1), when);
        db_col_text(st, 4, number, sizeof number);
        page_pseudonym(rq, number, pseudo);
        buf_printf(b, "<tr><td class=\"num\">%d</td><td>%s</td><td>%s</td><td>", no, when, pseudo);
        buf_esc(b, (const char *)sqlite3_column_text(st, 5));
        buf_put(b, "</td><td>");
        buf_esc(b, (const char *)sqlite3_column_text(st, 2));
        buf_put(b, " (");
        buf_esc(b, (const char *)sqlite3_column_text(st, 3));
        long long trees = 0, rejected = 0;
        const char *hist = (const char *)sqlite3_column_text(st, 6);
        if (hist)
            sscanf(hist, "%lld %lld", &trees, &rejected);
        buf_printf(b, ")</td><td>%lld %s, %lld %s</td><td><a class=\"button\" href=\"/moderation/report?n=%d\">%s</a></td></tr>",
                   trees, TR(rq, "koki pieņemti", "trees accepted"), rejected,
                   TR(rq, "noraidīti", "rejected"), no, TR(rq, "Atvērt", "Open"));
    }
    sqlite3_reset(st);
    if (!n)
        buf_printf(b, "<p id=\"no-reviews\">%s</p>", TR(rq, "Neviens ziņojums negaida pārbaudi.",
                                                        "No reports wait for review."));
    else
        buf_printf(b, "</tbody></table><p class=\"muted\">%s: %lld</p>",
                   TR(rq, "Gaida kopā", "Waiting in all"), total);
    if (n == LIST_MAX)
        buf_printf(b, "<p><a class=\"button\" href=\"/moderation?after=%d\" id=\"next-page\">%s</a></p>",
                   last, TR(rq, "Nākamie", "Next"));
    page_end(rq);
}

/* the volunteer's last plantings */
static void history(struct web_req *rq, int64_t volunteer_id)
{
    struct buf *b = &rq->out;
    sqlite3_stmt *st = db_prep(rq->db, "SELECT reported_at, species, count, place, status"
                                       " FROM plantings WHERE volunteer_id = ?"
                                       " ORDER BY reported_at DESC, id DESC LIMIT 20");
    if (!st)
        return;
    db_bind(st, "i", volunteer_id);
    buf_printf(b, "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th>"
                  "<th>%s</th><th>%s</th></tr></thead><tbody>",
               TR(rq, "Brīvprātīgā vēsture", "The volunteer's history"), TR(rq, "Saņemts", "Received"),
               TR(rq, "Suga", "Species"), TR(rq, "Skaits", "Count"), TR(rq, "Vieta", "Place"),
               TR(rq, "Statuss", "Status"));
    while (sqlite3_step(st) == SQLITE_ROW) {
        char when[32];
        page_time((time_t)sqlite3_column_int64(st, 0), when);
        buf_printf(b, "<tr><td>%s</td><td>", when);
        buf_esc(b, page_species(rq, (const char *)sqlite3_column_text(st, 1)));
        buf_printf(b, "</td><td class=\"num\">%lld</td><td>", (long long)sqlite3_column_int64(st, 2));
        buf_esc(b, (const char *)sqlite3_column_text(st, 3));
        buf_printf(b, "</td><td>%s</td></tr>",
                   status_text(rq, (const char *)sqlite3_column_text(st, 4)));
    }
    sqlite3_reset(st);
    buf_put(b, "</tbody></table>");
}

void web_report(struct web_req *rq)
{
    int no = (int)web_num(rq, "n");
    struct buf *b = &rq->out;
    sqlite3_stmt *st = db_prep(rq->db,
        "SELECT p.volunteer_id, v.number, i.text, i.received_at, p.place, p.municipality"
        " FROM plantings p LEFT JOIN volunteers v ON v.id = p.volunteer_id"
        " LEFT JOIN inbound i ON i.id = p.inbound_id"
        " WHERE p.review_no = ? AND p.status = 'pending_review'");
    if (!st || !no) {
        web_fail(rq, MHD_HTTP_NOT_FOUND, TR(rq, "Tāda ziņojuma nav.", "No such report."));
        return;
    }
    db_bind(st, "I", no);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        page_back(rq, "/moderation", false, TR(rq, "Šis ziņojums vairs negaida pārbaudi.",
                                               "This report no longer waits for review."));
        return;
    }
    int64_t vid = sqlite3_column_int64(st, 0);
    char number[80], raw[1700], when[32], place[128], mun[128], pseudo[16];
    db_col_text(st, 1, number, sizeof number);
    db_col_text(st, 2, raw, sizeof raw);
    page_time((time_t)sqlite3_column_int64(st, 3), when);
    db_col_text(st, 4, place, sizeof place);
    db_col_text(st, 5, mun, sizeof mun);
    sqlite3_reset(st);
    page_pseudonym(rq, number, pseudo);
    char title[64];
    snprintf(title, sizeof title, "%s %d", TR(rq, "Ziņojums", "Report"), no);
    page_begin(rq, title, "/moderation");
    buf_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                  "<dd><pre class=\"sms\" id=\"raw-text\">", TR(rq, "Brīvprātīgais", "Volunteer"),
               pseudo, TR(rq, "Saņemts", "Received"), when, TR(rq, "Īsziņa", "Text"));
    buf_esc(b, raw);
    buf_printf(b, "</pre></dd><dt>%s</dt><dd>", TR(rq, "Vieta", "Place"));
    buf_esc(b, place);
    buf_put(b, " (");
    buf_esc(b, mun);
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
                  " maxlength=\"%d\" data-preview=\"reject-sms\"><p>%s</p><pre class=\"sms\""
                  " id=\"reject-sms\" data-template=\"", no, TR(rq, "Noraidīt", "Reject"),
               TR(rq, "Iemesls (tiks nosūtīts brīvprātīgajam)", "Reason (sent to the volunteer)"),
               REASON_MAX, TR(rq, "Brīvprātīgais saņems šo īsziņu:", "The volunteer will get this SMS:"));
    buf_esc(b, sms);
    buf_put(b, "\">");
    buf_esc(b, sms);
    buf_printf(b, "</pre><button type=\"submit\" id=\"reject\" class=\"danger\">%s</button></form></div>",
               TR(rq, "Noraidīt", "Reject"));
    history(rq, vid);
    page_end(rq);
}

/* the last notice queued for the volunteer of report n (what a decision sent) */
static void sent_text(struct web_req *rq, char *out, size_t len)
{
    out[0] = '\0';
    sqlite3_stmt *st = db_prep(rq->db, "SELECT text FROM outbound WHERE kind = 'notice'"
                                       " ORDER BY id DESC LIMIT 1");
    if (st && sqlite3_step(st) == SQLITE_ROW)
        db_col_text(st, 0, out, len);
    if (st)
        sqlite3_reset(st);
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
    enum review_result r = approve ? review_approve(rq->site->pipe, rq->db, no, actor, false, msg, sizeof msg)
                                   : review_reject(rq->site->pipe, rq->db, no, reason, actor, false, msg, sizeof msg);
    if (r != REVIEW_OK) {
        page_back(rq, "/moderation", false, r == REVIEW_NOT_FOUND
                      ? TR(rq, "Šis ziņojums vairs negaida pārbaudi.", "This report no longer waits for review.")
                      : TR(rq, "Datubāzes kļūda: mēģiniet vēlreiz.", "Database error: try again."));
        return;
    }
    sent_text(rq, sms, sizeof sms);
    snprintf(text, sizeof text, "%s %d %s. %s %s", TR(rq, "Ziņojums", "Report"), no,
             approve ? TR(rq, "apstiprināts", "approved") : TR(rq, "noraidīts", "rejected"),
             TR(rq, "Nosūtāmā īsziņa:", "SMS queued:"), sms);
    page_back(rq, "/moderation", true, text);
}

void web_approve(struct web_req *rq) { decide(rq, true); }
void web_reject(struct web_req *rq) { decide(rq, false); }
