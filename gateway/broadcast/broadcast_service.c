/* broadcast_service.c: the broadcast part of `talka run`. One thread with its own
 * database connection that, a few times a second:
 *   - adds the recipients of broadcasts created by staff SMS (short chunks);
 *   - outside quiet hours and below the daily caps, releases due broadcasts into
 *     the outbound queue at priority 50, a small chunk per transaction and only a
 *     few hundred copies ahead of the modems, so opt-outs and erasures are checked
 *     just before sending and the database is never held for long;
 *   - when quiet hours begin or every modem reached its daily cap, defers the
 *     copies already queued (next_try_at) and, for the cap, tells staff once a day.
 * Quiet hours and caps come from the send policy the daemon built before any
 * service started (ctx->policy), the same one the senders follow. */
#include "gateway/broadcast/broadcast_service.h"

#include "db/broadcast.h"
#include "db/broadcast_release.h"
#include "db/outbox.h"
#include "gateway/core/broadcast_eta.h"
#include "gateway/core/broadcast_render.h"
#include "gateway/core/broadcast_segment.h"
#include "gateway/base/clock.h"
#include "gateway/base/lang.h"
#include "gateway/base/log.h"
#include "gateway/base/staff_numbers.h"
#include "gateway/base/phone.h"
#include "gateway/base/localtime.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RELEASE_CHUNK 200
#define FILL_SPAN 5000
#define MAX_ACTIVE 32

struct pending_copy {
    int64_t rid;
    char number[32];
    char name[128];
    char lang[4];
    long long points, mtotal;
    bool opted_out, erased;
};

static struct {
    struct daemon_ctx *ctx;
    struct db *db;
    pthread_t th;
    bool running;
    pthread_mutex_t lock;
    long ahead;                   /* copies kept queued ahead of the modems */
    struct staff_numbers staff;
    bool was_quiet;
    time_t capped_day;            /* the day staff were told of the cap */
} S = { .lock = PTHREAD_MUTEX_INITIALIZER };

static bool bs_enabled(const struct app *a)
{
    (void)a;
    return true; /* cheap when there is nothing to send; the sender relies on its policy */
}

struct collect {
    struct pending_copy *rows;
    int n, max;
};

static bool collect_one(void *vctx, const struct bc_recipient *r)
{
    struct collect *c = vctx;
    if (c->n >= c->max)
        return false;
    struct pending_copy *p = &c->rows[c->n++];
    p->rid = r->rid;
    snprintf(p->number, sizeof p->number, "%s", r->number);
    snprintf(p->name, sizeof p->name, "%s", r->name);
    snprintf(p->lang, sizeof p->lang, "%s", lang_code(lang_from_code(r->lang)));
    p->points = r->points;
    p->mtotal = r->municipality_total;
    p->opted_out = r->opted_out;
    p->erased = r->erased;
    return true;
}

/* Releases up to limit copies of broadcast b; returns how many recipients were
 * handled (released or skipped), 0 when none are left, -1 on error. */
static int release_chunk(const struct broadcast_row *b, int limit, time_t now)
{
    static struct pending_copy rows[RELEASE_CHUNK];
    struct collect c = { rows, 0, limit < RELEASE_CHUNK ? limit : RELEASE_CHUNK };
    unsigned need = broadcast_template_needs(b->text) | broadcast_template_needs(b->text_ru) |
                    broadcast_template_needs(b->text_en);
    char mbuf[256];
    const char *mun = broadcast_total_municipality(b, mbuf, sizeof mbuf);
    if (!db_begin(S.db))
        return -1;
    /* cancelled meanwhile? */
    if (broadcast_is_scheduled(S.db, b->id) != DB_FOUND) {
        db_rollback(S.db);
        return 0;
    }
    if (broadcast_walk_pending(S.db, b->id, c.max, need, mun, collect_one, &c) < 0) {
        db_rollback(S.db);
        return -1;
    }
    bool ok = true;
    char text[1600];
    int released = 0;
    for (int i = 0; ok && i < c.n; i++) {
        struct pending_copy *p = &rows[i];
        char e164[32];
        if (p->erased || !p->number[0]) {
            ok = broadcast_mark_skipped(S.db, p->rid, "erased");
            continue;
        }
        if (p->opted_out) {
            ok = broadcast_mark_skipped(S.db, p->rid, "opted_out");
            continue;
        }
        if (phone_normalize(p->number, e164, sizeof e164) != PHONE_E164) {
            ok = broadcast_mark_skipped(S.db, p->rid, "erased");
            continue;
        }
        /* each volunteer gets the text in their language, else the Latvian one */
        broadcast_render(broadcast_text_for(b, p->lang), p->name, p->points, p->mtotal, text,
                         sizeof text);
        int64_t out = outbox_enqueue(S.db, e164, text, PRIO_BROADCAST, "broadcast", 0, b->id, now);
        if (!out) {
            /* the queue already holds this broadcast for this number */
            if (broadcast_copy_queued(S.db, b->id, e164) == DB_FOUND)
                ok = broadcast_mark_skipped(S.db, p->rid, "duplicate");
            else
                ok = false;
            continue;
        }
        ok = broadcast_mark_released(S.db, p->rid, out, now);
        released++;
    }
    if (!ok || !db_commit(S.db)) {
        db_rollback(S.db);
        log_error("broadcast %lld: releasing a chunk failed; it is retried", (long long)b->id);
        return -1;
    }
    if (released)
        log_debug("broadcast %lld: %d copies released", (long long)b->id, released);
    return c.n;
}

static void fill_preparing(void)
{
    int64_t ids[MAX_ACTIVE];
    int n = broadcast_ids_in_state(S.db, "preparing", ids, MAX_ACTIVE);
    for (int i = 0; i < n && !*S.ctx->stopping; i++) {
        bool finished = false;
        if (broadcast_fill_chunk(S.db, ids[i], FILL_SPAN, "scheduled", &finished) < 0)
            log_warn("broadcast %lld: adding recipients failed; retrying", (long long)ids[i]);
        else if (finished)
            log_info("broadcast %lld: recipients ready", (long long)ids[i]);
    }
}

/* Every modem at its daily cap (and so no broadcast may go out today)? */
static bool all_capped(const struct send_policy *p, time_t now)
{
    if (p->daily_cap <= 0 || p->nlinks == 0)
        return false;
    for (int i = 0; i < p->nlinks; i++) {
        long sent;
        if (!send_sent_today(S.db, p->links[i].name, now, &sent))
            return true; /* cannot tell: treat as capped (fails closed) */
        if (sent < p->daily_cap)
            return false;
    }
    return true;
}

static void tell_staff_capped(const struct send_policy *p, time_t now)
{
    /* once a day: the meta row remembers the day it was said */
    char day[32];
    snprintf(day, sizeof day, "%lld", (long long)local_day_start(now));
    if (!db_begin(S.db))
        return;
    if (broadcast_cap_notice_given(S.db, day) != DB_NONE) {
        db_rollback(S.db);
        return;
    }
    bool ok = broadcast_cap_notice_remember(S.db, day);
    char text[160];
    snprintf(text, sizeof text, "talka: dienas limits (%ld SMS katram modemam) sasniegts; apraides"
                                " turpinasies rit. Atbildes turpina iet.", p->daily_cap);
    int told = 0;
    for (int i = 0; ok && i < S.staff.n; i++, told++)
        ok = outbox_enqueue(S.db, S.staff.num[i], text, PRIO_STAFF, "alert", 0, 0, now) != 0;
    if (!ok || !db_commit(S.db)) {
        db_rollback(S.db);
        return;
    }
    log_warn("broadcasts stopped for today: every modem sent its daily cap of %ld parts"
             " (%d staff numbers told)", p->daily_cap, told);
}

static bool tick(void)
{
    const struct send_policy p = *S.ctx->policy;
    pthread_mutex_lock(&S.lock);
    long ahead = S.ahead;
    pthread_mutex_unlock(&S.lock);

    fill_preparing();
    time_t now = clock_now();
    time_t until;
    if (send_in_quiet(&p, now, &until)) {
        int n = broadcast_defer_queued(S.db, until);
        if (!S.was_quiet || n > 0) {
            char u[32];
            local_format(until, u, sizeof u);
            log_info("quiet hours: broadcasts paused until %s (%d queued copies deferred)", u,
                     n < 0 ? 0 : n);
        }
        S.was_quiet = true;
        return false;
    }
    S.was_quiet = false;
    if (all_capped(&p, now)) {
        broadcast_defer_queued(S.db, local_next_day(now));
        time_t today = local_day_start(now);
        int64_t scheduled = 0;
        if (S.capped_day != today &&
            (broadcast_backlog(S.db) > 0 ||
             (broadcast_scheduled_count(S.db, &scheduled) == DB_FOUND && scheduled > 0))) {
            tell_staff_capped(&p, now); /* once a day, also across restarts (meta) */
            S.capped_day = today;
        }
        return false;
    }

    int64_t ids[MAX_ACTIVE];
    int n = broadcast_ids_in_state(S.db, "scheduled", ids, MAX_ACTIVE);
    bool busy = false;
    for (int i = 0; i < n && !*S.ctx->stopping; i++) {
        struct broadcast_row *b = malloc(sizeof *b);
        if (!b || broadcast_get(S.db, ids[i], b) != DB_FOUND || b->send_at > now) {
            free(b);
            continue;
        }
        long backlog = broadcast_backlog(S.db);
        if (backlog < 0 || backlog >= ahead) {   /* < 0: cannot tell (logged) */
            free(b);
            break;
        }
        int r = release_chunk(b, (int)(ahead - backlog), now);
        int64_t left = -1;
        if (r == 0 && broadcast_pending_count(S.db, b->id, &left) == DB_FOUND && left == 0) {
            broadcast_set_state(S.db, b->id, "done", now);
            log_info("broadcast %lld: every copy released", (long long)b->id);
        }
        if (r > 0)
            busy = true;
        free(b);
    }
    return busy;
}

static void *run(void *arg)
{
    (void)arg;
    while (!*S.ctx->stopping) {
        bool busy = tick();
        clock_sleep_ms(busy ? 20 : 250);
    }
    return NULL;
}

static void load(struct daemon_ctx *ctx)
{
    long ahead = config_int(ctx->app->cfg, "broadcast", "release_ahead");
    pthread_mutex_lock(&S.lock);
    S.ahead = ahead;
    staff_numbers_load(ctx->app->cfg, NULL, &S.staff);
    pthread_mutex_unlock(&S.lock);
}

static bool bs_start(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    S.ctx = ctx;
    load(ctx);
    S.db = app_db_connect(ctx->app, err, errlen);
    if (!S.db)
        return false;
    if (pthread_create(&S.th, NULL, run, NULL)) {
        snprintf(err, errlen, "cannot start the broadcast thread");
        db_close(S.db);
        S.db = NULL;
        return false;
    }
    S.running = true;
    char q[40];
    const struct send_policy *pol = ctx->policy;
    snprintf(q, sizeof q, "%s", pol->quiet ? pol->quiet_text : "none");
    log_info("broadcasts: quiet hours %s (%s), daily cap %ld, hard cap %ld parts per modem, %d modem(s)",
             q, localtime_zone(), pol->daily_cap, pol->reply_hard_cap, pol->nlinks);
    return true;
}

static void bs_reload(struct daemon_ctx *ctx)
{
    load(ctx);
}

static void bs_stop(struct daemon_ctx *ctx)
{
    (void)ctx;
    if (!S.running)
        return;
    pthread_join(S.th, NULL);
    S.running = false;
    db_close(S.db);
    S.db = NULL;
}

const struct service broadcast_service = {
    .name = "broadcast",
    .enabled = bs_enabled,
    .start = bs_start,
    .reload = bs_reload,
    .stop = bs_stop,
};
