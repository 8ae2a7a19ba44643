/* link_send.c: sending through a modem or a Kannel link (see link_send.h). */
#include "gateway/links/link_send.h"

#include "db/modem_status.h"
#include "gateway/base/log.h"
#include "gateway/core/send_policy.h"

#include <stdio.h>

/* A failed send's next try: [gammuN]/[kannelN] retry_after after the first
 * attempt, doubling with each further one, at most an hour. */
static long backoff_s(long first, int attempts)
{
    long s = first;
    for (int i = 1; i < attempts && s < 3600; i++)
        s *= 2;
    return s > 3600 ? 3600 : s;
}

/* The device has accepted these n messages: they must be recorded as sent, or a
 * restart would send them again. Tried until they are (a full disk, a locked
 * database), freeing the WAL's space meanwhile; only a stop that lasts past 30 s of
 * failures gives up. All n in one transaction. */
static void record_sent(struct modem *m, const int64_t *ids, const char *const *refs, int n,
                        time_t now)
{
    long long first = 0;
    while (!modem_sent_record_many(m->db, ids, refs, n, now)) {
        long long mono = clock_mono_ms();
        if (!first) {
            first = mono;
            log_warn("%s: outbound %lld%s was accepted by the modem but cannot be recorded "
                     "yet%s; retrying until it is (it will not be sent again)", m->name,
                     (long long)ids[0], n > 1 ? " and others" : "",
                     db_disk_full() ? " (the disk is full)" : "");
        }
        if (modem_stopping(m) && mono - first > 30000) {
            log_error("%s: outbound %lld%s was sent but could not be recorded before the "
                      "stop; it may be sent again after a restart", m->name,
                      (long long)ids[0], n > 1 ? " and others" : "");
            return;
        }
        db_reclaim(m->db);
        clock_sleep_ms(500);
    }
    if (first)
        log_info("%s: outbound %lld%s recorded as sent after %lld s", m->name,
                 (long long)ids[0], n > 1 ? " and others" : "", (clock_mono_ms() - first) / 1000);
}

/* Records a failed attempt; a row left 'sending' would only be retried after a
 * restart, so the write is retried and a failure to record it is logged. */
static void record_failed(struct modem *m, const struct outbox_msg *out, const char *why,
                          time_t retry, time_t now)
{
    for (int i = 0; i < 5; i++) {
        if (outbox_mark_failed(m->db, out->id, why, retry, now))
            return;
        clock_sleep_ms(200);
    }
    log_error("%s: outbound %lld: the failed attempt could not be recorded; it stays 'sending'"
              " and is tried again after a restart", m->name, (long long)out->id);
}

/* Claims up to max due messages into out[], within the send policy and the
 * link's rate (one at a time then): how many. The rate is a schedule of start
 * times, one interval (60 s / rate per part) apart, so a link sends at its
 * configured rate however long the device takes to answer; a send that starts
 * late keeps the schedule when it is less than a second (or one interval) behind,
 * so a slow moment is made up within the second, and starts a new one after a
 * longer pause. With a daily or hard cap, also one at a time, each checked
 * against the parts sent today and those still in flight. */
static int claim(struct modem *m, struct outbox_msg *out, int max)
{
    long long mono = clock_mono_ms();
    if (m->rate > 0 && mono < m->next_send_ms)
        return 0;
    time_t now = clock_now();
    /* the send policy: quiet hours and daily caps may hold back broadcasts (or,
     * past the hard cap or when the database cannot say, everything) at the
     * moment of claiming; what is in flight counts as sent */
    long in_flight = 0;
    for (int i = 0; i < m->slots && m->busy; i++)
        if (m->busy[i])
            in_flight += m->flight[i].segments > 0 ? m->flight[i].segments : 1;
    int max_prio = send_max_priority(m->ctx->policy, m->db, m->name, in_flight, now);
    if (max_prio < 0)
        return 0;
    if (m->rate > 0 || send_capped(m->ctx->policy))
        max = 1;
    int n = outbox_claim_many(m->db, m->name, now, max_prio, out, max);
    if (n < 0)
        return 0;   /* a database error (logged): nothing claimed, tried at the next turn */
    if (n > 0 && m->rate > 0) {
        long long interval = 60000LL * (out->segments > 0 ? out->segments : 1) / m->rate;
        long long due = m->next_send_ms;
        long long slack = interval > 1000 ? interval : 1000;
        m->next_send_ms = (mono - due < slack ? due : mono) + interval;
    }
    return n;
}

/* What one finished send leads to: 1 recorded, -1 the device failed. */
static int finish(struct modem *m, const struct outbox_msg *out, enum tsend_result r,
                  const char *ref, const char *err)
{
    time_t now = clock_now();
    switch (r) {
    case TSEND_OK:
        m->send_failures = 0;
        record_sent(m, &out->id, &ref, 1, now);
        log_debug("%s: outbound %lld sent (reference %s)", m->name, (long long)out->id, ref);
        return 1;
    case TSEND_REJECTED:
        log_warn("%s: outbound %lld cannot be sent: %s", m->name, (long long)out->id, err);
        record_failed(m, out, err, 0, now);
        return 1;
    case TSEND_RETRY:
    case TSEND_DEVICE: {
        bool last = out->attempts >= m->max_attempts;
        time_t retry = last ? 0 : now + backoff_s(m->retry_after, out->attempts);
        log_warn("%s: outbound %lld attempt %d failed: %s%s", m->name, (long long)out->id,
                 out->attempts, err, last ? " (giving up)" : "");
        record_failed(m, out, err, retry, now);
        if (r == TSEND_DEVICE || ++m->send_failures >= 5) {
            m->send_failures = 0;
            return -1;
        }
        return 1;
    }
    }
    return 1;
}

/* One send at a time: the device answers before the next one starts. */
static int send_sync(struct modem *m, char *err, size_t errlen)
{
    if (!claim(m, &m->out, 1))
        return 0;
    char ref[16] = "";
    op_begin(m);
    enum tsend_result r = m->k->sender->send(m->t, m->out.recipient, m->out.text, m->reports, ref,
                                     sizeof ref, err, errlen);
    op_end(m);
    return finish(m, &m->out, r, ref, err);
}

/* Takes back every send that has finished (waiting up to ms for the first) and
 * records each, the accepted ones together in one transaction: how many
 * finished, -1 when one says the device failed (err says why). */
static int collect(struct modem *m, int ms, char *err, size_t errlen)
{
    int64_t ids[MODEM_MAX_SLOTS];
    char refs[MODEM_MAX_SLOTS][16];
    const char *refp[MODEM_MAX_SLOTS];
    int n = 0, nok = 0;
    bool failed = false;
    char e[512];
    while (m->inflight > 0) {
        enum tsend_result r;
        char ref[16] = "";
        e[0] = '\0';
        int slot = m->k->sender->send_done(m->t, n == 0 ? ms : 0, &r, ref, sizeof ref, e, sizeof e);
        if (slot < 0 || slot >= m->slots || !m->busy[slot])
            break;
        m->busy[slot] = false;
        m->inflight--;
        n++;
        const struct outbox_msg *out = &m->flight[slot];
        if (r == TSEND_OK) {
            m->send_failures = 0;
            ids[nok] = out->id;
            snprintf(refs[nok], sizeof refs[nok], "%s", ref);
            refp[nok] = refs[nok];
            nok++;
            log_debug("%s: outbound %lld sent (reference %s)", m->name, (long long)out->id, ref);
        } else if (finish(m, out, r, ref, e) < 0 && !failed) {
            failed = true;
            snprintf(err, errlen, "%s", e);
        }
    }
    if (nok)
        record_sent(m, ids, refp, nok, clock_now());
    /* the watchdog's clock: the link has made progress */
    if (n && m->inflight > 0)
        op_begin(m);
    else if (n)
        op_end(m);
    return failed ? -1 : n;
}

void modem_send_drain(struct modem *m)
{
    char err[512];
    while (m->inflight > 0)
        collect(m, 1000, err, sizeof err);
}

/* Several sends in flight (the link's send_slots): what has finished is
 * recorded, then what is due is claimed (at once, as many as there are free
 * slots) and started. */
static int send_async(struct modem *m, char *err, size_t errlen)
{
    int did = 0;
    bool failed = false;
    if (m->inflight > 0) {
        int n = collect(m, 0, err, errlen);
        failed = n < 0;
        did = n != 0;
    }
    int free_slots[MODEM_MAX_SLOTS], nfree = 0;
    for (int slot = 0; !failed && slot < m->slots; slot++)
        if (!m->busy[slot])
            free_slots[nfree++] = slot;
    int n = nfree ? claim(m, m->claimed, nfree) : 0;
    /* every claimed message is started or recorded as failed: none is left 'sending' */
    for (int i = 0; i < n; i++) {
        int slot = free_slots[i];
        struct outbox_msg *out = &m->flight[slot];
        *out = m->claimed[i];
        enum tsend_result r;
        char e[512] = "";
        if (m->k->sender->send_begin(m->t, slot, out->recipient, out->text, m->reports, &r, e,
                             sizeof e)) {
            m->busy[slot] = true;
            if (m->inflight++ == 0)
                op_begin(m);
        } else if (finish(m, out, r, "", e) < 0 && !failed) {
            failed = true;
            snprintf(err, errlen, "%s", e);
        }
        did = 1;
    }
    if (failed) {
        char why[512];
        snprintf(why, sizeof why, "%s", err);
        modem_send_drain(m);
        snprintf(err, errlen, "%s", why);
        return -1;
    }
    return did;
}

int modem_send_one(struct modem *m, char *err, size_t errlen)
{
    return m->slots > 1 ? send_async(m, err, errlen) : send_sync(m, err, errlen);
}
