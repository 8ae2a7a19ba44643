/* metrics.h: the figures /metrics and `talka status --json` show that live in
 * the database: the counters of 020_metrics (kept by triggers, never going
 * backwards) and the gauges read at the moment (queue, registry, ask-back). The
 * links' figures come from modem_status_list(). */
#ifndef TALKA_DB_METRICS_H
#define TALKA_DB_METRICS_H

#include "db/db.h"

#include <stdint.h>

#define METRICS_MAX_COUNTERS 96

struct metric_counter {
    char name[32];      /* texts_received, texts_sent, parse_outcomes, ussd_sessions */
    char label[64];     /* the kind or outcome; "" for none */
    int64_t value;
};

struct metric_figures {
    struct metric_counter counters[METRICS_MAX_COUNTERS];
    int ncounters;
    int64_t outbound_queued;    /* outbound rows waiting to be sent */
    int64_t registry_pending;   /* records not yet accepted by the registry */
    int64_t askback_waiting;    /* reports waiting for their sender's JĀ or NĒ */
    int64_t inbox_unresolved;   /* texts in the dashboard's inbox nobody has resolved */
};

/* Fills m in one read transaction: DB_FOUND, or DB_BUSY / DB_ERROR (m then
 * incomplete: a caller shows no figure from it). */
enum db_status metrics_read(struct db *db, struct metric_figures *m);

#endif
