/* link_health.c: a link's health (see link_health.h). */
#include "gateway/links/link_health.h"

#include "db/modem_status.h"
#include "gateway/base/log.h"
#include "gateway/base/phone.h"
#include "gateway/core/pipeline.h"

#include <stdio.h>
#include <string.h>

static void alert_staff(struct modem *m, const char *text)
{
    for (int i = 0; i < m->staff.n; i++)
        if (!pipeline_notify(m->ctx->pipe, m->db, m->staff.num[i], text, PRIO_STAFF, "alert"))
            log_error("%s: could not queue a balance alert", m->name);
}

void modem_check_health(struct modem *m)
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

void modem_check_balance(struct modem *m)
{
    char reply[400] = "", err[256] = "";
    bool ok = false;
    if (m->k->poller) {
        op_begin(m);
        ok = m->k->poller->ussd(m->t, m->balance_code, reply, sizeof reply, err, sizeof err);
        op_end(m);
    } else {
        snprintf(err, sizeof err, "[%s] a %s link has no SIM to ask a balance of (remove "
                 "balance_code)", m->name, m->k->name);
    }
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


void modem_set_state(struct modem *m, const char *state, const char *error)
{
    modem_status_state(m->db, m->name, m->k->device(m->t), state, error, clock_now());
}
