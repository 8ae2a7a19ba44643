/* audit.c: appends to the audit log. */
#include "db/audit.h"

bool audit(struct db *db, time_t now, const char *actor, const char *action,
           const char *subject, const char *detail)
{
    return db_run(db, "INSERT INTO audit_log (at, actor, action, subject, detail)"
                      " VALUES (?,?,?,?,?)", "itttt", (int64_t)now, actor, action, subject, detail);
}
