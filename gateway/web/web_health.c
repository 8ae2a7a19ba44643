/* web_health.c: gateway health and downloads (see web_health.h). The figures are
 * those of `talka status` and `talka registry status`, read from the tables the
 * services keep; no phone number appears (modem errors are shown as recorded). */
#include "gateway/web/web_health.h"

#include "db/modem_status.h"
#include "db/registry.h"
#include "db/ussd_counts.h"
#include "gateway/base/localtime.h"
#include "gateway/core/export.h"
#include "gateway/web/web_exports.h"
#include "gateway/web/web_labels.h"
#include "gateway/web/web_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEMS_MAX 32

static void modems(struct web_req *rq)
{
    struct buf *b = &rq->out;
    struct modem_row *rows = calloc(MODEMS_MAX, sizeof *rows);
    int n = rows ? modem_status_list(rq->db, rows, MODEMS_MAX) : -1;
    buf_printf(b, "<section><h2>%s</h2>", TR(rq, "Modemi", "Modems"));
    if (n < 0) {
        page_db_error_line(rq, DB_ERROR);
        buf_put(b, "</section>");
        free(rows);
        return;
    }
    if (n == 0) {
        buf_printf(b, "<p>%s</p></section>", TR(rq, "Neviens modems vēl nav ziņojis.", "No modem has reported yet."));
        free(rows);
        return;
    }
    buf_printf(b, "<table id=\"modems\"><thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th><th>%s</th>"
                  "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", TR(rq, "Modems", "Modem"),
               TR(rq, "Stāvoklis", "State"), TR(rq, "Signāls", "Signal"), TR(rq, "Tīkls", "Network"),
               TR(rq, "Pēdējais kontakts", "Last contact"), TR(rq, "Bilance", "Balance"),
               TR(rq, "Pēdējā kļūda", "Last error"));
    for (int i = 0; i < n; i++) {
        const struct modem_row *r = &rows[i];
        char contact[32], sig[16];
        page_time(r->last_contact, contact);
        if (r->signal >= 0)
            snprintf(sig, sizeof sig, "%d%%", r->signal);
        else
            snprintf(sig, sizeof sig, "—");
        buf_printf(b, "<tr><td>");
        buf_esc(b, r->name);
        buf_printf(b, "</td><td class=\"state-%s\">", !strcmp(r->state, "up") ? "up" : "down");
        buf_esc(b, page_label(rq, LABEL_CODE, r->state));
        buf_printf(b, "</td><td class=\"num\">%s</td><td>", sig);
        buf_esc(b, r->network[0] ? r->network : "—");
        buf_printf(b, "</td><td>%s</td><td%s>", contact, r->balance_low ? " class=\"state-down\"" : "");
        buf_esc(b, r->balance[0] ? r->balance : "—");
        buf_put(b, "</td><td>");
        buf_esc(b, r->last_error[0] ? r->last_error : "—");
        buf_put(b, "</td></tr>");
    }
    buf_put(b, "</tbody></table></section>");
    free(rows);
}

static void row(struct buf *b, const char *label, long long v)
{
    buf_put(b, "<tr><td>");
    buf_esc(b, label);
    buf_printf(b, "</td><td class=\"num\">%lld</td></tr>", v);
}

static void queues(struct web_req *rq)
{
    struct buf *b = &rq->out;
    struct queue_stats q;
    memset(&q, 0, sizeof q);
    bool ok = modem_queue_stats(rq->db, rq->now, local_day_start(rq->now), &q);
    buf_printf(b, "<section class=\"half\"><h2>%s</h2><table id=\"queues\"><tbody>", TR(rq, "Rindas", "Queues"));
    if (!ok) {
        page_db_error_row(rq, 2, DB_ERROR);
        buf_put(b, "</tbody></table></section>");
        return;
    }
    row(b, TR(rq, "izejošās rindā", "outbound queued"), q.queued);
    row(b, TR(rq, "sūta", "sending"), q.sending);
    row(b, TR(rq, "neizdevās", "failed"), q.failed);
    row(b, TR(rq, "vecākā gaida (s)", "oldest waiting (s)"), q.oldest_due_s);
    row(b, TR(rq, "ienākošās neapstrādātas", "inbound not yet handled"), q.inbound_new);
    row(b, TR(rq, "garo īsziņu daļas gaida", "parts of long texts waiting"), q.parts_waiting);
    row(b, TR(rq, "saņemtas šodien", "received today"), q.received_today);
    row(b, TR(rq, "nosūtītas šodien", "sent today"), q.sent_today);
    buf_put(b, "</tbody></table></section>");
}

static void registry(struct web_req *rq)
{
    struct buf *b = &rq->out;
    struct registry_counts c;
    memset(&c, 0, sizeof c);
    bool ok = registry_counts(rq->db, &c);
    char ok_at[64] = "", ok_msg[200] = "", err_at[64] = "", err_msg[300] = "", stopped[8] = "";
    registry_state_get(rq->db, "last_success_at", ok_at, sizeof ok_at);
    registry_state_get(rq->db, "last_success", ok_msg, sizeof ok_msg);
    registry_state_get(rq->db, "last_error_at", err_at, sizeof err_at);
    registry_state_get(rq->db, "last_error", err_msg, sizeof err_msg);
    registry_state_get(rq->db, "auth_stopped", stopped, sizeof stopped);
    buf_printf(b, "<section class=\"half\"><h2>%s</h2><table id=\"registry\"><tbody>",
               TR(rq, "Reģistra augšupielāde", "Registry uploader"));
    if (!ok) {
        page_db_error_row(rq, 2, DB_ERROR);
        buf_put(b, "</tbody></table></section>");
        return;
    }
    row(b, TR(rq, "gaida partijā", "waiting for a batch"), c.waiting);
    row(b, TR(rq, "atvērtās partijās", "in open batches"), c.in_batches);
    row(b, TR(rq, "atvērtas partijas", "open batches"), c.open_batches);
    row(b, TR(rq, "pieņemti", "accepted"), c.accepted);
    row(b, TR(rq, "dublikāti", "duplicates"), c.duplicate);
    row(b, TR(rq, "noraidīti", "rejected"), c.rejected);
    buf_printf(b, "<tr><td>%s</td><td>", TR(rq, "pēdējā partija", "last batch"));
    buf_esc(b, ok_at[0] ? ok_at : "—");
    buf_put(b, " ");
    buf_esc(b, ok_msg);
    buf_printf(b, "</td></tr><tr><td>%s</td><td>", TR(rq, "pēdējā kļūda", "last error"));
    buf_esc(b, err_at[0] ? err_at : "—");
    buf_put(b, " ");
    buf_esc(b, err_msg);
    buf_put(b, "</td></tr>");
    if (!strcmp(stopped, "yes"))
        buf_printf(b, "<tr><td colspan=\"2\" class=\"state-down\">%s</td></tr>",
                   TR(rq, "apturēts: reģistrs noraidīja atslēgu", "stopped: the registry refused the key"));
    buf_put(b, "</tbody></table></section>");
}

static void ussd(struct web_req *rq)
{
    struct buf *b = &rq->out;
    struct ussd_counts c;
    enum db_status st = ussd_counts(rq->db, (int64_t)local_day_start(rq->now),
                                    (int64_t)rq->now - 180, &c);
    buf_printf(b, "<section class=\"half\"><h2>USSD</h2><table id=\"ussd\"><tbody>");
    if (DB_FAILED(st)) {
        page_db_error_row(rq, 2, st);
    } else {
        row(b, TR(rq, "sesijas šodien", "sessions today"), c.sessions_today);
        row(b, TR(rq, "aktīvas (3 min)", "active (3 min)"), c.active);
        row(b, TR(rq, "ziņojumi caur USSD šodien", "reports over USSD today"), c.reports_today);
    }
    buf_put(b, "</tbody></table></section>");
}

void web_health(struct web_req *rq)
{
    page_begin(rq, TR(rq, "Vārtejas stāvoklis", "Gateway health"), "/health");
    modems(rq);
    buf_put(&rq->out, "<div class=\"grid\">");
    queues(rq);
    registry(rq);
    ussd(rq);
    buf_put(&rq->out, "</div>");
    page_end(rq);
}

void web_downloads(struct web_req *rq)
{
    struct buf *b = &rq->out;
    page_begin(rq, TR(rq, "Lejupielādes", "Downloads"), "/downloads");
    buf_printf(b, "<p>%s</p><ul class=\"downloads\">"
                  "<li><a href=\"/downloads/plantings.csv\" id=\"csv\">plantings.csv</a> — %s</li>"
                  "<li><a href=\"/downloads/plantings.geojson\" id=\"geojson\">plantings.geojson</a> — %s</li></ul>",
               TR(rq, "Pieņemtie stādījumi, bez tālruņu numuriem un bez brīvprātīgo datiem.",
                  "Accepted plantings, without phone numbers or volunteer data."),
               TR(rq, "MapMyTree masveida ievadei (kolonnas: docs/registry.md)",
                  "for MapMyTree bulk entry (columns: docs/registry.md)"),
               TR(rq, "kartēm (vietas ar koordinātām)", "for maps (places with coordinates)"));
    web_downloads_people(rq);
    page_end(rq);
}

static void download(struct web_req *rq, bool csv)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    long n = 0, skipped = 0;
    bool ok = f && export_plantings(rq->db, rq->site->app->lex, csv, NULL, f, &n, &skipped);
    if (f)
        fclose(f);
    if (!ok) {
        free(data);
        web_fail(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "export failed");
        return;
    }
    rq->type = csv ? "text/csv; charset=utf-8" : "application/geo+json";
    char day[11];
    local_date(rq->now, day);
    snprintf(rq->disposition, sizeof rq->disposition, "attachment; filename=\"talka-plantings-%s.%s\"",
             day, csv ? "csv" : "geojson");
    buf_putn(&rq->out, data, len);
    free(data);
}

void web_download_csv(struct web_req *rq) { download(rq, true); }
void web_download_geojson(struct web_req *rq) { download(rq, false); }
