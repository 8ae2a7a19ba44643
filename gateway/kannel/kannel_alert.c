/* kannel_alert.c: every few seconds, the outbound rows a Kannel link marked
 * failed because Kannel refused them for good (the sender records Kannel's own
 * answer, "Kannel: 403 Not routable. Do not try again."). Staff ([kannel]
 * alert_numbers, default [staff] numbers) get one text per link at most every
 * [kannel] alert_every seconds (default 1800) with the count and Kannel's answer:
 * a wrong smsc id or password stops every text, and nobody reads logs at night.
 * Alerts themselves never raise alerts. */
#include "gateway/kannel/kannel_alert.h"

#include "db/outbound_refused.h"
#include "db/outbox.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/staff_numbers.h"
#include "gateway/base/phone.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
    struct daemon_ctx *ctx;
    struct db *db;
    pthread_t th;
    bool running;
    struct staff_numbers staff;
    long every;
    int nlinks;
    char links[TRANSPORT_MAX_LINKS][32];
    int64_t seen[TRANSPORT_MAX_LINKS];     /* the highest failed row looked at */
    time_t last[TRANSPORT_MAX_LINKS];      /* when staff last heard */
} A;

static void check_link(int i, time_t now)
{
    struct outbound_refused f;
    if (outbound_refused_since(A.db, A.links[i], A.seen[i], &f) != DB_FOUND)
        return; /* logged; the next round asks again */
    long n = f.count;
    if (!n || (A.last[i] && now - A.last[i] < A.every))
        return;
    A.seen[i] = f.top;
    A.last[i] = now;
    char text[320];
    snprintf(text, sizeof text, "talka %s: Kannel refused %ld text%s for good: %.150s", A.links[i],
             n, n == 1 ? "" : "s", f.why);
    log_error("%s", text);
    for (int j = 0; j < A.staff.n; j++)
        if (!pipeline_notify(A.ctx->pipe, A.db, A.staff.num[j], text, PRIO_STAFF, "alert"))
            log_error("kannel: could not queue an alert to staff");
}

static void *run(void *arg)
{
    (void)arg;
    while (!atomic_load(A.ctx->stopping)) {
        time_t now = clock_now();
        for (int i = 0; i < A.nlinks; i++)
            check_link(i, now);
        for (int k = 0; k < 20 && !atomic_load(A.ctx->stopping); k++)
            clock_sleep_ms(250);
    }
    return NULL;
}

bool kannel_alert_start(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    memset(&A, 0, sizeof A);
    A.ctx = ctx;
    const struct config *cfg = ctx->app->cfg;
    staff_numbers_load(cfg, "kannel", &A.staff);
    A.every = config_int(cfg, "kannel", "alert_every");
    for (int i = 0; i < ctx->policy->nlinks; i++)
        if (!strcmp(ctx->policy->links[i].kind->name, "kannel"))
            snprintf(A.links[A.nlinks++], sizeof A.links[0], "%s", ctx->policy->links[i].name);
    if (!A.nlinks)
        return true;
    A.db = app_db_connect(ctx->app, err, errlen);
    if (!A.db)
        return false;
    /* only what fails from now on */
    int64_t top = 0;
    if (outbound_top_id(A.db, &top) != DB_FOUND) {
        snprintf(err, errlen, "cannot read the outbound queue for the Kannel alerts");
        db_close(A.db);
        A.db = NULL;
        return false;
    }
    for (int i = 0; i < A.nlinks; i++)
        A.seen[i] = top;
    if (pthread_create(&A.th, NULL, run, NULL)) {
        snprintf(err, errlen, "cannot start the Kannel alert thread");
        db_close(A.db);
        A.db = NULL;
        return false;
    }
    A.running = true;
    return true;
}

void kannel_alert_stop(void)
{
    if (A.running)
        pthread_join(A.th, NULL);
    A.running = false;
    if (A.db)
        db_close(A.db);
    A.db = NULL;
}
