/* web_volunteer_message.c: Sūtīt ziņu, a staff text to one volunteer (see
 * web_volunteers.h). An answer to someone who wrote in the last 7 days goes at
 * once (a staff message, sent even in quiet hours, as replies are); a message out
 * of the blue is refused after STOP and otherwise waits like a broadcast copy for
 * the send policy (quiet hours, daily caps), and is cancelled by a STOP that comes
 * first (db/migrations/022_opt_out_staff.sql). The audit log names the volunteer and
 * never holds the words. */
#include "gateway/web/web_volunteer_message.h"

#include "db/audit.h"
#include "db/outbox.h"
#include "db/volunteer_history.h"
#include "db/volunteers.h"
#include "gateway/base/sms_text.h"
#include "gateway/web/web_page.h"
#include "gateway/web/web_volunteer_load.h"

#include <stdio.h>
#include <string.h>

#define ANSWER_WINDOW_S (7 * 24 * 3600)
#define MESSAGE_MAX_PARTS 3

void web_volunteer_message_form(struct web_req *rq, const struct volunteer *v)
{
    struct buf *b = &rq->out;
    int64_t last = 0;
    volunteer_last_text_at(rq->db, v->id, &last);
    bool answer = last && rq->now - (time_t)last <= ANSWER_WINDOW_S;
    buf_printf(b, "<section class=\"message\"><h2>%s</h2><p class=\"hint\" id=\"message-when\">%s</p>",
               TR(rq, "Sūtīt ziņu", "Send a message"),
               answer ? TR(rq, "Rakstīja pēdējo 7 dienu laikā: ziņa aizies tūlīt.",
                           "Wrote in the last 7 days: the message goes at once.")
               : v->opted_out ? TR(rq, "Sūtījis STOP un 7 dienās nav rakstījis: ziņu nevar sūtīt.",
                                   "Sent STOP and has not written in 7 days: no message can go.")
                              : TR(rq, "Nav rakstījis 7 dienās: ziņa gaidīs ārpus klusuma stundām un limitiem.",
                                   "Has not written in 7 days: the message waits for quiet hours and caps to allow it."));
    buf_put(b, "<form method=\"post\" action=\"/volunteer/message\" id=\"message-form\">");
    page_csrf(rq);
    buf_printf(b, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><label for=\"message\">%s</label>"
                  "<textarea id=\"message\" name=\"text\" rows=\"3\" maxlength=\"480\" required"
                  " data-sms-count=\"message-count\"></textarea><p class=\"hint sms-count\" id=\"message-count\""
                  " aria-live=\"polite\"></p><button type=\"submit\" id=\"message-send\">%s</button></form></section>",
               (long long)v->id, TR(rq, "Teksts", "Text"), TR(rq, "Sūtīt", "Send"));
}

void web_volunteer_message(struct web_req *rq)
{
    struct volunteer v;
    if (!web_volunteer_load(rq, &v))
        return;
    char path[64], actor[64], subject[48];
    snprintf(path, sizeof path, "/volunteer?id=%lld", (long long)v.id);
    /* sent without invisible format characters, as an answer from the inbox is
     * (and as the counter under the box measures it: POST /sms-count) */
    char text[2048];
    snprintf(text, sizeof text, "%s", web_field(rq, "text") ? web_field(rq, "text") : "");
    sms_strip_format(text);
    struct sms_info info;
    sms_measure(text, &info);
    if (!text[strspn(text, " \t\r\n")] || info.segments > MESSAGE_MAX_PARTS) {
        page_back(rq, path, false, TR(rq, "Ierakstiet ziņu (līdz 3 SMS daļām).",
                                      "Write the message (up to 3 SMS parts)."));
        return;
    }
    int64_t last = 0;
    if (DB_FAILED(volunteer_last_text_at(rq->db, v.id, &last))) {
        page_back(rq, path, false, TR(rq, "Datubāzes kļūda.", "Database error."));
        return;
    }
    bool answer = last && rq->now - (time_t)last <= ANSWER_WINDOW_S;
    if (!answer && v.opted_out) {
        page_back(rq, path, false, TR(rq, "Brīvprātīgais sūtīja STOP: ziņa netika sūtīta.",
                                      "The volunteer sent STOP: the message was not sent."));
        return;
    }
    snprintf(actor, sizeof actor, "web:%s", rq->user.name);
    snprintf(subject, sizeof subject, "volunteer#%lld", (long long)v.id);
    bool ok = db_begin(rq->db);
    ok = ok && outbox_enqueue(rq->db, v.number, text, answer ? PRIO_STAFF : PRIO_BROADCAST, "staff", 0,
                              0, rq->now) != 0;
    ok = ok && audit(rq->db, rq->now, actor, "message_send", subject, answer ? "answer" : "unprompted");
    if (!ok || !db_commit(rq->db)) {
        db_rollback(rq->db);
        page_back(rq, path, false, TR(rq, "Datubāzes kļūda: ziņa netika sūtīta.",
                                      "Database error: the message was not sent."));
        return;
    }
    page_back(rq, path, true, answer ? TR(rq, "Ziņa nosūtīšanai rindā.", "The message is queued to go now.")
                                     : TR(rq, "Ziņa gaida sūtīšanas laiku.", "The message waits for its sending time."));
}
