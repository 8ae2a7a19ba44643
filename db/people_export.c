/* people_export.c: the rows of the dashboard's volunteer and message exports
 * (see people_export.h). */
#include "db/people_export.h"
#include "db/plantings.h"

enum db_status export_volunteer_rows(struct db *db,
                                     int (*row)(const struct volunteer_export *, void *), void *arg)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT v.number, coalesce(v.name, ''), v.lang, v.opted_out, " SQL_POINTS_OF("v.id") ","
        " coalesce((SELECT p.municipality FROM plantings p WHERE p.volunteer_id = v.id"
        "   AND p.status = 'accepted' AND p.municipality IS NOT NULL"
        "   GROUP BY p.municipality ORDER BY sum(p.count) DESC, p.municipality LIMIT 1), '')"
        " FROM volunteers v WHERE v.erased_at IS NULL ORDER BY v.id");
    struct db_rows r = db_rows(db, st);
    while (db_row(&r)) {
        struct volunteer_export e = {
            .number = db_col_str(st, 0),
            .name = db_col_str(st, 1),
            .lang = db_col_str(st, 2),
            .opted_out = sqlite3_column_int(st, 3) != 0,
            .points = sqlite3_column_int64(st, 4),
            .municipality = db_col_str(st, 5),
        };
        if (row(&e, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status export_message_rows(struct db *db,
                                   int (*row)(const struct message_export *, void *), void *arg)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT * FROM (SELECT i.received_at, 'in', coalesce(v.number, i.sender_e164, ''),"
        "   CAST(i.text AS TEXT), i.channel, coalesce(i.outcome, ''), i.id"
        "   FROM inbound i LEFT JOIN volunteers v ON v.id = i.volunteer_id"
        "   WHERE v.erased_at IS NULL"
        " UNION ALL SELECT o.created_at, 'out', o.recipient, o.text, o.kind, o.state, o.id"
        "   FROM outbound o WHERE o.recipient LIKE '+%')"
        " ORDER BY 1, 2, 7");
    struct db_rows r = db_rows(db, st);
    while (db_row(&r)) {
        struct message_export e = {
            .at = sqlite3_column_int64(st, 0),
            .in = db_col_str(st, 1)[0] == 'i',
            .number = db_col_str(st, 2),
            .text = db_col_str(st, 3),
            .kind = db_col_str(st, 4),
            .state = db_col_str(st, 5),
        };
        if (row(&e, arg))
            break;
    }
    return db_rows_end(&r);
}
