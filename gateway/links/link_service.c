/* link_service.c: the link runner of `talka run` (the "modem" service). One thread per configured
 * transport instance (gammu0, gammu1, ...), each with its own device connection
 * and its own database connection:
 *   receive  every part is committed to SQLite, then deleted from the device at
 *            once; single texts go to pipeline_store, the deletion, then
 *            pipeline_process; parts of long texts are joined in the database
 *            (modem_parts) and handed on complete, or incomplete after a timeout
 *            with the sender asked to send again; delivery reports update outbound
 *   send     outbound by priority, a per-modem rate limit, retries with backoff,
 *            the network's reference stored
 *   health   signal/network logged, clock skew against the network noticed,
 *            reconnects with backoff, a vanished device waited for, a hung call
 *            aborted by a watchdog, the SIM balance asked by USSD on a schedule
 * Settings: [modem] (all modems) and talka's keys in each [gammuN] section. */
#include "gateway/links/link_service.h"

#include "db/modem_parts.h"
#include "db/modem_status.h"
#include "gateway/base/config_keys.h"
#include "gateway/base/log.h"
#include "gateway/links/link.h"
#include "gateway/links/link_health.h"
#include "gateway/links/link_receive.h"
#include "gateway/links/link_send.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MODEMS TRANSPORT_MAX_LINKS

static struct modem *modems[MAX_MODEMS];
static int nmodems;
static pthread_t watchdog_th;
static bool watchdog_running;
static atomic_bool watchdog_stop;
static long hang_ms = 180000;

/* ------------------------------------------------------------------ loop */

/* When to ask the balance next: balance_every after it was last asked; in a
 * minute when the database cannot say (the error is logged). */
static time_t balance_due(struct modem *m)
{
    time_t at = 0;
    if (DB_FAILED(modem_status_balance_at(m->db, m->name, &at)))
        return clock_now() + 60;
    return at + m->balance_every;
}

/* Where a link's loop stands: what was done when, and the reconnect backoff. */
struct link_loop {
    long backoff;
    long long next_connect, last_pass, last_sweep, last_health, last_contact, last_prune;
    bool absent, ever_connected, held;
    time_t next_balance;
    char err[512];
};

#define BACKOFF_MAX 300000

/* The next connect waits the backoff, which doubles up to BACKOFF_MAX. */
static void back_off(struct link_loop *s)
{
    s->next_connect = clock_mono_ms() + s->backoff;
    s->backoff = s->backoff * 2 > BACKOFF_MAX ? BACKOFF_MAX : s->backoff * 2;
}

/* Not connected: waits for an absent device, a held one or the backoff, or
 * connects. */
static void try_connect(struct modem *m, struct link_loop *s, long long mono)
{
    if (!link_present(m)) {
        if (!s->absent) {
            log_warn("%s: device %s is not there; waiting for it", m->name,
                     m->k->device(m->t));
            modem_set_state(m, "absent", "device not present");
            s->absent = true;
        }
        clock_sleep_ms(250);
        return;
    }
    if (mono < s->next_connect) {
        clock_sleep_ms(100);
        return;
    }
    if (s->absent)
        log_info("%s: device %s is back", m->name, m->k->device(m->t));
    s->absent = false;
    /* held (the SIM refused the PIN file): wait for a person, never retry */
    if (link_held(m, s->err, sizeof s->err)) {
        if (!s->held) {
            log_error("%s: stopped: %s", m->name, s->err);
            modem_set_state(m, "stopped", s->err);
        }
        s->held = true;
        clock_sleep_ms(1000);
        return;
    }
    s->held = false;
    s->err[0] = '\0';
    op_begin(m);
    bool ok = m->k->connect(m->t, s->err, sizeof s->err);
    op_end(m);
    if (!ok && link_held(m, NULL, 0))
        return;   /* reported as stopped above, on the next round */
    if (!ok) {
        log_warn("%s: %s; trying again in %ld s", m->name, s->err, s->backoff / 1000);
        modem_set_state(m, "down", s->err);
        back_off(s);
        return;
    }
    log_info("%s: connected to %s", m->name, m->k->device(m->t));
    if (s->ever_connected)
        modem_status_reconnected(m->db, m->name, clock_now());
    s->ever_connected = true;
    m->connected = true;
    m->nstuck = 0;
    s->backoff = 1000;
    modem_set_state(m, "up", NULL);
    s->last_pass = s->last_health = 0;
}

/* Reading (a polled link), long texts swept, old parts pruned, health and
 * balance when due: false when the device failed (s->err says why). */
static bool chores(struct modem *m, struct link_loop *s, long long mono, bool *busy)
{
    if (m->k->poller && (link_maybe_new(m) || mono - s->last_pass >= m->poll_ms)) {
        int n = modem_receive_pass(m, s->err, sizeof s->err);
        s->last_pass = clock_mono_ms();
        if (n < 0)
            return false;
        *busy = n > 0;
    }
    if (m->k->poller && mono - s->last_sweep >= 5000) {
        modem_sweep_parts(m);
        s->last_sweep = mono;
    }
    if (mono - s->last_prune >= 3600000) {
        parts_prune(m->db, clock_now() - 7 * 86400);
        s->last_prune = mono;
    }
    if (s->last_health == 0 || mono - s->last_health >= m->health_s * 1000) {
        modem_check_health(m);
        s->last_health = clock_mono_ms();
    }
    if (m->balance_code[0] && clock_now() >= s->next_balance) {
        modem_check_balance(m);
        s->next_balance = balance_due(m);
    }
    return true;
}

/* Sends what is due, a batch at a time so new texts are not left waiting:
 * false when the device failed (s->err says why). */
static bool send_batch(struct modem *m, struct link_loop *s, bool *busy)
{
    for (int i = 0; i < 20 && !modem_stopping(m); i++) {
        int r = modem_send_one(m, s->err, sizeof s->err);
        if (r < 0)
            return false;
        if (r == 0)
            break;
        *busy = true;
        /* read between sends: on the modem's new-message notice, or when a
         * pass is due, so the SIM drains while replies are going out */
        if (link_maybe_new(m) || clock_mono_ms() - s->last_pass >= m->poll_busy_ms)
            break;
    }
    return true;
}

/* Sends in flight finished, the link disconnected and its state recorded. */
static void let_go(struct modem *m, const char *state, const char *why)
{
    modem_send_drain(m);
    m->k->disconnect(m->t);
    m->connected = false;
    modem_set_state(m, state, why);
}

static void *modem_main(void *arg)
{
    struct modem *m = arg;
    struct link_loop s = { .backoff = 1000 };

    if (m->balance_code[0])
        s.next_balance = balance_due(m);
    modem_set_state(m, "down", NULL);
    while (!modem_stopping(m)) {
        long long mono = clock_mono_ms();
        if (!m->connected) {
            try_connect(m, &s, mono);
            continue;
        }
        if (!link_present(m)) {
            log_warn("%s: device %s disappeared; waiting for it to come back", m->name,
                     m->k->device(m->t));
            let_go(m, "absent", "device disappeared");
            s.absent = true;
            continue;
        }
        bool busy = false;
        s.err[0] = '\0';
        if (!chores(m, &s, mono, &busy) || !send_batch(m, &s, &busy)) {
            log_warn("%s: %s; reconnecting in %ld s", m->name, s.err[0] ? s.err : "device error",
                     s.backoff / 1000);
            let_go(m, "down", s.err[0] ? s.err : "device error");
            back_off(&s);
            continue;
        }
        if (mono - s.last_contact >= 5000) {
            modem_status_contact(m->db, m->name, clock_now());
            s.last_contact = mono;
        }
        if (!busy) {
            /* no longer than until the link's rate lets the next send go */
            long long wait = 100, until = m->next_send_ms - clock_mono_ms();
            if (m->rate > 0 && until > 0 && until < wait)
                wait = until;
            if (m->k->idle)
                m->k->idle(m->t, (int)wait);
        }
    }
    modem_send_drain(m);
    if (m->connected)
        m->k->disconnect(m->t);
    m->connected = false;
    modem_set_state(m, "stopped", NULL);
    return NULL;
}

/* A thread that aborts a device call which has hung (AT commands can hang for
 * minutes); the modem thread then sees an error and reconnects. */
static void *watchdog_main(void *arg)
{
    (void)arg;
    while (!watchdog_stop) {
        long long now = clock_mono_ms();
        for (int i = 0; i < nmodems; i++) {
            struct modem *m = modems[i];
            long long since = atomic_load(&m->op_since);
            if (since && now - since > hang_ms && m->k->abort) {
                log_error("%s: the device has not answered for %lld s; aborting the call",
                          m->name, (now - since) / 1000);
                atomic_store(&m->op_since, 0);
                m->k->abort(m->t);
            }
        }
        clock_sleep_ms(500);
    }
    return NULL;
}

/* --------------------------------------------------------------- service */

static bool modems_enabled(const struct app *a)
{
    struct transport_link links[MAX_MODEMS];
    return transport_links(a->cfg, links, MAX_MODEMS) > 0;
}

static void modem_free(struct modem *m)
{
    if (!m)
        return;
    if (m->t)
        m->k->close(m->t);
    if (m->db)
        db_close(m->db);
    pcre2_code_free(m->balance_low);
    free(m->busy);
    free(m->flight);
    free(m->claimed);
    free(m);
}

static bool modem_settings(struct modem *m, const struct config *cfg, char *err, size_t errlen)
{
    const char *s = m->section;
    m->rate = config_int(cfg, s, "rate");
    /* a link without a SIM ([kannelN]: Kannel pushes its texts) has no poll or balance
     * keys: its receive passes, which find nothing, run at the modems' default pace */
    bool sim = config_section_is_modem(s);
    m->poll_ms = sim ? config_int(cfg, s, "poll_ms") : config_table_int("gammu", "poll_ms");
    m->poll_busy_ms = sim ? config_int(cfg, s, "poll_busy_ms")
                          : config_table_int("gammu", "poll_busy_ms");
    m->health_s = config_int(cfg, s, "health_every");
    m->reports = config_bool(cfg, s, "delivery_reports");
    m->max_attempts = config_int(cfg, s, "max_attempts");
    m->retry_after = config_int(cfg, s, "retry_after");
    m->multipart_timeout = config_int(cfg, "modem", "multipart_timeout");
    snprintf(m->balance_code, sizeof m->balance_code, "%s",
             sim ? config_str(cfg, s, "balance_code") : "");
    m->balance_every = sim ? config_int(cfg, s, "balance_every")
                           : config_table_int("gammu", "balance_every");
    staff_numbers_load(cfg, "modem", &m->staff);
    const char *low = sim ? config_str(cfg, s, "balance_low") : "";
    if (*low) {
        int code;
        PCRE2_SIZE off;
        m->balance_low = pcre2_compile((PCRE2_SPTR)low, PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF | PCRE2_CASELESS, &code, &off, NULL);
        if (!m->balance_low) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(code, msg, sizeof msg);
            snprintf(err, errlen, "[%s] balance_low: %s at offset %zu", s, (char *)msg,
                     (size_t)off);
            return false;
        }
    }
    return true;
}

/* Before anything starts: each modem's settings (2 when wrong) and its device
 * path reported; a simulated phone's directory that does not exist is named as
 * missing (the daemon waits for it, as for an unplugged modem). */
static int modems_check(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    const struct config *cfg = ctx->app->cfg;
    const struct send_policy *pol = ctx->policy;
    for (int i = 0; i < pol->nlinks; i++) {
        const struct transport_link *l = &pol->links[i];
        struct modem *m = calloc(1, sizeof *m);
        if (!m) {
            snprintf(err, errlen, "out of memory");
            return 1;
        }
        snprintf(m->section, sizeof m->section, "%s", l->section);
        bool ok = modem_settings(m, cfg, err, errlen);
        struct transport *t = ok ? l->kind->open(cfg, l->name, err, errlen) : NULL;
        modem_free(m);
        if (!t)
            return 2;
        if (l->kind->poller && !l->kind->poller->present(t))
            log_warn("%s: device %s is missing; talka will wait for it", l->name,
                     l->kind->device(t));
        else
            log_info("%s: device %s", l->name, l->kind->device(t));
        l->kind->close(t);
    }
    return 0;
}

static void modems_stop(struct daemon_ctx *ctx)
{
    (void)ctx;
    for (int i = 0; i < nmodems; i++)
        if (modems[i]->running)
            pthread_join(modems[i]->th, NULL);
    if (watchdog_running) {
        watchdog_stop = true;
        pthread_join(watchdog_th, NULL);
        watchdog_running = false;
    }
    for (int i = 0; i < nmodems; i++)
        modem_free(modems[i]);
    nmodems = 0;
}

static bool modems_start(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    const struct config *cfg = ctx->app->cfg;
    const struct send_policy *pol = ctx->policy;
    hang_ms = config_int(cfg, "modem", "hang_timeout") * 1000;
    nmodems = 0;
    for (int i = 0; i < pol->nlinks; i++) {
        const struct transport_link *l = &pol->links[i];
        struct modem *m = calloc(1, sizeof *m);
        if (!m) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
        modems[nmodems++] = m;
        snprintf(m->name, sizeof m->name, "%s", l->name);
        snprintf(m->section, sizeof m->section, "%s", l->section);
        m->k = l->kind;
        m->ctx = ctx;
        if (!modem_settings(m, cfg, err, errlen))
            goto fail;
        m->t = m->k->open(cfg, m->name, err, errlen);
        if (!m->t)
            goto fail;
        m->slots = 1;
        const struct transport_sender *snd = m->k->sender;
        if (snd->send_slots && snd->send_begin && snd->send_done)
            m->slots = snd->send_slots(m->t);
        if (m->slots > MODEM_MAX_SLOTS)
            m->slots = MODEM_MAX_SLOTS;
        if (m->slots > 1) {
            m->busy = calloc((size_t)m->slots, sizeof *m->busy);
            m->flight = calloc((size_t)m->slots, sizeof *m->flight);
            m->claimed = calloc((size_t)m->slots, sizeof *m->claimed);
            if (!m->busy || !m->flight || !m->claimed) {
                snprintf(err, errlen, "out of memory");
                goto fail;
            }
        }
        m->db = app_db_connect(ctx->app, err, errlen);
        if (!m->db)
            goto fail;
    }
    for (int i = 0; i < nmodems; i++) {
        if (pthread_create(&modems[i]->th, NULL, modem_main, modems[i]) != 0) {
            snprintf(err, errlen, "cannot start a thread for %s", modems[i]->name);
            goto fail;
        }
        modems[i]->running = true;
    }
    watchdog_stop = false;
    if (pthread_create(&watchdog_th, NULL, watchdog_main, NULL) == 0)
        watchdog_running = true;
    return true;
fail:
    /* threads already started stop when the daemon sets stopping; cmd_run does
     * not call stop() for a service whose start failed, so clean up here */
    atomic_store(ctx->stopping, true);
    modems_stop(ctx);
    return false;
}

const struct service modem_service = {
    .name = "modems",
    .enabled = modems_enabled,
    .check = modems_check,
    .start = modems_start,
    .reload = NULL,
    .stop = modems_stop,
};
