/* backup.c: db_backup_to(), the copy behind `talka backup` (see backup.h). */
#include "db/backup.h"

#include <stdio.h>

/* 256 pages a step; a step that meets the writer's lock waits 50 ms and tries again */
static int copy_steps(sqlite3_backup *b)
{
    int s;
    do {
        s = sqlite3_backup_step(b, 256);
        if (s == SQLITE_BUSY || s == SQLITE_LOCKED)
            sqlite3_sleep(50);
    } while (s == SQLITE_OK || s == SQLITE_BUSY || s == SQLITE_LOCKED);
    return s;
}

enum db_status db_backup_to(struct db *db, const char *path, char *err, size_t errlen)
{
    sqlite3 *dst = NULL;
    enum db_status st = DB_ERROR;
    if (sqlite3_open(path, &dst) == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", db_handle(db), "main");
        if (b) {
            int s = copy_steps(b);
            sqlite3_backup_finish(b);
            if (s == SQLITE_DONE)
                st = DB_DONE;
        }
        if (st != DB_DONE)
            snprintf(err, errlen, "%s", sqlite3_errmsg(dst));
    } else {
        snprintf(err, errlen, "cannot create %s", path);
    }
    sqlite3_close(dst);
    return st;
}
