/* modem_status.h: each modem's last known state (the modems table), written by
 * the daemon's modem threads and read by `talka status`, plus the order in which
 * outbound messages were handed to a modem. */
#ifndef TALKA_MODEM_STATUS_H
#define TALKA_MODEM_STATUS_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct modem_row {
    char name[32];
    char device[256];
    char state[16];          /* up | down | absent | stopped */
    time_t since;            /* when state last changed */
    time_t last_contact;     /* 0 never */
    int signal;              /* percent, -1 unknown */
    char network[64];
    bool has_skew;
    long clock_skew;
    char balance[200];
    time_t balance_at;       /* 0 never */
    bool balance_low;
    char last_error[200];
    int reconnects;
    time_t updated_at;
    int sim_used, sim_total;  /* -1 unknown */
    time_t sim_at;            /* when the SIM was last looked at, 0 never */
};

/* Records state (since changes only when the state does); error may be NULL. */
bool modem_status_state(struct db *db, const char *name, const char *device, const char *state,
                        const char *error, time_t now);
bool modem_status_contact(struct db *db, const char *name, time_t now);
bool modem_status_health(struct db *db, const char *name, int signal, const char *network,
                         const long *skew, time_t now);
bool modem_status_balance(struct db *db, const char *name, const char *balance, bool low,
                          time_t now);
bool modem_status_reconnected(struct db *db, const char *name, time_t now);
/* How full the modem's SIM was at its last look. */
bool modem_status_sim(struct db *db, const char *name, int used, int total, time_t now);
/* When the balance was last asked into *at (0 never): DB_FOUND, DB_NONE (no such
 * modem; *at untouched) or DB_BUSY/DB_ERROR (*at untouched). */
enum db_status modem_status_balance_at(struct db *db, const char *name, time_t *at);

/* Up to max rows, by name; returns how many (-1 on error). */
int modem_status_list(struct db *db, struct modem_row *rows, int max);

struct queue_stats {
    int64_t queued, sending, sent, delivered, failed;
    int64_t retrying;         /* queued again after a failed attempt */
    char retry_error[200];    /* the most recent of their errors */
    long oldest_due_s;        /* how long the oldest due queued message has waited, 0 none */
    int64_t inbound, inbound_new, parts_waiting;
    int64_t received_today, sent_today;
};

/* Queue depths and counters for `talka status` (day_start: midnight, epoch s).
 * False when a read failed (q then holds what was read). */
bool modem_queue_stats(struct db *db, time_t now, time_t day_start, struct queue_stats *q);

/* The network took outbound message id: sent with its reference, and numbered in
 * the order of handing over. One transaction. */
bool modem_sent_record(struct db *db, int64_t id, const char *ref, time_t now);

/* The same for n messages at once (refs[i] for ids[i]), in one transaction. */
bool modem_sent_record_many(struct db *db, const int64_t *ids, const char *const *refs, int n,
                            time_t now);

/* Calls fn for each message handed to a modem, in that order. Returns how many,
 * -1 when the read failed. */
int modem_sent_each(struct db *db, void (*fn)(void *ctx, const char *recipient,
                                             const char *text), void *ctx);

/* Whether modem name is up and was last in contact at or after since: DB_FOUND,
 * DB_NONE, or DB_BUSY/DB_ERROR. */
enum db_status modem_status_up_since(struct db *db, const char *name, time_t since);

#endif
