/* modem_service.c: the modem part of `talka run`. One thread per configured
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
#define PCRE2_CODE_UNIT_WIDTH 8

#include "db/modem_parts.h"
#include "db/modem_status.h"
#include "db/outbox.h"
#include "gateway/broadcast/broadcast_policy.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/phone.h"
#include "gateway/core/pipeline.h"
#include "gateway/core/service.h"
#include "gateway/core/transport.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KINDS 8
#define MAX_MODEMS 16
#define GROUPS_PER_SWEEP 32

/* ------------------------------------------------------ transport registry */

static const struct transport_kind *kinds[MAX_KINDS];
static int nkinds;

void transport_register(const struct transport_kind *k)
{
    if (nkinds < MAX_KINDS)
        kinds[nkinds++] = k;
}

const struct transport_kind *transport_kind_at(int i)
{
    return i >= 0 && i < nkinds ? kinds[i] : NULL;
}

/* ---------------------------------------------------------------- a modem */

struct modem {
    char name[32];
    char section[32];
    const struct transport_kind *k;
    struct transport *t;
    struct daemon_ctx *ctx;
    struct db *db;
    pthread_t th;
    bool running;

    /* settings */
    long rate;               /* parts a minute, 0: no limit */
    long poll_ms;            /* receive pass at least this often */
    long health_s;           /* signal/network check interval */
    bool reports;            /* ask for delivery reports */
    long max_attempts;
    long multipart_timeout;  /* seconds */
    char balance_code[32];
    long balance_every;      /* seconds */
    pcre2_code *balance_low;
    char staff[1024];        /* who hears about a low balance */

    /* state */
    atomic_llong op_since;   /* monotonic ms when the current device call began, 0 idle */
    bool connected;
    long long next_send_ms;
    int send_failures;       /* in a row */
    bool skew_logged;
    struct tmsg msg;
    struct outbox_msg out;
};

static struct modem *modems[MAX_MODEMS];
static int nmodems;
static pthread_t watchdog_th;
static bool watchdog_running;
static volatile bool watchdog_stop;
static long hang_ms = 180000;

static void op_begin(struct modem *m) { atomic_store(&m->op_since, clock_mono_ms()); }
static void op_end(struct modem *m) { atomic_store(&m->op_since, 0); }

static bool stopping(const struct modem *m) { return *m->ctx->stopping != 0; }

/* ---------------------------------------------------------------- receive */

static uint64_t fnv1a(const char *a, size_t alen, const char *b, size_t blen)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < alen; i++)
        h = (h ^ (unsigned char)a[i]) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
    for (size_t i = 0; i < blen; i++)
        h = (h ^ (unsigned char)b[i]) * 1099511628211ULL;
    return h;
}

static void remove_from_device(struct modem *m, const struct tmsg *msg)
{
    char err[256] = "";
    op_begin(m);
    bool ok = m->k->remove(m->t, msg, err, sizeof err);
    op_end(m);
    if (!ok)
        log_warn("%s: could not delete message %d from the device (%s); it will be read again"
                 " and recognised", m->name, msg->location, err);
}

static void process_stored(struct modem *m, int64_t id)
{
    struct pipeline_outcome out;
    if (!pipeline_process(m->ctx->pipe, m->db, id, 0, &out))
        log_error("%s: inbound %lld stored but not handled yet (database error); it is retried",
                  m->name, (long long)id);
}

/* A single text: stored, deleted from the device, handled. */
static bool take_text(struct modem *m, const struct tmsg *msg)
{
    char tid[128] = "";
    if (msg->sent_at) {
        /* the same message read twice (failed delete, crash) gets the same id */
        snprintf(tid, sizeof tid, "%lld/%016llx", (long long)msg->sent_at,
                 (unsigned long long)fnv1a(msg->sender, strlen(msg->sender), msg->text, msg->len));
    }
    /* the network's stamp says when the volunteer sent it (texts can wait on a
     * full SIM); our clock when the stamp is implausible */
    time_t now = clock_now();
    time_t at = msg->sent_at;
    if (at < now - 7 * 86400 || at > now + 300)
        at = now;
    struct inbound_msg in = {
        .channel = "sms", .transport = m->name, .transport_id = tid[0] ? tid : NULL,
        .sender = msg->sender, .text = msg->text, .len = msg->len, .received_at = at,
    };
    int64_t id = 0;
    bool existed = false;
    if (!pipeline_store(m->ctx->pipe, m->db, &in, &id, &existed)) {
        log_error("%s: cannot store a text (database error); it stays on the device", m->name);
        return false;
    }
    remove_from_device(m, msg);
    if (existed)
        log_info("%s: message %d was read before (inbound %lld): not stored twice", m->name,
                 msg->location, (long long)id);
    process_stored(m, id);
    return true;
}

/* A group of parts that is complete, or has waited too long. */
static void take_group(struct modem *m, const struct parts_group *g)
{
    char list[128];
    size_t len = 0;
    char *text = parts_join(m->db, g, &len, list, sizeof list);
    if (!text)
        return;
    char tid[48], meta[200];
    snprintf(tid, sizeof tid, "mp/%lld", (long long)g->first_id);
    bool complete = g->have >= g->total;
    snprintf(meta, sizeof meta, "{\"parts\":[%s],\"total\":%d%s}", list, g->total,
             complete ? "" : ",\"partial\":true");
    struct inbound_msg in = {
        .channel = "sms", .transport = m->name, .transport_id = tid, .sender = g->sender,
        .text = text, .len = len, .received_at = g->first_at, .meta_json = meta,
    };
    time_t now = clock_now();
    if (complete) {
        int64_t id = 0;
        bool existed = false;
        if (pipeline_store(m->ctx->pipe, m->db, &in, &id, &existed) &&
            parts_done(m->db, g, id, now)) {
            log_debug("%s: long text of %d parts joined (inbound %lld)", m->name, g->total,
                      (long long)id);
            process_stored(m, id);
        }
    } else {
        /* kept verbatim, never counted: the sender is asked to send it again
         * (reply partial_text, in the language the fragment is written in) */
        struct parse_result pr;
        parse_text(m->ctx->app->lex, text, len, now, &m->ctx->app->popts, &pr);
        enum lang lang = pr.lang;
        memset(&pr, 0, sizeof pr);
        pr.ok = false;
        pr.lang = lang;
        pr.error = "partial_text";
        in.preparsed = &pr;
        struct pipeline_outcome out;
        if (pipeline_handle(m->ctx->pipe, m->db, &in, 0, &out) &&
            parts_done(m->db, g, out.inbound_id, now))
            log_info("%s: long text incomplete after %ld s (parts %s of %d): stored as inbound"
                     " %lld, sender asked to send it again", m->name,
                     (long)(now - g->first_at), list, g->total, (long long)out.inbound_id);
    }
    free(text);
}

static void sweep_parts(struct modem *m)
{
    struct parts_group g[GROUPS_PER_SWEEP];
    int n = parts_due(m->db, m->name, clock_now() - m->multipart_timeout, g, GROUPS_PER_SWEEP);
    for (int i = 0; i < n && !stopping(m); i++)
        take_group(m, &g[i]);
}

static bool take_part(struct modem *m, const struct tmsg *msg)
{
    bool dup = false;
    if (!parts_add(m->db, m->name, msg->sender, msg->concat_ref, msg->concat_total,
                   msg->concat_part, msg->text, msg->len, msg->sent_at, clock_now(), &dup)) {
        log_error("%s: cannot store a part (database error); it stays on the device", m->name);
        return false;
    }
    remove_from_device(m, msg);
    if (dup)
        log_info("%s: part %d/%d at message %d was read before: not stored twice", m->name,
                 msg->concat_part, msg->concat_total, msg->location);
    else
        sweep_parts(m);
    return true;
}

static bool take_report(struct modem *m, const struct tmsg *msg)
{
    if (outbox_mark_delivered(m->db, m->name, msg->report_ref, msg->delivered, clock_now()))
        log_debug("%s: delivery report for reference %s: %s", m->name, msg->report_ref,
                  msg->delivered ? "delivered" : "failed");
    else
        log_debug("%s: delivery report for reference %s matches nothing sent", m->name,
                  msg->report_ref);
    remove_from_device(m, msg);
    return true;
}

/* One pass over the device's memory: >= 0 messages taken, -1 device error. */
static int receive_pass(struct modem *m, char *err, size_t errlen)
{
    int n = 0;
    bool start = true;
    while (!stopping(m)) {
        op_begin(m);
        int r = m->k->next(m->t, start, &m->msg, err, errlen);
        op_end(m);
        start = false;
        if (r == 0)
            break;
        if (r < 0)
            return -1;
        bool ok = true;
        switch (m->msg.kind) {
        case TMSG_TEXT:
            ok = m->msg.concat_total > 1 ? take_part(m, &m->msg) : take_text(m, &m->msg);
            break;
        case TMSG_REPORT:
            ok = take_report(m, &m->msg);
            break;
        case TMSG_OTHER:
            continue;
        }
        if (!ok)
            break;   /* the database refused: leave the rest on the device for now */
        n++;
    }
    if (n)
        log_info("%s: %d messages read", m->name, n);
    return n;
}

/* ------------------------------------------------------------------- send */

static long backoff_s(int attempts)
{
    long s = 30;
    for (int i = 1; i < attempts && s < 3600; i++)
        s *= 2;
    return s > 3600 ? 3600 : s;
}

/* 1 sent (or failed), 0 nothing due, -1 the device failed */
static int send_one(struct modem *m, char *err, size_t errlen)
{
    long long mono = clock_mono_ms();
    if (m->rate > 0 && mono < m->next_send_ms)
        return 0;
    time_t now = clock_now();
    /* broadcast module (issue 6): quiet hours and daily caps may hold back
     * broadcasts (or, past the hard cap, everything) at the moment of claiming */
    int max_prio = broadcast_max_priority ? broadcast_max_priority(m->db, m->name, now) : 1000;
    if (!outbox_claim(m->db, m->name, now, max_prio, &m->out))
        return 0;
    char ref[16] = "";
    op_begin(m);
    enum tsend_result r = m->k->send(m->t, m->out.recipient, m->out.text, m->reports, ref,
                                     sizeof ref, err, errlen);
    op_end(m);
    now = clock_now();
    int parts = m->out.segments > 0 ? m->out.segments : 1;
    if (m->rate > 0)
        m->next_send_ms = clock_mono_ms() + 60000L * parts / m->rate;
    switch (r) {
    case TSEND_OK:
        m->send_failures = 0;
        for (int i = 0; i < 5 && !modem_sent_record(m->db, m->out.id, ref, now); i++)
            clock_sleep_ms(200);
        log_debug("%s: outbound %lld sent (reference %s)", m->name, (long long)m->out.id, ref);
        return 1;
    case TSEND_REJECTED:
        log_warn("%s: outbound %lld cannot be sent: %s", m->name, (long long)m->out.id, err);
        outbox_mark_failed(m->db, m->out.id, err, 0, now);
        return 1;
    case TSEND_RETRY:
    case TSEND_DEVICE: {
        bool last = m->out.attempts >= m->max_attempts;
        time_t retry = last ? 0 : now + backoff_s(m->out.attempts);
        log_warn("%s: outbound %lld attempt %d failed: %s%s", m->name, (long long)m->out.id,
                 m->out.attempts, err, last ? " (giving up)" : "");
        outbox_mark_failed(m->db, m->out.id, err, retry, now);
        if (r == TSEND_DEVICE || ++m->send_failures >= 5) {
            m->send_failures = 0;
            return -1;
        }
        return 1;
    }
    }
    return 1;
}

/* ----------------------------------------------------------------- health */

static void alert_staff(struct modem *m, const char *text)
{
    char list[1024];
    snprintf(list, sizeof list, "%s", m->staff);
    char *save = NULL;
    for (char *tok = strtok_r(list, ", ;", &save); tok; tok = strtok_r(NULL, ", ;", &save)) {
        char e164[32];
        if (phone_normalize(tok, e164, sizeof e164) != PHONE_E164)
            continue;
        if (!pipeline_notify(m->ctx->pipe, m->db, e164, text, PRIO_STAFF, "alert"))
            log_error("%s: could not queue a balance alert", m->name);
    }
}

static void check_health(struct modem *m)
{
    struct transport_health h;
    char err[256] = "";
    op_begin(m);
    bool ok = m->k->health(m->t, &h, err, sizeof err);
    op_end(m);
    if (!ok) {
        log_warn("%s: health check failed: %s", m->name, err);
        return;
    }
    time_t now = clock_now();
    long skew = 0;
    bool has_skew = h.device_time != 0;
    if (has_skew) {
        skew = (long)(h.device_time - now);
        if ((skew > 300 || skew < -300) && !m->skew_logged) {
            log_warn("%s: our clock differs from the network's by %ld s: check NTP (times "
                     "of texts and replies follow our clock)", m->name, skew);
            m->skew_logged = true;
        } else if (skew <= 300 && skew >= -300) {
            m->skew_logged = false;
        }
    }
    log_info("%s: signal %d%%, network %s%s", m->name, h.signal_percent,
             h.network[0] ? h.network : "unknown", h.registered ? "" : " (not registered)");
    modem_status_health(m->db, m->name, h.signal_percent, h.network, has_skew ? &skew : NULL, now);
}

static void check_balance(struct modem *m)
{
    char reply[400] = "", err[256] = "";
    op_begin(m);
    bool ok = m->k->ussd(m->t, m->balance_code, reply, sizeof reply, err, sizeof err);
    op_end(m);
    time_t now = clock_now();
    if (!ok) {
        log_warn("%s: balance check %s failed: %s", m->name, m->balance_code, err);
        /* try again in ten minutes, not at once */
        modem_status_balance(m->db, m->name, "(no answer)", false,
                             now - m->balance_every + 600);
        return;
    }
    bool low = false;
    if (m->balance_low) {
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(m->balance_low, NULL);
        low = md && pcre2_match(m->balance_low, (PCRE2_SPTR)reply, PCRE2_ZERO_TERMINATED, 0, 0,
                                md, NULL) >= 0;
        pcre2_match_data_free(md);
    }
    log_info("%s: balance: %s%s", m->name, reply, low ? " (low)" : "");
    modem_status_balance(m->db, m->name, reply, low, now);
    if (low) {
        char text[200];
        snprintf(text, sizeof text, "talka %s: SIM balance low: %.120s", m->name, reply);
        alert_staff(m, text);
    }
}

/* ------------------------------------------------------------------ loop */

static void set_state(struct modem *m, const char *state, const char *error)
{
    modem_status_state(m->db, m->name, m->k->device(m->t), state, error, clock_now());
}

static void *modem_main(void *arg)
{
    struct modem *m = arg;
    const long backoff_max = 300000;
    long backoff = 1000;
    long long next_connect = 0, last_pass = 0, last_sweep = 0, last_health = 0;
    long long last_contact = 0, last_prune = 0;
    bool absent = false, ever_connected = false;
    time_t next_balance = 0;
    char err[512];

    if (m->balance_code[0])
        next_balance = modem_status_balance_at(m->db, m->name) + m->balance_every;
    set_state(m, "down", NULL);
    while (!stopping(m)) {
        long long mono = clock_mono_ms();
        if (!m->connected) {
            if (!m->k->present(m->t)) {
                if (!absent) {
                    log_warn("%s: device %s is not there; waiting for it", m->name,
                             m->k->device(m->t));
                    set_state(m, "absent", "device not present");
                    absent = true;
                }
                clock_sleep_ms(250);
                continue;
            }
            if (mono < next_connect) {
                clock_sleep_ms(100);
                continue;
            }
            if (absent)
                log_info("%s: device %s is back", m->name, m->k->device(m->t));
            absent = false;
            err[0] = '\0';
            op_begin(m);
            bool ok = m->k->connect(m->t, err, sizeof err);
            op_end(m);
            if (!ok) {
                log_warn("%s: %s; trying again in %ld s", m->name, err, backoff / 1000);
                set_state(m, "down", err);
                next_connect = clock_mono_ms() + backoff;
                backoff = backoff * 2 > backoff_max ? backoff_max : backoff * 2;
                continue;
            }
            log_info("%s: connected to %s", m->name, m->k->device(m->t));
            if (ever_connected)
                modem_status_reconnected(m->db, m->name, clock_now());
            ever_connected = true;
            m->connected = true;
            backoff = 1000;
            set_state(m, "up", NULL);
            last_pass = last_health = 0;
            continue;
        }
        if (!m->k->present(m->t)) {
            log_warn("%s: device %s disappeared; waiting for it to come back", m->name,
                     m->k->device(m->t));
            m->k->disconnect(m->t);
            m->connected = false;
            absent = true;
            set_state(m, "absent", "device disappeared");
            continue;
        }
        bool busy = false;
        bool failed = false;
        err[0] = '\0';
        if (m->k->maybe_new(m->t) || mono - last_pass >= m->poll_ms) {
            int n = receive_pass(m, err, sizeof err);
            last_pass = clock_mono_ms();
            if (n < 0)
                failed = true;
            else
                busy = n > 0;
        }
        if (!failed && mono - last_sweep >= 5000) {
            sweep_parts(m);
            last_sweep = mono;
        }
        if (!failed && mono - last_prune >= 3600000) {
            parts_prune(m->db, clock_now() - 7 * 86400);
            last_prune = mono;
        }
        if (!failed && (last_health == 0 || mono - last_health >= m->health_s * 1000)) {
            check_health(m);
            last_health = clock_mono_ms();
        }
        if (!failed && m->balance_code[0] && clock_now() >= next_balance) {
            check_balance(m);
            next_balance = modem_status_balance_at(m->db, m->name) + m->balance_every;
        }
        /* send what is due, a batch at a time so new texts are not left waiting */
        for (int i = 0; i < 20 && !failed && !stopping(m); i++) {
            int r = send_one(m, err, sizeof err);
            if (r < 0)
                failed = true;
            if (r <= 0)
                break;
            busy = true;
            if (m->k->maybe_new(m->t))
                break;
        }
        if (failed) {
            log_warn("%s: %s; reconnecting in %ld s", m->name, err[0] ? err : "device error",
                     backoff / 1000);
            m->k->disconnect(m->t);
            m->connected = false;
            set_state(m, "down", err[0] ? err : "device error");
            next_connect = clock_mono_ms() + backoff;
            backoff = backoff * 2 > backoff_max ? backoff_max : backoff * 2;
            continue;
        }
        if (mono - last_contact >= 5000) {
            modem_status_contact(m->db, m->name, clock_now());
            last_contact = mono;
        }
        if (!busy)
            m->k->idle(m->t, 100);
    }
    if (m->connected)
        m->k->disconnect(m->t);
    m->connected = false;
    set_state(m, "stopped", NULL);
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

static int all_names(const struct config *cfg, const struct transport_kind **which,
                     char names[][32], int max)
{
    int n = 0;
    for (int i = 0; i < nkinds && n < max; i++) {
        int got = kinds[i]->configured(cfg, names + n, max - n);
        for (int j = 0; j < got; j++)
            which[n + j] = kinds[i];
        n += got;
    }
    return n;
}

static bool modems_enabled(const struct app *a)
{
    const struct transport_kind *which[MAX_MODEMS];
    char names[MAX_MODEMS][32];
    return all_names(a->cfg, which, names, MAX_MODEMS) > 0;
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
    free(m);
}

static bool modem_settings(struct modem *m, const struct config *cfg, char *err, size_t errlen)
{
    const char *s = m->section;
    m->rate = config_get_int(cfg, s, "rate", 0);
    m->poll_ms = config_get_int(cfg, s, "poll_ms", 1000);
    m->health_s = config_get_int(cfg, s, "health_every", 300);
    m->reports = config_get_bool(cfg, s, "delivery_reports", true);
    m->max_attempts = config_get_int(cfg, s, "max_attempts", 8);
    m->multipart_timeout = config_get_int(cfg, "modem", "multipart_timeout", 600);
    snprintf(m->balance_code, sizeof m->balance_code, "%s",
             config_get(cfg, s, "balance_code", ""));
    m->balance_every = config_get_int(cfg, s, "balance_every", 86400);
    snprintf(m->staff, sizeof m->staff, "%s",
             config_get(cfg, "modem", "alert_numbers", config_get(cfg, "staff", "numbers", "")));
    if (m->rate < 0 || m->poll_ms < 50 || m->health_s < 1 || m->max_attempts < 1 ||
        m->multipart_timeout < 1 || m->balance_every < 60) {
        snprintf(err, errlen, "[%s]: rate, poll_ms (>= 50), health_every, max_attempts, "
                 "balance_every (>= 60) or [modem] multipart_timeout out of range", s);
        return false;
    }
    const char *low = config_get(cfg, s, "balance_low", NULL);
    if (low && *low) {
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
    const struct transport_kind *which[MAX_MODEMS];
    char names[MAX_MODEMS][32];
    int n = all_names(cfg, which, names, MAX_MODEMS);
    hang_ms = config_get_int(cfg, "modem", "hang_timeout", 180) * 1000;
    nmodems = 0;
    for (int i = 0; i < n; i++) {
        struct modem *m = calloc(1, sizeof *m);
        if (!m) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
        modems[nmodems++] = m;
        snprintf(m->name, sizeof m->name, "%s", names[i]);
        m->k = which[i];
        m->ctx = ctx;
        m->k->section(m->name, m->section, sizeof m->section);
        if (!modem_settings(m, cfg, err, errlen))
            goto fail;
        m->t = m->k->open(cfg, m->name, err, errlen);
        if (!m->t)
            goto fail;
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
    *ctx->stopping = 1;
    modems_stop(ctx);
    return false;
}

const struct service modem_service = {
    .name = "modems",
    .enabled = modems_enabled,
    .start = modems_start,
    .reload = NULL,
    .stop = modems_stop,
};
