/* registry_queue.c: counts and whole-batch changes of the registry queue (see
 * registry_queue.h). */
#include "db/registry_queue.h"

#include "db/aggregate.h"

enum db_status registry_queue_pending(struct db *db, int64_t *out)
{
    return db_count_status(db_int(db, out,
                                  "SELECT count(*) FROM registry_records WHERE state = 'queued'"
                                  " AND (batch_id IS NULL OR batch_id IN"
                                  " (SELECT batch_id FROM registry_batches WHERE state = 'open'))", ""));
}

enum db_status registry_batch_unanswered(struct db *db, const char *batch_id, int64_t *out)
{
    return db_count_status(db_int(db, out,
                                  "SELECT count(*) FROM registry_records WHERE batch_id = ?"
                                  " AND state = 'queued'", "t", batch_id));
}

bool registry_batch_reject_all(struct db *db, const char *batch_id, const char *why, time_t now,
                               int *changed)
{
    bool ok = db_run(db,
                     "UPDATE registry_records SET state = 'rejected', reason = ?, done_at = ?"
                     " WHERE batch_id = ? AND state = 'queued'",
                     "tit", why, (int64_t)now, batch_id);
    *changed = ok ? db_changes(db) : 0;
    return ok;
}

bool registry_batch_delete(struct db *db, const char *batch_id)
{
    return db_run(db, "DELETE FROM registry_batches WHERE batch_id = ?", "t", batch_id);
}
