/* web_volunteers.c: volunteer search, page, reminders and erasure (see
 * web_volunteers.h). Every change is in the audit log under the account name. */
#include "gateway/web/web_volunteers.h"

#include "db/audit.h"
#include "db/plantings.h"
#include "db/volunteer_history.h"
#include "db/volunteers.h"
#include "gateway/base/log.h"
#include "gateway/base/pseudonym.h"
#include "gateway/web/web_labels.h"
#include "gateway/web/web_page.h"
#include "gateway/web/web_volunteer_load.h"
#include "gateway/web/web_volunteer_message.h"

#include <stdio.h>
#include <string.h>

static int conversation_row(const struct conversation_item *it, void *arg)
{
    struct web_req *rq = arg;
    struct buf *b = &rq->out;
    char when[32];
    page_time((time_t)it->at, when);
    buf_printf(b, "<li class=\"%s\"><span class=\"meta\">%s · %s", it->in ? "in" : "out", when,
               it->in ? TR(rq, "saņemta", "received") : page_label(rq, LABEL_OUT, it->how));
    if (!it->in && !strcmp(it->outcome, "staff"))
        buf_printf(b, " · %s", TR(rq, "no koordinatora", "from staff"));
    buf_put(b, "</span><pre class=\"sms\">");
    buf_esc(b, it->text);
    buf_put(b, "</pre>");
    if (it->in)
        buf_printf(b, "<span class=\"understood\">%s: %s</span>", TR(rq, "talka saprata", "talka understood"),
                   page_label(rq, LABEL_UNDERSTOOD, it->outcome));
    buf_put(b, "</li>");
    return 0;
}

static void conversation(struct web_req *rq, const struct volunteer *v)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<section><h2>%s</h2><ol class=\"chat\" id=\"conversation\">", TR(rq, "Sarakste", "Conversation"));
    size_t before = b->len;
    enum db_status st = volunteer_conversation(rq->db, v->id, v->number, 200, conversation_row, rq);
    if (DB_FAILED(st))
        buf_printf(b, "<li class=\"state-down\">%s</li>", page_db_failure(rq, st));
    else if (b->len == before)
        buf_printf(b, "<li>%s</li>", TR(rq, "Nav īsziņu.", "No texts."));
    buf_put(b, "</ol></section>");
}

static int planting_row(const struct planting_item *it, void *arg)
{
    struct web_req *rq = arg;
    struct buf *b = &rq->out;
    char when[32];
    page_time((time_t)it->reported_at, when);
    buf_printf(b, "<tr><td>%s</td><td>", when);
    buf_esc(b, page_species(rq, it->species));
    buf_printf(b, "</td><td class=\"num\">%lld</td><td>", (long long)it->count);
    buf_esc(b, it->place);
    buf_put(b, "</td><td>");
    buf_esc(b, page_label(rq, LABEL_CODE, it->status));
    buf_put(b, "</td></tr>");
    return 0;
}

static void plantings(struct web_req *rq, int64_t id)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<section class=\"half\"><h2>%s</h2><table id=\"plantings\"><thead><tr><th>%s</th><th>%s</th>"
                  "<th class=\"num\">%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
               TR(rq, "Stādījumi", "Plantings"), TR(rq, "Saņemts", "Received"), TR(rq, "Suga", "Species"),
               TR(rq, "Skaits", "Count"), TR(rq, "Vieta", "Place"), TR(rq, "Statuss", "Status"));
    enum db_status st = volunteer_plantings(rq->db, id, 200, planting_row, rq);
    if (DB_FAILED(st))
        page_db_error_row(rq, 5, st);
    buf_put(b, "</tbody></table></section>");
}

static int ledger_row(const struct ledger_item *it, void *arg)
{
    struct web_req *rq = arg;
    struct buf *b = &rq->out;
    char when[32];
    page_time((time_t)it->at, when);
    buf_printf(b, "<tr><td>%s</td><td class=\"num\">%+lld</td><td>", when, (long long)it->delta);
    buf_esc(b, page_label(rq, LABEL_CODE, it->reason));
    buf_put(b, "</td></tr>");
    return 0;
}

static void ledger(struct web_req *rq, int64_t id)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<section class=\"half\"><h2>%s</h2><table id=\"ledger\"><thead><tr><th>%s</th>"
                  "<th class=\"num\">%s</th><th>%s</th></tr></thead><tbody>",
               TR(rq, "Punktu uzskaite", "Points ledger"), TR(rq, "Kad", "When"),
               TR(rq, "Punkti", "Points"), TR(rq, "Iemesls", "Reason"));
    enum db_status st = volunteer_ledger(rq->db, id, 200, ledger_row, rq);
    if (DB_FAILED(st))
        page_db_error_row(rq, 3, st);
    buf_put(b, "</tbody></table></section>");
}

void web_volunteer(struct web_req *rq)
{
    struct volunteer v;
    if (!web_volunteer_load(rq, &v))
        return;
    struct buf *b = &rq->out;
    page_begin(rq, v.number, "/volunteers");
    char since[32];
    page_time(v.created_at, since);
    buf_printf(b, "<dl class=\"facts\" id=\"volunteer\"><dt>%s</dt><dd>", TR(rq, "Vārds", "Name"));
    buf_esc(b, v.name[0] ? v.name : "—");
    int64_t points = 0;
    char pts[24] = "—";   /* shown as a dash when it could not be read */
    if (points_total(rq->db, v.id, &points) == DB_FOUND)
        snprintf(pts, sizeof pts, "%lld", (long long)points);
    buf_printf(b, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd id=\"points\">%s</dd>"
                  "<dt>%s</dt><dd>", TR(rq, "Valoda", "Language"), page_label(rq, LABEL_CODE, v.lang), TR(rq, "Kopš", "Since"), since,
               TR(rq, "Punkti", "Points"), pts,
               TR(rq, "Atgādinājumi", "Reminders"));
    buf_printf(b, "<form method=\"post\" action=\"/volunteer/reminders\" class=\"inline\">");
    page_csrf(rq);
    buf_printf(b, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><input type=\"hidden\" name=\"on\""
                  " value=\"%d\"><span id=\"reminders\">%s</span> ",
               (long long)v.id, v.opted_out ? 1 : 0,
               v.opted_out ? TR(rq, "izslēgti (STOP)", "off (STOP)") : TR(rq, "ieslēgti", "on"));
    /* STOP was the volunteer's own word: only they can take it back */
    if (v.opted_out)
        buf_printf(b, "<label class=\"confirm\"><input type=\"checkbox\" name=\"confirm\" value=\"yes\""
                      " id=\"reminders-confirm\" required> %s</label> ",
                   TR(rq, "Brīvprātīgais pats lūdza tos atkal ieslēgt",
                      "The volunteer asked for them back"));
    buf_printf(b, "<button type=\"submit\" id=\"reminders-toggle\">%s</button></form></dd></dl>",
               v.opted_out ? TR(rq, "Ieslēgt", "Turn on") : TR(rq, "Izslēgt", "Turn off"));
    conversation(rq, &v);
    web_volunteer_message_form(rq, &v);
    buf_put(b, "<div class=\"grid\">");
    plantings(rq, v.id);
    ledger(rq, v.id);
    buf_put(b, "</div>");
    if (rq->user.role >= ROLE_ADMIN) {
        buf_printf(b, "<section class=\"erase\"><h2>%s</h2><p>%s</p><form method=\"post\" action=\"/volunteer/erase\""
                      " data-confirm=\"", TR(rq, "Dzēst personas datus", "Erase personal data"),
                   TR(rq, "Numurs, vārds un īsziņu teksti tiek dzēsti; stādījumi un punkti paliek anonīmi.",
                      "The number, name and texts are erased; plantings and points stay, anonymous."));
        buf_esc(b, TR(rq, "Neatgriezeniski dzēst šī brīvprātīgā datus?", "Erase this volunteer's data for good?"));
        buf_put(b, "\">");
        page_csrf(rq);
        buf_printf(b, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><label><input type=\"checkbox\""
                      " name=\"confirm\" value=\"yes\" required> %s</label> <button type=\"submit\" class=\"danger\">%s</button></form></section>",
                   (long long)v.id, TR(rq, "Jā, dzēst", "Yes, erase"), TR(rq, "Dzēst", "Erase"));
    }
    page_end(rq);
}

void web_volunteer_reminders(struct web_req *rq)
{
    struct volunteer v;
    if (!web_volunteer_load(rq, &v))
        return;
    bool on = web_num(rq, "on") == 1;
    char actor[64], subject[48], path[64];
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    snprintf(subject, sizeof subject, "volunteer#%lld", (long long)v.id);
    snprintf(path, sizeof path, "/volunteer?id=%lld", (long long)v.id);
    const char *confirm = web_field(rq, "confirm");
    if (on && (!confirm || strcmp(confirm, "yes"))) {
        page_back(rq, path, false, TR(rq, "Atzīmējiet, ka brīvprātīgais pats lūdza atgādinājumus ieslēgt.",
                                      "Tick that the volunteer asked for reminders back."));
        return;
    }
    if (!volunteer_set_opted_out(rq->db, v.id, !on)) {
        page_back(rq, path, false, TR(rq, "Datubāzes kļūda.", "Database error."));
        return;
    }
    audit(rq->db, rq->now, actor, on ? "reminders_on" : "reminders_off", subject, NULL);
    page_back(rq, path, true, on ? TR(rq, "Atgādinājumi ieslēgti.", "Reminders on.")
                                 : TR(rq, "Atgādinājumi izslēgti.", "Reminders off."));
}

void web_volunteer_erase(struct web_req *rq)
{
    struct volunteer v;
    if (!web_volunteer_load(rq, &v))
        return;
    char path[64];
    snprintf(path, sizeof path, "/volunteer?id=%lld", (long long)v.id);
    const char *confirm = web_field(rq, "confirm");
    if (!confirm || strcmp(confirm, "yes")) {
        page_back(rq, path, false, TR(rq, "Apstipriniet dzēšanu.", "Confirm the erasure."));
        return;
    }
    char mac[65], pseudo[40], actor[64], subject[48];
    pseudonym_hmac(rq->site->key, rq->site->keylen, v.number, mac);
    snprintf(pseudo, sizeof pseudo, "erased:%.24s", mac);
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    snprintf(subject, sizeof subject, "volunteer#%lld", (long long)v.id);
    bool ok = db_begin(rq->db);
    ok = ok && volunteer_erase(rq->db, &v, pseudo, 0, rq->now) &&
         audit(rq->db, rq->now, actor, "erase", subject, "personal data erased from the dashboard");
    if (!ok || !db_commit(rq->db)) {
        db_rollback(rq->db);
        page_back(rq, path, false, TR(rq, "Datubāzes kļūda.", "Database error."));
        return;
    }
    log_info("volunteer %lld erased by %s", (long long)v.id, actor);
    page_back(rq, "/volunteers", true, TR(rq, "Brīvprātīgā dati dzēsti.", "The volunteer's data is erased."));
}
