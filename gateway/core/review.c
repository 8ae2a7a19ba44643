/* review.c: approve or reject a report held for review (see review.h). */
#include "gateway/core/review.h"
#include "gateway/core/job.h"
#include "gateway/core/credit.h"
#include "gateway/core/names.h"

#include "db/audit.h"
#include "db/outbox.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "parsers/places.h"
#include "parsers/species.h"

#include <stdio.h>
#include <string.h>

/* The plantings of the report that holds review number n, if it still waits:
 * how many (0: none waits under n), -1 when a read failed. */
int review_load_report(struct db *db, int review_no, struct planting *pl, int max)
{
    struct planting first;
    enum db_status s = planting_by_review_no(db, review_no, &first);
    if (DB_FAILED(s))
        return -1;
    if (s == DB_NONE || strcmp(first.status, "pending_review"))
        return 0;
    int64_t ids[PARSE_MAX_ITEMS];
    int n = plantings_pending_of_report(db, first.inbound_id, ids,
                                        max < PARSE_MAX_ITEMS ? max : PARSE_MAX_ITEMS);
    for (int i = 0; i < n; i++)
        /* read in the same transaction: a row gone now is as much a failure as an error */
        if (planting_by_id(db, ids[i], &pl[i]) != DB_FOUND)
            return -1;
    return n;
}

/* Texts the volunteer of pl the outcome, in their language. */
static bool notify(struct pipeline *p, struct db *db, const struct planting *pl, int n,
                   const char *key, const char *reason, time_t now, struct review_note *note)
{
    struct volunteer v;
    enum db_status known = volunteer_by_id(db, pl[0].volunteer_id, &v);
    if (DB_FAILED(known))
        return false;
    if (known == DB_NONE || strncmp(v.number, "+", 1))
        return true; /* erased or unknown: nobody to tell */
    enum lang lang = lang_from_code(v.lang);
    char items[400], pts[24], rno[16], text[640];
    format_plantings(p->app->lex, lang, pl, n, items, sizeof items);
    if (!points_text(db, v.id, pts, sizeof pts))
        return false;
    snprintf(rno, sizeof rno, "%d", pl[0].review_no);
    const struct place *place = lexicon_place_by_name(p->app->lex, pl[0].place);
    struct reply_var vars[] = { { "items", items }, { "points", pts }, { "review_no", rno },
                                { "reason", reason ? reason : "" },
                                { "place", place ? place_name(place, lang) : pl[0].place } };
    struct sms_info info;
    bool cut = false;
    if (reason && *reason)  /* the reason reaches the volunteer, shortened if it must be */
        replies_render_cut(p->app->replies, lang, key, vars, 5, 3, text, sizeof text, &info, &cut);
    else
        replies_render(p->app->replies, lang, key, vars, 5, text, sizeof text, &info);
    if (note) {
        snprintf(note->sms, sizeof note->sms, "%s", text);
        note->shortened = cut;
    }
    return outbox_enqueue(db, v.number, text, PRIO_STAFF, "notice", 0, 0, now) != 0;
}

static enum review_result decide(struct pipeline *p, struct db *db, int review_no, bool approve,
                                 const char *reason, const char *actor, bool in_tx,
                                 char *msg, size_t msglen, struct review_note *note)
{
    if (note)
        memset(note, 0, sizeof *note);
    time_t now = clock_now();
    if (!in_tx && !db_begin(db))
        return REVIEW_DB_ERROR;
    struct planting pl[PARSE_MAX_ITEMS];
    int n = review_load_report(db, review_no, pl, PARSE_MAX_ITEMS);
    if (n < 0) {
        if (!in_tx)
            db_rollback(db);
        snprintf(msg, msglen, "cannot read report %d (database error)", review_no);
        return REVIEW_DB_ERROR;
    }
    if (n == 0) {
        if (!in_tx)
            db_rollback(db);
        snprintf(msg, msglen, "no report waits for review under number %d", review_no);
        return REVIEW_NOT_FOUND;
    }
    bool ok = true;
    long trees = 0;
    for (int i = 0; i < n && ok; i++) {
        trees += pl[i].count;
        ok = planting_set_status(db, pl[i].id, approve ? "accepted" : "rejected", reason, now);
        if (ok && approve) {
            const struct species *s = lexicon_species_by_id(p->app->lex, pl[i].species);
            ok = credit_planting(db, &p->rules, s, &pl[i], now);
        }
    }
    if (ok && approve)
        ok = credit_first_report(db, &p->rules, pl[0].volunteer_id, now);
    char subject[32], detail[160];
    snprintf(subject, sizeof subject, "review#%d", review_no);
    snprintf(detail, sizeof detail, "%ld trees, %s%s%s", trees, pl[0].municipality,
             reason ? "; reason: " : "", reason ? reason : "");
    ok = ok && notify(p, db, pl, n, approve ? "approved" : "rejected", reason, now, note) &&
         audit(db, now, actor, approve ? "approve" : "reject", subject, detail);
    if (!ok) {
        if (!in_tx)
            db_rollback(db);
        return REVIEW_DB_ERROR;
    }
    if (!in_tx && !db_commit(db))
        return REVIEW_DB_ERROR;
    if (note) {
        note->trees = trees;
        snprintf(note->place, sizeof note->place, "%s", pl[0].place);
    }
    snprintf(msg, msglen, "report %d %s: %ld trees, %s", review_no,
             approve ? "approved" : "rejected", trees, pl[0].place);
    if (strcmp(actor, "preview"))  /* a trial run (review_preview) is not logged */
        log_info("review %d %s by %s", review_no, approve ? "approved" : "rejected", actor);
    return REVIEW_OK;
}

enum review_result review_approve(struct pipeline *p, struct db *db, int review_no,
                                  const char *actor, bool in_tx, char *msg, size_t msglen,
                                  struct review_note *note)
{
    return decide(p, db, review_no, true, NULL, actor, in_tx, msg, msglen, note);
}

enum review_result review_reject(struct pipeline *p, struct db *db, int review_no,
                                 const char *reason, const char *actor, bool in_tx,
                                 char *msg, size_t msglen, struct review_note *note)
{
    return decide(p, db, review_no, false, reason, actor, in_tx, msg, msglen, note);
}

enum review_result review_preview(struct pipeline *p, struct db *db, int review_no, bool approve,
                                  const char *reason, char *sms, size_t smslen)
{
    char msg[256];
    struct review_note note;
    if (!db_begin(db))
        return REVIEW_DB_ERROR;
    enum review_result r = decide(p, db, review_no, approve, reason, "preview", true, msg,
                                  sizeof msg, &note);
    db_rollback(db);   /* nothing of the trial run stays */
    if (sms)
        snprintf(sms, smslen, "%s", note.sms);
    return r;
}
