/* cmd_volunteer.c: `talka volunteer show NUMBER`: what talka keeps about one
 * number (for staff answering a volunteer's question or a data request). */
#include "db/plantings.h"
#include "db/volunteers.h"
#include "gateway/cli/cmd_volunteer.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/base/phone.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] volunteer show NUMBER\n\n"
               "Shows the volunteer with NUMBER (any form: 26000001, +37126000001, ...):\n"
               "name, language, opt-out, points, plantings and texts.\n"
               "Exit status: 0 shown, 1 no such volunteer, 2 usage or configuration error.\n");
}

int cmd_volunteer(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc != 3 || strcmp(argv[1], "show")) {
        usage(stderr);
        return 2;
    }
    char e164[40];
    if (phone_normalize(argv[2], e164, sizeof e164) != PHONE_E164) {
        fprintf(stderr, "talka volunteer: '%s' is not a phone number\n", argv[2]);
        return 2;
    }
    struct app a;
    int rc = app_open(&a, APP_DB);
    if (rc)
        return rc;
    struct volunteer v;
    if (!volunteer_find(a.db, e164, &v)) {
        fprintf(stderr, "talka volunteer: no volunteer with number %s\n", e164);
        app_close(&a);
        return 1;
    }
    char created[32];
    strftime(created, sizeof created, "%Y-%m-%d %H:%M UTC", gmtime(&v.created_at));
    printf("number:      %s\nname:        %s\nlanguage:    %s\nreminders:   %s\nsince:       %s\n",
           v.number, v.name[0] ? v.name : "(none)", v.lang, v.opted_out ? "off (STOP)" : "on", created);
    printf("points:      %lld\n", (long long)points_total(a.db, v.id));
    printf("trees:       %lld accepted, %lld waiting for review, %lld cancelled\n",
           (long long)db_int_or(a.db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE volunteer_id=? AND status='accepted'", "i", v.id),
           (long long)db_int_or(a.db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE volunteer_id=? AND status='pending_review'", "i", v.id),
           (long long)db_int_or(a.db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE volunteer_id=? AND status='cancelled'", "i", v.id));
    printf("texts:       %lld received, %lld replies\n",
           (long long)db_int_or(a.db, 0, "SELECT count(*) FROM inbound WHERE volunteer_id = ?", "i", v.id),
           (long long)db_int_or(a.db, 0, "SELECT count(*) FROM outbound WHERE recipient = ?", "t", v.number));
    app_close(&a);
    return 0;
}
