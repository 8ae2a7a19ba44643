/* broadcast_create.c: plan, measure and store a broadcast (see broadcast_create.h). */
#include "gateway/core/broadcast_create.h"

#include "db/broadcast.h"
#include "db/broadcast_release.h"
#include "db/plantings.h"
#include "gateway/base/localtime.h"
#include "gateway/base/clock.h"
#include "gateway/base/lang.h"
#include "gateway/base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FILL_SPAN 5000    /* volunteer ids per fill transaction */
#define FILE_CHUNK 2000   /* file numbers per transaction */

struct measure_ctx {
    const char *text[LANG_COUNT];  /* lv, ru, en (ru/en fall back to lv) */
    unsigned need[LANG_COUNT];
    struct broadcast_stats *stats, *by_lang;
    char buf[2048];
    struct sms_info one[LANG_COUNT];  /* the copy when nothing varies */
};

static bool measure_one(void *vctx, const struct bc_recipient *r)
{
    struct measure_ctx *m = vctx;
    int l = (int)lang_from_code(r->lang);
    if (m->text[l] == m->text[0])
        l = 0;   /* no text in their language: the Latvian one */
    struct sms_info info = m->one[l];
    if (m->need[l]) {
        broadcast_render(m->text[l], r->name, r->points, r->municipality_total, m->buf,
                         sizeof m->buf);
        sms_measure(m->buf, &info);
    }
    broadcast_stats_add(m->stats, &info);
    broadcast_stats_add(&m->by_lang[l], &info);
    return true;
}

static bool check_text(const char *text, const char *what, char *err, size_t errlen)
{
    if (strlen(text) > 1000) {
        snprintf(err, errlen, "the %s text is too long (over 1000 bytes)", what);
        return false;
    }
    char seen[1001];
    snprintf(seen, sizeof seen, "%s", text);
    sms_strip_format(seen);   /* what goes out (broadcast_render) */
    if (*text && !seen[strspn(seen, " \t\r\n")]) {
        snprintf(err, errlen, "the %s text is empty (only spaces or invisible characters)", what);
        return false;
    }
    char e[256];
    if (!broadcast_template_check(text, e, sizeof e)) {
        snprintf(err, errlen, "%s text: %s", what, e);
        return false;
    }
    return true;
}

/* The request's texts: a Latvian one, and the others, when given, not empty;
 * each one check_text accepts. False with err saying why. */
static bool check_texts(const struct broadcast_request *req, char *err, size_t errlen)
{
    if (!req->text || !*req->text) {
        snprintf(err, errlen, "the text is empty");
        return false;
    }
    if (!check_text(req->text, "Latvian", err, errlen) ||
        (req->text_ru && !check_text(req->text_ru, "Russian", err, errlen)) ||
        (req->text_en && !check_text(req->text_en, "English", err, errlen)))
        return false;
    if ((req->text_ru && !*req->text_ru) || (req->text_en && !*req->text_en)) {
        snprintf(err, errlen, "a language's text is empty (leave the option out instead)");
        return false;
    }
    return true;
}

int broadcast_plan(struct db *db, const struct lexicon *lex, const struct send_policy *pol,
                   const struct broadcast_request *req, time_t now, struct broadcast_plan *plan,
                   char *err, size_t errlen)
{
    memset(plan, 0, sizeof *plan);
    if (!check_texts(req, err, errlen))
        return PLAN_BAD;
    if (!segment_parse(lex, req->segment, &plan->seg, err, errlen))
        return PLAN_BAD;
    struct measure_ctx *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return PLAN_REFUSED;
    }
    m->text[0] = req->text;
    m->text[1] = req->text_ru ? req->text_ru : req->text;
    m->text[2] = req->text_en ? req->text_en : req->text;
    for (int l = 0; l < LANG_COUNT; l++) {
        m->need[l] = broadcast_template_needs(m->text[l]);
        broadcast_render(m->text[l], "", 0, 0, m->buf, sizeof m->buf);  /* as sent */
        sms_measure(m->buf, &m->one[l]);
    }
    m->stats = &plan->stats;
    m->by_lang = plan->by_lang;
    bool ok = true;
    if (!strcmp(plan->seg.kind, "file")) {
        unsigned need = m->need[0] | m->need[1] | m->need[2];
        int64_t campaign = 0;
        if (need & BC_NEED_MTOTAL)
            ok = totals_get(db, "", &campaign) == DB_FOUND;
        for (size_t i = 0; ok && i < plan->seg.nnumbers; i++) {
            struct bc_recipient r;
            char name[256];
            enum db_status known = broadcast_lookup_number(db, plan->seg.numbers[i], need, &r,
                                                           name, sizeof name);
            if (DB_FAILED(known)) {
                ok = false;
                break;
            }
            if (known == DB_FOUND) {
                if (r.opted_out) {
                    plan->opted_out++;
                    continue;
                }
            } else {
                memset(&r, 0, sizeof r);
                r.number = plan->seg.numbers[i];
                r.name = "";
                r.lang = lang_code(LANG_LV);
                r.municipality_total = campaign;
            }
            measure_one(m, &r);
        }
    } else {
        char munis[2048];
        struct bc_segment q = segment_query(&plan->seg, munis, sizeof munis);
        ok = broadcast_walk_segment(db, &q, m->need[0] | m->need[1] | m->need[2],
                                    segment_total_municipality(&plan->seg), measure_one, m);
    }
    free(m);
    if (!ok) {
        snprintf(err, errlen, "database error while counting recipients");
        return PLAN_REFUSED;
    }
    plan->start = req->send_at > now ? req->send_at : now;
    plan->per_min = send_total_rate(pol);
    long today = broadcast_sent_today_all(pol, db, now);
    plan->eta_s = broadcast_eta(pol, plan->stats.parts, plan->start, today);
    if (plan->stats.over && !req->force) {
        snprintf(err, errlen, "%ld of %ld copies would be longer than 2 SMS segments (up to %d;"
                              " %ld copies in UCS-2): shorten the text or use --force",
                 plan->stats.over, plan->stats.recipients, plan->stats.max_segments,
                 plan->stats.ucs2);
        return PLAN_REFUSED;
    }
    return PLAN_OK;
}

void broadcast_plan_free(struct broadcast_plan *plan) { segment_free(&plan->seg); }

static bool add_file_recipients(struct db *db, int64_t id, const struct segment *seg,
                                char *err, size_t errlen)
{
    for (size_t i = 0; i < seg->nnumbers;) {
        if (!db_begin(db)) {
            snprintf(err, errlen, "database busy");
            return false;
        }
        bool ok = true;
        for (size_t end = i + FILE_CHUNK; ok && i < seg->nnumbers && i < end; i++) {
            struct bc_recipient r;
            char name[256];
            enum db_status found = broadcast_lookup_number(db, seg->numbers[i], 0, &r, name,
                                                           sizeof name);
            if (DB_FAILED(found)) {
                ok = false;
                break;
            }
            bool known = found == DB_FOUND;
            if (known && r.opted_out)
                continue;
            ok = broadcast_add_recipient(db, id, known ? r.volunteer_id : 0, seg->numbers[i]);
        }
        if (!ok || !db_commit(db)) {
            db_rollback(db);
            snprintf(err, errlen, "database error while adding recipients");
            return false;
        }
    }
    return broadcast_mark_scheduled(db, id);
}

int64_t broadcast_commit(struct db *db, const struct broadcast_request *req,
                         struct broadcast_plan *plan, bool fill_now, time_t now, char *err,
                         size_t errlen)
{
    struct broadcast_row *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return 0;
    }
    bool file = !strcmp(plan->seg.kind, "file");
    snprintf(b->name, sizeof b->name, "%s", req->name ? req->name : "");
    snprintf(b->segment, sizeof b->segment, "%s", req->segment);
    snprintf(b->seg_kind, sizeof b->seg_kind, "%s", plan->seg.kind);
    snprintf(b->seg_value, sizeof b->seg_value, "%s", plan->seg.value);
    segment_query(&plan->seg, b->seg_munis, sizeof b->seg_munis);
    snprintf(b->seg_lang, sizeof b->seg_lang, "%s", plan->seg.lang);
    b->seg_since = plan->seg.since;
    snprintf(b->text, sizeof b->text, "%s", req->text);
    snprintf(b->text_ru, sizeof b->text_ru, "%s", req->text_ru ? req->text_ru : "");
    snprintf(b->text_en, sizeof b->text_en, "%s", req->text_en ? req->text_en : "");
    snprintf(b->state, sizeof b->state, "preparing");
    snprintf(b->created_by, sizeof b->created_by, "%s", req->actor ? req->actor : "unknown");
    b->send_at = req->send_at > 0 ? req->send_at : now;
    b->created_at = now;
    b->fill_by_service = !file;
    b->recipients = plan->stats.recipients;
    b->parts = plan->stats.parts;
    b->max_segments = plan->stats.max_segments;
    int64_t id = broadcast_insert(db, b);
    free(b);
    if (!id) {
        snprintf(err, errlen, "database error while storing the broadcast");
        return 0;
    }
    if (file) {
        if (!add_file_recipients(db, id, &plan->seg, err, errlen))
            return 0;
    } else if (fill_now) {
        bool finished = false;
        while (!finished) {
            long long t0 = clock_mono_ms();
            int added = broadcast_fill_chunk(db, id, FILL_SPAN, "scheduled", &finished);
            log_debug("broadcast %lld: %d recipients added in %lld ms", (long long)id, added,
                      clock_mono_ms() - t0);
            if (added < 0) {
                snprintf(err, errlen, "database error while adding recipients (broadcast %lld"
                                      " stays 'preparing'; the daemon completes it)", (long long)id);
                return 0;
            }
        }
    }
    log_info("broadcast %lld created by %s: %ld recipients, %ld parts", (long long)id,
             req->actor ? req->actor : "unknown", plan->stats.recipients, plan->stats.parts);
    return id;
}

void broadcast_plan_eta_text(const struct send_policy *pol, const struct broadcast_plan *plan,
                             char *out, size_t len)
{
    char dur[48];
    broadcast_format_duration(plan->eta_s, dur, sizeof dur);
    int n = pol->nlinks > 0 ? pol->nlinks : 1;
    snprintf(out, len, "about %s at %ld parts/min over %d modem%s", dur, plan->per_min, n,
             n == 1 ? "" : "s");
}
