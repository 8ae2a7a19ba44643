/* modem_send.c: sending through a modem (see modem_send.h). */
#include "gateway/modem/modem_send.h"

#include "db/modem_status.h"
#include "gateway/base/log.h"
#include "gateway/core/send_policy.h"

#include <stdio.h>

static long backoff_s(int attempts)
{
    long s = 30;
    for (int i = 1; i < attempts && s < 3600; i++)
        s *= 2;
    return s > 3600 ? 3600 : s;
}

/* The modem has accepted m->out: it must be recorded as sent, or a restart would
 * send it again. Tried until it is (a full disk, a locked database), freeing the
 * WAL's space meanwhile; only a stop that lasts past 30 s of failures gives up. */
static void record_sent(struct modem *m, const char *ref, time_t now)
{
    long long first = 0;
    while (!modem_sent_record(m->db, m->out.id, ref, now)) {
        long long mono = clock_mono_ms();
        if (!first) {
            first = mono;
            log_warn("%s: outbound %lld was accepted by the modem but cannot be recorded "
                     "yet%s; retrying until it is (it will not be sent again)", m->name,
                     (long long)m->out.id, db_disk_full() ? " (the disk is full)" : "");
        }
        if (modem_stopping(m) && mono - first > 30000) {
            log_error("%s: outbound %lld was sent but could not be recorded before the "
                      "stop; it may be sent again after a restart", m->name,
                      (long long)m->out.id);
            return;
        }
        db_reclaim(m->db);
        clock_sleep_ms(500);
    }
    if (first)
        log_info("%s: outbound %lld recorded as sent after %lld s", m->name,
                 (long long)m->out.id, (clock_mono_ms() - first) / 1000);
}

/* Records a failed attempt; a row left 'sending' would only be retried after a
 * restart, so the write is retried and a failure to record it is logged. */
static void record_failed(struct modem *m, const char *why, time_t retry, time_t now)
{
    for (int i = 0; i < 5; i++) {
        if (outbox_mark_failed(m->db, m->out.id, why, retry, now))
            return;
        clock_sleep_ms(200);
    }
    log_error("%s: outbound %lld: the failed attempt could not be recorded; it stays 'sending'"
              " and is tried again after a restart", m->name, (long long)m->out.id);
}

int modem_send_one(struct modem *m, char *err, size_t errlen)
{
    long long mono = clock_mono_ms();
    if (m->rate > 0 && mono < m->next_send_ms)
        return 0;
    time_t now = clock_now();
    /* the send policy: quiet hours and daily caps may hold back broadcasts (or,
     * past the hard cap or when the database cannot say, everything) at the
     * moment of claiming */
    int max_prio = send_max_priority(m->ctx->policy, m->db, m->name, now);
    if (max_prio < 0)
        return 0;
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
        record_sent(m, ref, now);
        log_debug("%s: outbound %lld sent (reference %s)", m->name, (long long)m->out.id, ref);
        return 1;
    case TSEND_REJECTED:
        log_warn("%s: outbound %lld cannot be sent: %s", m->name, (long long)m->out.id, err);
        record_failed(m, err, 0, now);
        return 1;
    case TSEND_RETRY:
    case TSEND_DEVICE: {
        bool last = m->out.attempts >= m->max_attempts;
        time_t retry = last ? 0 : now + backoff_s(m->out.attempts);
        log_warn("%s: outbound %lld attempt %d failed: %s%s", m->name, (long long)m->out.id,
                 m->out.attempts, err, last ? " (giving up)" : "");
        record_failed(m, err, retry, now);
        if (r == TSEND_DEVICE || ++m->send_failures >= 5) {
            m->send_failures = 0;
            return -1;
        }
        return 1;
    }
    }
    return 1;
}
