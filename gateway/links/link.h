/* link.h: one configured link (a modem, a Kannel link) as the link runner's threads see it: its
 * device connection, its own database connection, its settings and its state.
 * Shared by the modem service's files (receive, send, health, the loop). */
#ifndef TALKA_LINK_H
#define TALKA_LINK_H

#define PCRE2_CODE_UNIT_WIDTH 8

#include "db/outbox.h"
#include "gateway/base/clock.h"
#include "gateway/base/staff_numbers.h"
#include "gateway/core/service.h"
#include "gateway/core/transport.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#define MODEM_MAX_SLOTS 100

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
    long poll_busy_ms;       /* ... and while sending (new texts are read at once on +CMTI) */
    long health_s;           /* signal/network check interval */
    bool reports;            /* ask for delivery reports */
    long max_attempts;
    long retry_after;       /* seconds before a failed send's first retry */
    long multipart_timeout;  /* seconds */
    char balance_code[32];
    long balance_every;      /* seconds */
    pcre2_code *balance_low;
    struct staff_numbers staff;   /* who hears about a low balance */

    /* state */
    atomic_llong op_since;   /* monotonic ms when the current device call began, 0 idle */
    bool connected;
    long long next_send_ms;
    int send_failures;       /* in a row */
    bool skew_logged;
    int sim_used, sim_total;      /* as last written to the modems table */
    int stuck[16], nstuck;        /* set-aside locations libgammu failed to delete */
    long long sim_written_ms;
    struct tmsg msg;
    struct outbox_msg out;        /* the send under way (one at a time) */
    /* several sends in flight (slots > 1, transport.h send_slots) */
    int slots;                    /* at most MODEM_MAX_SLOTS */
    int inflight;
    bool *busy;                   /* [slots] */
    struct outbox_msg *flight;    /* [slots] */
    struct outbox_msg *claimed;   /* [slots]: taken from the queue, about to start */
};

/* The device call in progress, for the watchdog. */
static inline void op_begin(struct modem *m) { atomic_store(&m->op_since, clock_mono_ms()); }
static inline void op_end(struct modem *m) { atomic_store(&m->op_since, 0); }

static inline bool modem_stopping(const struct modem *m) { return atomic_load(m->ctx->stopping); }

/* A link that is not polled (its texts are pushed) is always there, never has
 * news to read and is never held. */
static inline bool link_present(const struct modem *m)
{
    return !m->k->poller || m->k->poller->present(m->t);
}
static inline bool link_maybe_new(const struct modem *m)
{
    return m->k->poller && m->k->poller->maybe_new(m->t);
}
static inline bool link_held(const struct modem *m, char *why, size_t len)
{
    return m->k->poller && m->k->poller->held && m->k->poller->held(m->t, why, len);
}

#endif
