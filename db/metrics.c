/* metrics.c: metrics_read(), the database's part of /metrics (see metrics.h). */
#include "db/metrics.h"

#include "db/inbox.h"
#include "db/registry_queue.h"

#include <string.h>

static enum db_status read_counters(struct db *db, struct metric_figures *m)
{
    sqlite3_stmt *st = db_prep(db, "SELECT name, label, value FROM metric_counters"
                                   " ORDER BY name, label");
    struct db_rows rs = db_rows(db, st);
    while (db_row(&rs)) {
        if (m->ncounters == METRICS_MAX_COUNTERS)
            break;   /* outcomes are a short fixed list; the rest would be dropped */
        struct metric_counter *c = &m->counters[m->ncounters++];
        db_col_text(st, 0, c->name, sizeof c->name);
        db_col_text(st, 1, c->label, sizeof c->label);
        c->value = sqlite3_column_int64(st, 2);
    }
    return db_rows_end(&rs);
}

static enum db_status read_all(struct db *db, struct metric_figures *m)
{
    enum db_status s = read_counters(db, m);
    if (DB_FAILED(s))
        return s;
    s = db_figure(db, &m->outbound_queued, "SELECT count(*) FROM outbound WHERE state = 'queued'", "");
    if (DB_FAILED(s))
        return s;
    s = registry_queue_pending(db, &m->registry_pending);
    if (DB_FAILED(s))
        return s;
    s = db_figure(db, &m->askback_waiting,
                  "SELECT count(*) FROM awaiting_confirmation WHERE state = 'waiting'", "");
    if (DB_FAILED(s))
        return s;
    long long inbox = 0;
    s = db_inbox_unresolved(db, &inbox);
    m->inbox_unresolved = inbox;
    return s;
}

enum db_status metrics_read(struct db *db, struct metric_figures *m)
{
    memset(m, 0, sizeof *m);
    /* one snapshot: the counters and the gauges from the same moment */
    if (!db_exec(db, "BEGIN"))
        return DB_ERROR;
    enum db_status s = read_all(db, m);
    db_exec(db, "COMMIT");
    return DB_FAILED(s) ? s : DB_FOUND;
}
