/* audit_page.c: the journal's reads (see audit_page.h). */
#include "db/audit_page.h"

enum db_status audit_entries(struct db *db, const struct audit_filter *f, int64_t before, int limit,
                             int (*row)(const struct audit_entry *, void *), void *arg)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT id, at, actor, action, coalesce(subject, ''), coalesce(detail, '') FROM audit_log"
        " WHERE (?1 = '' OR actor = ?1) AND (?2 = '' OR action = ?2) AND at >= ?3 AND at < ?4"
        " AND id < ?5 ORDER BY id DESC LIMIT ?6");
    int rc = st ? db_bind(st, "ttiiiI", f->actor ? f->actor : "", f->action ? f->action : "",
                          f->from, f->until > 0 ? f->until : INT64_MAX,
                          before > 0 ? before : INT64_MAX, limit)
                : SQLITE_ERROR;
    struct db_rows r = db_rows_bound(db, st, rc);
    while (db_row(&r)) {
        struct audit_entry e = {
            .id = sqlite3_column_int64(st, 0),
            .at = sqlite3_column_int64(st, 1),
            .actor = db_col_str(st, 2),
            .action = db_col_str(st, 3),
            .subject = db_col_str(st, 4),
            .detail = db_col_str(st, 5),
        };
        if (row(&e, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status audit_names(struct db *db, bool actions, int (*row)(const char *, void *), void *arg)
{
    sqlite3_stmt *st = actions ? db_prep(db, "SELECT DISTINCT action FROM audit_log ORDER BY 1")
                               : db_prep(db, "SELECT DISTINCT actor FROM audit_log ORDER BY 1");
    struct db_rows r = db_rows(db, st);
    while (db_row(&r))
        if (row(db_col_str(st, 0), arg))
            break;
    return db_rows_end(&r);
}
