/* staff_settle.c: what staff do about one text from the dashboard, through the
 * pipeline's own code (see staff_settle.h). A report registered here is handled
 * by handle_plant() like any SMS report, on the text's own inbound row, so it
 * can never be counted twice and its reply is the one an SMS would get. */
#include "gateway/core/staff_settle.h"
#include "gateway/core/job.h"
#include "gateway/core/pipeline_plant.h"

#include "db/askback.h"
#include "db/inbox.h"
#include "db/outbox.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/phone.h"
#include "parsers/grammar.h"
#include "parsers/lookup.h"
#include "parsers/places.h"
#include "parsers/species.h"

#include <stdio.h>
#include <string.h>

#define STAFF_TEXT_PARTS 3     /* a staff message may take up to 3 SMS parts */

/* The job for inbound row id inside the caller's transaction: the row, its
 * sender's number and record, their language. SETTLE_GONE when the sender was
 * erased or is no phone. */
static enum settle_result job_for(struct job *j, struct pipeline *p, struct db *db, int64_t id,
                                  struct pipeline_outcome *out)
{
    memset(j, 0, sizeof *j);
    memset(out, 0, sizeof *out);
    j->p = p;
    j->db = db;
    j->now = clock_now();
    j->out = out;
    out->inbound_id = id;
    enum db_status s = inbound_load(db, id, &j->row);
    if (s != DB_FOUND)
        return DB_FAILED(s) ? SETTLE_DB : SETTLE_GONE;
    if (phone_normalize(j->row.sender, j->e164, sizeof j->e164) != PHONE_E164)
        return SETTLE_GONE;
    s = volunteer_find(db, j->e164, &j->vol);
    if (s != DB_FOUND)
        return DB_FAILED(s) ? SETTLE_DB : SETTLE_GONE;
    j->lang = lang_from_code(j->vol.lang);
    out->lang = lang_code(j->lang);
    return SETTLE_OK;
}

/* handle_plant on the job, then the row's outcome and the reply queued. */
static bool plant_and_tell(struct job *j)
{
    j->pr.ok = true;
    j->pr.error = NULL;
    j->pr.confirm = NULL;
    j->pr.nchoices = 0;
    j->pr.suggestion[0] = '\0';
    if (!handle_plant(j) || !inbound_set_outcome(j->db, j->row.id, j->out->outcome))
        return false;
    if (!j->out->reply[0])
        return true;
    j->out->outbound_id = outbox_enqueue(j->db, j->e164, j->out->reply, PRIO_REPLY, "notice",
                                         j->row.id, 0, j->now);
    return j->out->outbound_id != 0;
}

static enum settle_result finish(struct job *j, enum settle_result r)
{
    inbound_row_free(&j->row);
    if (r != SETTLE_OK) {
        db_rollback(j->db);
        return r;
    }
    return db_commit(j->db) ? SETTLE_OK : SETTLE_DB;
}

enum settle_result settle_register_text(struct pipeline *p, struct db *db, int64_t id, long count,
                                        const char *species_id, const char *place,
                                        struct pipeline_outcome *out, char *msg, size_t msglen)
{
    const struct app *a = p->app;
    const struct species *sp = species_id ? lexicon_species_by_id(a->lex, species_id) : NULL;
    bool ambiguous = false;
    const struct place *pl = place ? lexicon_place_by_name(a->lex, place) : NULL;
    if (!pl && place && *place)
        pl = lexicon_find_place(a->lex, place, &ambiguous);
    msg[0] = '\0';
    if (count < a->popts.min_count || count > a->popts.max_count)
        snprintf(msg, msglen, "count");
    else if (!sp)
        snprintf(msg, msglen, "species");
    else if (!pl)
        snprintf(msg, msglen, ambiguous ? "place_ambiguous" : "place");
    if (msg[0])
        return SETTLE_BAD;
    struct job j;
    if (!db_begin(db))
        return SETTLE_DB;
    enum settle_result r = job_for(&j, p, db, id, out);
    if (r == SETTLE_OK && (!j.row.handled || !strcmp(j.row.outcome, "planted") ||
                           !strcmp(j.row.outcome, "pending_review"))) {
        snprintf(msg, msglen, "registered");
        r = SETTLE_GONE;
    }
    if (r == SETTLE_OK) {
        j.pr.command = CMD_PLANT;
        j.pr.lang = j.lang;
        j.pr.lex = a->lex;
        j.pr.nitems = 1;
        j.pr.items[0].species = sp;
        j.pr.items[0].count = count;
        j.pr.place = pl;
        r = plant_and_tell(&j) ? SETTLE_OK : SETTLE_DB;
    }
    if (r == SETTLE_OK)
        log_info("inbound %lld: registered by staff (%s)", (long long)id, out->outcome);
    return finish(&j, r);
}

/* The waiting question's report, parsed again as when it was asked, with the
 * guess taken; false when it no longer reads as one (the lists changed). */
static bool take_guess(struct job *j, const struct askback *q)
{
    parse_text(j->p->app->lex, j->row.text, j->row.len, j->row.received_at, &j->p->app->popts,
               &j->pr);
    bool usable = j->pr.command == CMD_PLANT &&
                  (!strcmp(q->ask, "count") ? j->pr.ok : j->pr.confirm != NULL);
    if (usable && j->pr.nchoices)
        j->pr.place = j->pr.choices[0];
    return usable && j->pr.place && j->pr.nitems > 0;
}

enum settle_result settle_question(struct pipeline *p, struct db *db, int64_t id, bool keep,
                                   struct pipeline_outcome *out, char *msg, size_t msglen)
{
    struct waiting_item w;
    char text[8], number[8];
    struct askback q;
    struct job j;
    msg[0] = '\0';
    if (!db_begin(db))
        return SETTLE_DB;
    enum db_status s = inbox_waiting_get(db, clock_now(), id, &w, text, sizeof text, number,
                                         sizeof number);
    if (s != DB_FOUND) {
        db_rollback(db);
        return DB_FAILED(s) ? SETTLE_DB : SETTLE_GONE;
    }
    enum settle_result r = job_for(&j, p, db, w.inbound_id, out);
    if (r == SETTLE_OK) {
        s = askback_waiting(db, j.vol.id, &q);
        r = DB_FAILED(s) ? SETTLE_DB : s == DB_NONE || q.id != id ? SETTLE_GONE : SETTLE_OK;
    }
    if (r == SETTLE_OK && !keep) {
        snprintf(out->outcome, sizeof out->outcome, "dropped");
        r = inbox_question_close(db, id, "dropped", j.now) ? SETTLE_OK : SETTLE_DB;
    } else if (r == SETTLE_OK) {
        if (!take_guess(&j, &q)) {
            snprintf(msg, msglen, "unusable");
            r = SETTLE_BAD;
        } else {
            r = plant_and_tell(&j) && inbox_question_close(db, id, "confirmed", j.now) ? SETTLE_OK
                                                                                      : SETTLE_DB;
        }
    }
    if (r == SETTLE_OK)
        log_info("question %lld: %s by staff", (long long)id, keep ? "registered" : "dropped");
    return finish(&j, r);
}

enum settle_result settle_write_to(struct pipeline *p, struct db *db, int64_t id, const char *text,
                                   int64_t *outbound_id, char *msg, size_t msglen)
{
    char body[1200];
    snprintf(body, sizeof body, "%s", text ? text : "");
    sms_strip_format(body);
    struct sms_info info;
    sms_measure(body, &info);
    msg[0] = '\0';
    if (!body[strspn(body, " \t\r\n")] || info.segments > STAFF_TEXT_PARTS) {
        snprintf(msg, msglen, body[0] ? "long" : "empty");
        return SETTLE_BAD;
    }
    struct job j;
    struct pipeline_outcome out;
    if (!db_begin(db))
        return SETTLE_DB;
    enum settle_result r = job_for(&j, p, db, id, &out);
    if (r == SETTLE_OK) {
        *outbound_id = outbox_enqueue(db, j.e164, body, PRIO_STAFF, "staff", id, 0, j.now);
        r = *outbound_id ? SETTLE_OK : SETTLE_DB;
    }
    if (r == SETTLE_OK)
        log_info("inbound %lld: answered by staff (outbound %lld)", (long long)id,
                 (long long)*outbound_id);
    return finish(&j, r);
}
