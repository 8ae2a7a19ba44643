/* metrics.h: talka's figures for monitoring, read once and shown two ways: the
 * Prometheus text format (/metrics, metrics_service.c) and JSON (`talka status
 * --json`), so both always say the same. The families are listed in
 * docs/deploy.md ("Monitoring"). */
#ifndef TALKA_METRICS_H
#define TALKA_METRICS_H

#include "db/metrics.h"
#include "db/modem_status.h"
#include "gateway/core/transport.h"

#include <jansson.h>

struct metrics_snapshot {
    struct metric_figures f;
    struct modem_row links[TRANSPORT_MAX_LINKS];
    int nlinks;
};

/* Reads every figure: DB_FOUND, or DB_BUSY / DB_ERROR (show nothing then). */
enum db_status metrics_collect(struct db *db, struct metrics_snapshot *s);

/* The Prometheus text format (version 0.0.4), malloc'd; NULL when out of memory. */
char *metrics_prometheus(const struct metrics_snapshot *s);

/* The same figures as a JSON object: each family's name to its value, or for a
 * family with a label to an object of label value to value. */
json_t *metrics_json(const struct metrics_snapshot *s);

#endif
