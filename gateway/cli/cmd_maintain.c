/* cmd_maintain.c: `talka maintain`: applies the retention period now (the
 * daemon also does it once a day). */
#include "db/retention.h"
#include "gateway/base/clock.h"
#include "gateway/cli/cmd_maintain.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"

#include <stdio.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] maintain\n\n"
               "Deletes the raw text of handled messages (and sent replies) older than\n"
               "[talka] retention_days (0 or absent: keep forever). Plantings, points and\n"
               "totals stay. Exit status: 0 done, 1 database error, 2 configuration error.\n");
}

int cmd_maintain(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc != 1) {
        usage(stderr);
        return 2;
    }
    struct app a;
    int rc = app_open(&a, APP_DB);
    if (rc)
        return rc;
    long days = config_int(a.cfg, "talka", "retention_days");
    long n = retention_apply(a.db, clock_now(), days);
    if (n < 0)
        fprintf(stderr, "talka maintain: database error\n");
    else if (days <= 0)
        printf("retention is off ([talka] retention_days = 0): nothing deleted\n");
    else
        printf("cleared the raw text of %ld handled messages older than %ld days\n", n, days);
    app_close(&a);
    return n < 0 ? 1 : 0;
}
