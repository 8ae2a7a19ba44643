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

/* The plantings of the report that holds review number n, if it still waits. */
static int load_report(struct db *db, int review_no, struct planting *pl, int max)
{
    struct planting first;
    if (!planting_by_review_no(db, review_no, &first) || strcmp(first.status, "pending_review"))
        return 0;
    sqlite3_stmt *st = db_prep(db, "SELECT id FROM plantings WHERE inbound_id = ?"
                                   " AND status = 'pending_review' ORDER BY item_no");
    if (!st)
        return 0;
    db_bind(st, "i", first.inbound_id);
    int64_t ids[PARSE_MAX_ITEMS];
    int n = 0;
    while (n < max && n < PARSE_MAX_ITEMS && sqlite3_step(st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    for (int i = 0; i < n; i++)
        planting_by_id(db, ids[i], &pl[i]);
    return n;
}

/* Texts the volunteer of pl the outcome, in their language. */
static bool notify(struct pipeline *p, struct db *db, const struct planting *pl, int n,
                   const char *key, const char *reason, time_t now, char *sms, size_t smslen)
{
    struct volunteer v;
    if (!volunteer_by_id(db, pl[0].volunteer_id, &v) || strncmp(v.number, "+", 1))
        return true; /* erased or unknown: nobody to tell */
    enum lang lang = lang_from_code(v.lang);
    char items[400], pts[24], rno[16], text[640];
    format_plantings(p->app->lex, lang, pl, n, items, sizeof items);
    snprintf(pts, sizeof pts, "%lld", (long long)points_total(db, v.id));
    snprintf(rno, sizeof rno, "%d", pl[0].review_no);
    const struct place *place = lexicon_place_by_name(p->app->lex, pl[0].place);
    struct reply_var vars[] = { { "items", items }, { "points", pts }, { "review_no", rno },
                                { "reason", reason ? reason : "" },
                                { "place", place ? place_name(place, lang) : pl[0].place } };
    struct sms_info info;
    replies_render(p->app->replies, lang, key, vars, 5, text, sizeof text, &info);
    if (sms)
        snprintf(sms, smslen, "%s", text);
    return outbox_enqueue(db, v.number, text, PRIO_STAFF, "notice", 0, 0, now) != 0;
}

static enum review_result decide(struct pipeline *p, struct db *db, int review_no, bool approve,
                                 const char *reason, const char *actor, bool in_tx,
                                 char *msg, size_t msglen, char *sms, size_t smslen)
{
    time_t now = clock_now();
    if (sms)
        sms[0] = '\0';
    if (!in_tx && !db_begin(db))
        return REVIEW_DB_ERROR;
    struct planting pl[PARSE_MAX_ITEMS];
    int n = load_report(db, review_no, pl, PARSE_MAX_ITEMS);
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
    ok = ok && notify(p, db, pl, n, approve ? "approved" : "rejected", reason, now, sms, smslen) &&
         audit(db, now, actor, approve ? "approve" : "reject", subject, detail);
    if (!ok) {
        if (!in_tx)
            db_rollback(db);
        return REVIEW_DB_ERROR;
    }
    if (!in_tx && !db_commit(db))
        return REVIEW_DB_ERROR;
    snprintf(msg, msglen, "report %d %s: %ld trees, %s", review_no,
             approve ? "approved" : "rejected", trees, pl[0].place);
    if (!sms)
        log_info("review %d %s by %s", review_no, approve ? "approved" : "rejected", actor);
    return REVIEW_OK;
}

enum review_result review_approve(struct pipeline *p, struct db *db, int review_no,
                                  const char *actor, bool in_tx, char *msg, size_t msglen)
{
    return decide(p, db, review_no, true, NULL, actor, in_tx, msg, msglen, NULL, 0);
}

enum review_result review_reject(struct pipeline *p, struct db *db, int review_no,
                                 const char *reason, const char *actor, bool in_tx,
                                 char *msg, size_t msglen)
{
    return decide(p, db, review_no, false, reason, actor, in_tx, msg, msglen, NULL, 0);
}

enum review_result review_preview(struct pipeline *p, struct db *db, int review_no, bool approve,
                                  const char *reason, char *sms, size_t smslen)
{
    char msg[256];
    if (!db_begin(db))
        return REVIEW_DB_ERROR;
    enum review_result r = decide(p, db, review_no, approve, reason, "preview", true, msg,
                                  sizeof msg, sms, smslen);
    db_rollback(db);   /* nothing of the trial run stays */
    return r;
}
