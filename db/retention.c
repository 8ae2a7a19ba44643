/* retention.c: clears old raw texts of handled messages (see retention.h). */
#include "db/retention.h"

long retention_apply(struct db *db, time_t now, long days)
{
    if (days <= 0)
        return 0;
    int64_t cutoff = (int64_t)now - (int64_t)days * 86400;
    if (!db_run(db, "UPDATE inbound SET text = X'', meta = NULL WHERE state = 'handled'"
                    " AND received_at < ? AND length(text) > 0", "i", cutoff))
        return -1;
    long n = db_changes(db);
    if (!db_run(db, "UPDATE outbound SET text = '' WHERE state IN ('sent', 'delivered', 'failed',"
                    " 'cancelled') AND created_at < ? AND text != ''", "i", cutoff))
        return -1;
    return n;
}
