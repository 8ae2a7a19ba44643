/* cmd_backup.c: `talka backup FILE`: an online copy of the database with SQLite's
 * backup API, safe while the daemon runs (it copies in steps and yields). */
#include "gateway/cli/cmd_backup.h"

#include "db/backup.h"

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
               "in place of the database. The database is copied as it is: never\n"
               "created and never migrated, so a backup taken by a newer talka before\n"
               "an upgrade holds the old schema (`talka migrate` upgrades it).\n"
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
    int rc = app_open(&a, APP_DB_AS_IS);
    if (rc)
        return rc;
    char err[512];
    rc = 1;
    if (db_backup_to(a.db, argv[1], err, sizeof err) == DB_DONE) {
        rc = 0;
        printf("backup written to %s\n", argv[1]);
    } else {
        fprintf(stderr, "talka backup: %s\n", err);
    }
    if (rc)
        unlink(argv[1]);
    app_close(&a);
    return rc;
}
