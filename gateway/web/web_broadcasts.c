/* web_broadcasts.c: the broadcasts page (see web_broadcasts.h). Planning and
 * storing go through broadcast_plan/broadcast_commit, as `talka broadcast create`
 * does; a file: segment (a path on the gateway) is refused here. */
#include "gateway/web/web_broadcasts.h"

#include "db/audit.h"
#include "db/broadcast.h"
#include "db/overview.h"
#include "gateway/base/localtime.h"
#include "gateway/core/broadcast_create.h"
#include "gateway/core/broadcast_progress.h"
#include "gateway/web/web_audience.h"
#include "gateway/web/web_page.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 50

static const char *fv(const struct web_req *rq, const char *name)
{
    const char *v = web_field(rq, name);
    return v ? v : "";
}

static void text_box(struct web_req *rq, const char *field, const char *label, bool required)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" rows=\"3\" maxlength=\"1000\""
                  " data-sms-count=\"%s-count\"%s>", field, label, field, field, field, required ? " required" : "");
    buf_esc(b, fv(rq, field));
    buf_printf(b, "</textarea><p class=\"hint sms-count\" id=\"%s-count\" aria-live=\"polite\"></p>", field);
}

static void compose_form(struct web_req *rq)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<section class=\"compose\"><h2>%s</h2><form method=\"post\" action=\"/broadcasts/preview\""
                  " id=\"compose\" data-count-url=\"/broadcasts/count\">", TR(rq, "Jauns atgādinājums", "New reminder"));
    page_csrf(rq);
    audience_controls(rq);
    text_box(rq, "text", TR(rq, "Teksts latviski (arī visiem bez sava teksta)",
                            "Latvian text (also for everyone without one in their language)"), true);
    text_box(rq, "text_ru", TR(rq, "Teksts krieviski (nav obligāts)", "Russian text (optional)"), false);
    text_box(rq, "text_en", TR(rq, "Teksts angliski (nav obligāts)", "English text (optional)"), false);
    buf_printf(b, "<p class=\"hint\">%s {name} {points} {municipality_total}</p>"
                  "<label for=\"name\">%s</label><input id=\"name\" name=\"name\" maxlength=\"100\" value=\"",
               TR(rq, "Aizvietotāji:", "Placeholders:"), TR(rq, "Nosaukums (nav obligāts)", "Name (optional)"));
    buf_esc(b, fv(rq, "name"));
    buf_printf(b, "\"><label for=\"send_at\">%s (dd.mm.gggg SS:MM, %s)</label><input id=\"send_at\" name=\"send_at\""
                  " placeholder=\"dd.mm.gggg SS:MM\" value=\"", TR(rq, "Sūtīt no", "Send from"), localtime_zone());
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
    buf_printf(b, "<section><h2>%s</h2>", TR(rq, "Atgādinājumi", "Reminders"));
    if (n <= 0)
        buf_printf(b, "<p>%s</p>", TR(rq, "Vēl nav neviena atgādinājuma.", "No reminders yet."));
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
        audience_say(rq, &rows[i]);
        if (rows[i].name[0]) {
            buf_put(b, " / ");
            buf_esc(b, rows[i].name);
        }
        buf_put(b, "</td><td class=\"text\">");
        buf_esc(b, rows[i].text);
        buf_printf(b, "</td><td class=\"num\">%ld</td><td class=\"num\">%ld</td><td class=\"num\">%ld</td>"
                      "<td class=\"num\">%ld</td><td>", rows[i].recipients, c.sent + c.delivered,
                   /* a cancelled broadcast's copies wait for nothing any more */
                   !strcmp(rows[i].state, "cancelled") ? 0 : c.pending + c.queued + c.sending, c.failed);
        if (!strcmp(rows[i].state, "preparing") || !strcmp(rows[i].state, "scheduled") ||
            c.queued) {
            buf_put(b, "<form method=\"post\" action=\"/broadcasts/cancel\" class=\"inline\""
                       " data-confirm=\"");
            buf_esc(b, TR(rq, "Atcelt šo atgādinājumu?", "Cancel this reminder?"));
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
    page_begin(rq, TR(rq, "Atgādinājumi", "Reminders"), "/broadcasts");
    compose_form(rq);
    list(rq);
    page_end(rq);
}

/* the request from the form; false with a message when it cannot be one */
static bool request_of(struct web_req *rq, struct broadcast_request *req, char *actor,
                       size_t alen, char *seg, size_t seglen, char *err, size_t errlen)
{
    memset(req, 0, sizeof *req);
    snprintf(actor, alen, "web:%s", rq->user.name);
    if (!audience_spec_of(rq, seg, seglen, err, errlen))
        return false;
    req->segment = seg;
    req->text = fv(rq, "text");
    req->text_ru = *fv(rq, "text_ru") ? fv(rq, "text_ru") : NULL;
    req->text_en = *fv(rq, "text_en") ? fv(rq, "text_en") : NULL;
    req->name = *fv(rq, "name") ? fv(rq, "name") : NULL;
    req->actor = actor;
    if (!strncmp(req->segment + strspn(req->segment, " \t"), "file:", 5)) {
        snprintf(err, errlen, "%s", TR(rq, "Segments file: ir pieejams tikai komandrindā.",
                                       "A file: segment is for the command line only."));
        return false;
    }
    if (*fv(rq, "send_at")) {
        req->send_at = page_parse_local(fv(rq, "send_at"));
        if (req->send_at == (time_t)-1) {
            snprintf(err, errlen, "%s", TR(rq, "Laiku rakstiet kā dd.mm.gggg SS:MM.",
                                           "Write the time as dd.mm.yyyy HH:MM."));
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

/* the plan's parts and time to send in the page's language (the CLI's own
 * wording, broadcast_stats_format, is English) */
static void plan_texts(const struct web_req *rq, const struct broadcast_plan *plan, char *seg,
                       size_t seglen, char *eta, size_t etalen)
{
    const struct broadcast_stats *st = &plan->stats;
    char parts[32], gsm[32], ucs[32], rate[32];
    page_num(rq, st->parts, parts);
    page_num(rq, st->recipients - st->ucs2, gsm);
    page_num(rq, st->ucs2, ucs);
    page_num(rq, plan->per_min, rate);
    snprintf(seg, seglen, TR(rq, "%s daļas kopā (%s kopijas GSM-7, %s Unicode)",
                             "%s parts in all (%s copies GSM-7, %s Unicode)"), parts, gsm, ucs);
    long m = (plan->eta_s + 59) / 60;
    int n = rq->site->policy->nlinks > 0 ? rq->site->policy->nlinks : 1;
    if (m < 60)
        snprintf(eta, etalen, TR(rq, "ap %ld min, %s daļas minūtē, modemi: %d", "about %ld min at %s parts a minute, modems: %d"),
                 m, rate, n);
    else
        snprintf(eta, etalen, TR(rq, "ap %ld h %ld min, %s daļas minūtē, modemi: %d",
                                 "about %ld h %ld min at %s parts a minute, modems: %d"), m / 60, m % 60, rate, n);
}

static void show_plan(struct web_req *rq, const struct broadcast_request *req,
                      struct broadcast_plan *plan)
{
    struct buf *b = &rq->out;
    char seg[200], eta[160], from[32], done[32];
    plan_texts(rq, plan, seg, sizeof seg, eta, sizeof eta);
    page_time(plan->start, from);
    page_time(plan->start + plan->eta_s, done);
    struct sample s = { .tmpl = req->text };
    unsigned need = broadcast_template_needs(req->text);
    char munis[2048];
    struct bc_segment q = segment_query(&plan->seg, munis, sizeof munis);
    broadcast_walk_segment(rq->db, &q, need, segment_total_municipality(&plan->seg), first_one, &s);
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
        audience_hidden(rq);
        const char *keep[] = { "text", "text_ru", "text_en", "name", "send_at" };
        for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
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
    char actor[64], seg[400], err[512] = "";
    page_begin(rq, TR(rq, "Atgādinājumi", "Reminders"), "/broadcasts");
    if (!request_of(rq, &req, actor, sizeof actor, seg, sizeof seg, err, sizeof err)) {
        buf_put(&rq->out, "<p class=\"notice bad\" role=\"alert\">");
        buf_esc(&rq->out, err);
        buf_put(&rq->out, "</p>");
    } else {
        struct broadcast_plan plan;
        int r = broadcast_plan(rq->db, rq->site->app->lex, rq->site->policy, &req, rq->now, &plan,
                               err, sizeof err);
        if (r != PLAN_OK && plan.seg.error)
            audience_error(rq, &plan.seg, err, sizeof err);
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
    char actor[64], seg[400], err[512] = "";
    if (!request_of(rq, &req, actor, sizeof actor, seg, sizeof seg, err, sizeof err)) {
        page_back(rq, "/broadcasts", false, err);
        return;
    }
    struct broadcast_plan plan;
    int r = broadcast_plan(rq->db, rq->site->app->lex, rq->site->policy, &req, rq->now, &plan,
                           err, sizeof err);
    if (r != PLAN_OK && plan.seg.error)
        audience_error(rq, &plan.seg, err, sizeof err);
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
    char said[1024];
    segment_describe(&plan.seg, said, sizeof said);
    snprintf(detail, sizeof detail, "%.100s, %ld recipients", said, plan.stats.recipients);
    audit(rq->db, rq->now, actor, "broadcast_create", subject, detail);
    snprintf(msg, sizeof msg, "%s %lld: %ld %s", TR(rq, "Atgādinājums ieplānots", "Reminder scheduled"),
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
        page_back(rq, "/broadcasts", false, TR(rq, "Tāda atgādinājuma nav.", "No such reminder."));
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
    snprintf(msg, sizeof msg, "%s %lld", TR(rq, "Atcelts atgādinājums", "Cancelled reminder"), id);
    page_back(rq, "/broadcasts", true, msg);
}

/* POST /broadcasts/count: the recipients the form's audience names now, for the
 * live count beside the controls (web_audience.c). */
void web_broadcast_count(struct web_req *rq)
{
    web_json(rq, audience_count(rq));
}
