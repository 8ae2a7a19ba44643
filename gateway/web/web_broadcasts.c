/* web_broadcasts.c: the broadcasts page (see web_broadcasts.h). Planning and
 * storing go through broadcast_plan/broadcast_commit, as `talka broadcast create`
 * does; a file: segment (a path on the gateway) is refused here. */
#include "gateway/web/web_broadcasts.h"

#include "db/audit.h"
#include "db/broadcast.h"
#include "gateway/base/localtime.h"
#include "gateway/core/broadcast_create.h"
#include "gateway/core/broadcast_progress.h"
#include "gateway/web/web_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 50

static const char *fv(const struct web_req *rq, const char *name)
{
    const char *v = web_field(rq, name);
    return v ? v : "";
}

static void compose_form(struct web_req *rq)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<section class=\"compose\"><h2>%s</h2><form method=\"post\" action=\"/broadcasts/preview\""
                  " id=\"compose\">", TR(rq, "Jauna ziņa", "New broadcast"));
    page_csrf(rq);
    buf_printf(b, "<label for=\"segment\">%s</label><input id=\"segment\" name=\"segment\" required"
                  " value=\"", TR(rq, "Kam", "To"));
    buf_esc(b, web_field(rq, "segment") ? fv(rq, "segment") : "all");
    buf_printf(b, "\"><p class=\"hint\">%s</p>",
               TR(rq, "all · municipality:Cēsis · active:2026-05-01 (ziņoja kopš) · inactive:2026-05-01 · species:quercus_robur",
                  "all · municipality:Cēsis · active:2026-05-01 (reported since) · inactive:2026-05-01 · species:quercus_robur"));
    buf_printf(b, "<label for=\"text\">%s</label><textarea id=\"text\" name=\"text\" rows=\"4\""
                  " maxlength=\"1000\" required>", TR(rq, "Teksts", "Text"));
    buf_esc(b, fv(rq, "text"));
    buf_printf(b, "</textarea><p class=\"hint\">%s {name} {points} {municipality_total}</p>"
                  "<label for=\"name\">%s</label><input id=\"name\" name=\"name\" maxlength=\"100\" value=\"",
               TR(rq, "Aizvietotāji:", "Placeholders:"), TR(rq, "Nosaukums (nav obligāts)", "Name (optional)"));
    buf_esc(b, fv(rq, "name"));
    buf_printf(b, "\"><label for=\"send_at\">%s (%s)</label><input id=\"send_at\" name=\"send_at\""
                  " type=\"datetime-local\" value=\"", TR(rq, "Sūtīt no", "Send from"), localtime_zone());
    buf_esc(b, fv(rq, "send_at"));
    buf_printf(b, "\"><p class=\"hint\">%s</p><button type=\"submit\" id=\"preview\">%s</button></form></section>",
               TR(rq, "Tukšs: tūlīt (ievērojot klusuma stundas un limitus).",
                  "Empty: now (within quiet hours and caps)."),
               TR(rq, "Priekšskatīt", "Preview"));
}

/* The broadcast's progress (broadcast_progress.h) in the reader's language. */
static const char *state_text(const struct web_req *rq, const struct broadcast_row *r,
                              const struct broadcast_counts *c, char *buf, size_t len)
{
    time_t until;
    char u[32];
    switch (broadcast_progress(rq->site->policy, r, c, rq->now, &until)) {
    case BP_SCHEDULED:
        return TR(rq, "ieplānota", "scheduled");
    case BP_SENDING:
        return TR(rq, "sūta", "sending");
    case BP_PAUSED:
        local_format(until, u, sizeof u);
        snprintf(buf, len, "%s %s", TR(rq, "apturēta līdz", "paused until"), u + 11);
        return buf;
    case BP_DONE:
        return TR(rq, "pabeigta", "done");
    case BP_CANCELLED:
        return TR(rq, "atcelta", "cancelled");
    case BP_PREPARING:
        break;
    }
    return TR(rq, "gatavo", "preparing");
}

static void list(struct web_req *rq)
{
    struct buf *b = &rq->out;
    struct broadcast_row *rows = calloc(LIST_MAX, sizeof *rows);
    if (!rows)
        return;
    int n = broadcast_recent(rq->db, rows, LIST_MAX);
    buf_printf(b, "<section><h2>%s</h2>", TR(rq, "Ziņas", "Broadcasts"));
    if (n <= 0)
        buf_printf(b, "<p>%s</p>", TR(rq, "Vēl nav nevienas ziņas.", "No broadcasts yet."));
    else
        buf_printf(b, "<table id=\"broadcast-list\"><thead><tr><th class=\"num\">ID</th><th>%s</th>"
                      "<th>%s</th><th>%s</th><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
                      "<th class=\"num\">%s</th><th class=\"num\">%s</th><th></th></tr></thead><tbody>",
                   TR(rq, "Stāvoklis", "State"), TR(rq, "Sūtīt no", "Send from"),
                   TR(rq, "Kam / nosaukums", "To / name"), TR(rq, "Teksts", "Text"),
                   TR(rq, "Saņēmēji", "Recipients"), TR(rq, "Nosūtītas", "Sent"),
                   TR(rq, "Gaida", "Waiting"), TR(rq, "Neizdevās", "Failed"));
    for (int i = 0; i < n; i++) {
        struct broadcast_counts c;
        memset(&c, 0, sizeof c);
        broadcast_counts(rq->db, rows[i].id, &c);
        char when[32], state[64];
        page_time(rows[i].send_at, when);
        buf_printf(b, "<tr><td class=\"num\">%lld</td><td>%s</td><td>%s</td><td>",
                   (long long)rows[i].id, state_text(rq, &rows[i], &c, state, sizeof state), when);
        buf_esc(b, rows[i].segment);
        if (rows[i].name[0]) {
            buf_put(b, " / ");
            buf_esc(b, rows[i].name);
        }
        buf_put(b, "</td><td class=\"text\">");
        buf_esc(b, rows[i].text);
        buf_printf(b, "</td><td class=\"num\">%ld</td><td class=\"num\">%ld</td><td class=\"num\">%ld</td>"
                      "<td class=\"num\">%ld</td><td>", rows[i].recipients, c.sent + c.delivered,
                   c.pending + c.queued + c.sending, c.failed);
        if (!strcmp(rows[i].state, "preparing") || !strcmp(rows[i].state, "scheduled") ||
            c.queued) {
            buf_put(b, "<form method=\"post\" action=\"/broadcasts/cancel\" class=\"inline\""
                       " data-confirm=\"");
            buf_esc(b, TR(rq, "Atcelt šo ziņu?", "Cancel this broadcast?"));
            buf_put(b, "\">");
            page_csrf(rq);
            buf_printf(b, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><button type=\"submit\""
                          " class=\"danger\">%s</button></form>", (long long)rows[i].id,
                       TR(rq, "Atcelt", "Cancel"));
        }
        buf_put(b, "</td></tr>");
    }
    if (n > 0)
        buf_put(b, "</tbody></table>");
    buf_put(b, "</section>");
    free(rows);
}

void web_broadcasts(struct web_req *rq)
{
    page_begin(rq, TR(rq, "Ziņas", "Broadcasts"), "/broadcasts");
    compose_form(rq);
    list(rq);
    page_end(rq);
}

/* the request from the form; false with a message when it cannot be one */
static bool request_of(struct web_req *rq, struct broadcast_request *req, char *actor,
                       size_t alen, char *at, size_t atlen, char *err, size_t errlen)
{
    memset(req, 0, sizeof *req);
    snprintf(actor, alen, "web:%s", rq->user.name);
    req->segment = fv(rq, "segment");
    req->text = fv(rq, "text");
    req->name = *fv(rq, "name") ? fv(rq, "name") : NULL;
    req->actor = actor;
    if (!strncmp(req->segment, "file:", 5)) {
        snprintf(err, errlen, "%s", TR(rq, "Segments file: ir pieejams tikai komandrindā.",
                                       "A file: segment is for the command line only."));
        return false;
    }
    snprintf(at, atlen, "%s", fv(rq, "send_at"));
    char *t = strchr(at, 'T');
    if (t)
        *t = ' ';
    if (*at) {
        req->send_at = local_parse_time(at);
        if (req->send_at == (time_t)-1) {
            snprintf(err, errlen, "%s", TR(rq, "Laiks jāraksta kā GGGG-MM-DD SS:MM.",
                                           "Write the time as YYYY-MM-DD HH:MM."));
            return false;
        }
    }
    return true;
}

struct sample {
    char text[1200];
    char number[40];
    bool found;
    const char *tmpl;
};

static bool first_one(void *ctx, const struct bc_recipient *r)
{
    struct sample *s = ctx;
    broadcast_render(s->tmpl, r->name, r->points, r->municipality_total, s->text, sizeof s->text);
    snprintf(s->number, sizeof s->number, "%s", r->number ? r->number : "");
    s->found = true;
    return false;
}

static void show_plan(struct web_req *rq, const struct broadcast_request *req,
                      struct broadcast_plan *plan)
{
    struct buf *b = &rq->out;
    char seg[200], eta[160], from[32], done[32];
    broadcast_stats_format(&plan->stats, seg, sizeof seg);
    broadcast_plan_eta_text(rq->site->policy, plan, eta, sizeof eta);
    page_time(plan->start, from);
    page_time(plan->start + plan->eta_s, done);
    struct sample s = { .tmpl = req->text };
    unsigned need = broadcast_template_needs(req->text);
    broadcast_walk_segment(rq->db, plan->seg.kind, plan->seg.value, need,
                           !strcmp(plan->seg.kind, "municipality") ? plan->seg.value : NULL,
                           first_one, &s);
    char pseudo[16] = "";
    if (s.found)
        page_pseudonym(rq, s.number, pseudo);
    buf_printf(b, "<section class=\"plan\" id=\"plan\"><h2>%s</h2><dl class=\"facts\">"
                  "<dt>%s</dt><dd id=\"plan-recipients\">%ld</dd><dt>%s</dt><dd>%s</dd>"
                  "<dt>%s</dt><dd>%d</dd><dt>%s</dt><dd>%s; %s → %s</dd><dt>%s</dt><dd>%s %s</dd>"
                  "<dt>%s%s%s</dt><dd><pre class=\"sms\" id=\"sample\">",
               TR(rq, "Priekšskatījums", "Preview"), TR(rq, "Saņēmēji", "Recipients"),
               plan->stats.recipients, TR(rq, "Daļas", "Parts"), seg,
               TR(rq, "Daļas vienā kopijā (līdz)", "Parts per copy (up to)"), plan->stats.max_segments,
               TR(rq, "Sūtīšanas laiks", "Time to send"), eta, from, done,
               TR(rq, "Ierobežojumi", "Limits"),
               TR(rq, "klusuma stundas", "quiet hours"),
               rq->site->policy->quiet ? rq->site->policy->quiet_text : "—",
               TR(rq, "Paraugs", "Sample"), s.found ? " · " : "", pseudo);
    buf_esc(b, s.found ? s.text : TR(rq, "(segmentā nav neviena brīvprātīgā)", "(nobody in this segment)"));
    buf_put(b, "</pre></dd></dl>");
    if (plan->stats.recipients > 0) {
        buf_put(b, "<form method=\"post\" action=\"/broadcasts/create\">");
        page_csrf(rq);
        const char *keep[] = { "segment", "text", "name", "send_at" };
        for (size_t i = 0; i < 4; i++) {
            buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", keep[i]);
            buf_esc(b, fv(rq, keep[i]));
            buf_put(b, "\">");
        }
        buf_printf(b, "<button type=\"submit\" id=\"schedule\">%s</button></form>",
                   TR(rq, "Ieplānot sūtīšanu", "Schedule it"));
    }
    buf_put(b, "</section>");
}

void web_broadcast_preview(struct web_req *rq)
{
    struct broadcast_request req;
    char actor[64], at[64], err[512] = "";
    page_begin(rq, TR(rq, "Ziņas", "Broadcasts"), "/broadcasts");
    if (!request_of(rq, &req, actor, sizeof actor, at, sizeof at, err, sizeof err)) {
        buf_put(&rq->out, "<p class=\"notice bad\" role=\"alert\">");
        buf_esc(&rq->out, err);
        buf_put(&rq->out, "</p>");
    } else {
        struct broadcast_plan plan;
        int r = broadcast_plan(rq->db, rq->site->app->lex, rq->site->policy, &req, rq->now, &plan,
                               err, sizeof err);
        if (r != PLAN_OK) {
            buf_put(&rq->out, "<p class=\"notice bad\" role=\"alert\" id=\"plan-error\">");
            buf_esc(&rq->out, err);
            buf_put(&rq->out, "</p>");
        } else {
            show_plan(rq, &req, &plan);
        }
        broadcast_plan_free(&plan);
    }
    compose_form(rq);
    page_end(rq);
}

void web_broadcast_create(struct web_req *rq)
{
    struct broadcast_request req;
    char actor[64], at[64], err[512] = "";
    if (!request_of(rq, &req, actor, sizeof actor, at, sizeof at, err, sizeof err)) {
        page_back(rq, "/broadcasts", false, err);
        return;
    }
    struct broadcast_plan plan;
    int r = broadcast_plan(rq->db, rq->site->app->lex, rq->site->policy, &req, rq->now, &plan,
                           err, sizeof err);
    if (r == PLAN_OK && plan.stats.recipients == 0) {
        snprintf(err, sizeof err, "%s", TR(rq, "Segmentā nav neviena saņēmēja.", "The segment has no recipients."));
        r = PLAN_BAD;
    }
    int64_t id = r == PLAN_OK ? broadcast_commit(rq->db, &req, &plan, true, rq->now, err, sizeof err) : 0;
    if (!id) {
        broadcast_plan_free(&plan);
        page_back(rq, "/broadcasts", false, err);
        return;
    }
    char subject[32], detail[160], msg[200];
    snprintf(subject, sizeof subject, "broadcast:%lld", (long long)id);
    snprintf(detail, sizeof detail, "%.100s, %ld recipients", plan.seg.kind, plan.stats.recipients);
    audit(rq->db, rq->now, actor, "broadcast_create", subject, detail);
    snprintf(msg, sizeof msg, "%s %lld: %ld %s", TR(rq, "Ziņa ieplānota", "Broadcast scheduled"),
             (long long)id, plan.stats.recipients, TR(rq, "saņēmēji", "recipients"));
    broadcast_plan_free(&plan);
    page_back(rq, "/broadcasts", true, msg);
}

void web_broadcast_cancel(struct web_req *rq)
{
    long long id = web_num(rq, "id");
    struct broadcast_row *row = calloc(1, sizeof *row);
    if (!row || !id || broadcast_get(rq->db, id, row) != DB_FOUND) {
        free(row);
        page_back(rq, "/broadcasts", false, TR(rq, "Tādas ziņas nav.", "No such broadcast."));
        return;
    }
    free(row);
    char actor[64], subject[32], msg[120];
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    snprintf(subject, sizeof subject, "broadcast:%lld", id);
    if (!broadcast_cancel(rq->db, id, rq->now)) {
        page_back(rq, "/broadcasts", false, TR(rq, "Datubāzes kļūda.", "Database error."));
        return;
    }
    audit(rq->db, rq->now, actor, "broadcast_cancel", subject, NULL);
    snprintf(msg, sizeof msg, "%s %lld", TR(rq, "Atcelta ziņa", "Cancelled broadcast"), id);
    page_back(rq, "/broadcasts", true, msg);
}
