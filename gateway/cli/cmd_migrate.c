/* cmd_migrate.c: `talka migrate`: creates the database or applies the migrations
 * this binary has and it lacks, and says which. The package's postinst runs it
 * after `talka backup` has copied the old schema, so that a failed migration is
 * met there (the old database left as it was, the service not started) and not
 * by the daemon in a restart loop. */
#include "gateway/cli/cmd_migrate.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] migrate [--pending]\n\n"
               "Creates the database when it is missing, or applies the schema\n"
               "migrations it lacks (all in one transaction: a failure leaves it as it\n"
               "was). Take a backup first (`talka backup FILE` never migrates).\n"
               "  --pending  only print how many migrations are pending (none applied)\n"
               "Exit status: 0 done, 1 failed, 2 usage or configuration error.\n");
}

/* the pending count of an existing database; -1 when it does not exist yet */
static int pending_of(int *rc)
{
    struct app a;
    *rc = app_open(&a, 0);
    if (*rc)
        return -1;
    char path[4096];
    config_path(a.cfg, "talka", "database", path, sizeof path);
    app_close(&a);
    if (access(path, F_OK) != 0)
        return -1;
    *rc = app_open(&a, APP_DB_AS_IS);
    if (*rc)
        return -1;
    int n = a.pending;
    app_close(&a);
    return n;
}

int cmd_migrate(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    bool only_count = argc == 2 && !strcmp(argv[1], "--pending");
    if (argc > 2 || (argc == 2 && !only_count)) {
        usage(stderr);
        return 2;
    }
    int rc;
    int pending = pending_of(&rc);
    if (rc)
        return rc;
    if (only_count) {
        printf("%d\n", pending < 0 ? db_schema_version() : pending);
        return 0;
    }
    if (pending == 0) {
        printf("database schema %d is current\n", db_schema_version());
        return 0;
    }
    struct app a;
    rc = app_open(&a, APP_DB);
    if (rc) {
        fprintf(stderr, "talka migrate: the database was left as it was\n");
        return rc;
    }
    app_close(&a);
    if (pending < 0)
        printf("database created at schema %d\n", db_schema_version());
    else
        printf("database upgraded to schema %d (%d migration%s)\n", db_schema_version(),
               pending, pending == 1 ? "" : "s");
    return 0;
}
