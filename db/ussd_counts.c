/* ussd_counts.c: USSD usage figures for the health page (see ussd_counts.h). */
#include "db/ussd_counts.h"

#include <string.h>

enum db_status ussd_counts(struct db *db, int64_t day_start, int64_t active_since,
                           struct ussd_counts *c)
{
    memset(c, 0, sizeof *c);
    enum db_status s = db_int(db, &c->sessions_today,
                              "SELECT count(*) FROM ussd_sessions WHERE created_at >= ?", "i",
                              day_start);
    if (!DB_FAILED(s))
        s = db_int(db, &c->active,
                   "SELECT count(*) FROM ussd_sessions WHERE updated_at >= ? AND ended = 0", "i",
                   active_since);
    if (!DB_FAILED(s))
        s = db_int(db, &c->reports_today, "SELECT count(*) FROM inbound"
                                          " WHERE received_at >= ? AND channel = 'ussd'", "i",
                   day_start);
    return DB_FAILED(s) ? s : DB_FOUND;
}
