/* cmd_backup.c: `talka backup FILE`: an online copy of the database with SQLite's
 * backup API, safe while the daemon runs (it copies in steps and yields). */
#include "gateway/cli/cmd_backup.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/base/log.h"

#include <stdio.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] backup FILE\n\n"
               "Copies the database to FILE while talka keeps running (SQLite online\n"
               "backup). FILE must not exist. Restore by stopping talka and putting FILE\n"
               "in place of the database.\n"
               "Exit status: 0 copied, 1 failed, 2 usage or configuration error.\n");
}

int cmd_backup(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc != 2) {
        usage(stderr);
        return 2;
    }
    if (access(argv[1], F_OK) == 0) {
        fprintf(stderr, "talka backup: %s exists; choose a new file\n", argv[1]);
        return 2;
    }
    struct app a;
    int rc = app_open(&a, APP_DB);
    if (rc)
        return rc;
    sqlite3 *dst = NULL;
    rc = 1;
    if (sqlite3_open(argv[1], &dst) == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", db_handle(a.db), "main");
        if (b) {
            int s;
            do {
                s = sqlite3_backup_step(b, 256);
                if (s == SQLITE_BUSY || s == SQLITE_LOCKED)
                    sqlite3_sleep(50);
            } while (s == SQLITE_OK || s == SQLITE_BUSY || s == SQLITE_LOCKED);
            sqlite3_backup_finish(b);
            if (s == SQLITE_DONE) {
                rc = 0;
                printf("backup written to %s\n", argv[1]);
            }
        }
        if (rc)
            fprintf(stderr, "talka backup: %s\n", sqlite3_errmsg(dst));
    } else {
        fprintf(stderr, "talka backup: cannot create %s\n", argv[1]);
    }
    sqlite3_close(dst);
    if (rc)
        unlink(argv[1]);
    app_close(&a);
    return rc;
}
