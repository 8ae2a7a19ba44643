/* cmd_volunteer.c: `talka volunteer show NUMBER`: what talka keeps about one
 * number (for staff answering a volunteer's question or a data request). */
#include "db/plantings.h"
#include "db/volunteers.h"
#include "gateway/cli/cmd_volunteer.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/base/phone.h"

#include "gateway/base/localtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] volunteer show NUMBER [--messages]\n\n"
               "Shows the volunteer with NUMBER (any form: 26000001, +37126000001, ...):\n"
               "name, language, opt-out, points, plantings, texts received and what was\n"
               "sent to them (replies, broadcasts and staff notices counted apart).\n"
               "--messages lists the conversation, oldest first, in local time: each text\n"
               "in (with what talka made of it) and out (its kind and delivery state).\n"
               "Exit status: 0 shown, 1 no such volunteer, 2 usage or configuration error.\n");
}

/* one line of text: line breaks and tabs shown as \n and \t */
static void print_text(const unsigned char *s, int n)
{
    for (int i = 0; i < n; i++) {
        if (s[i] == '\n')
            fputs("\\n", stdout);
        else if (s[i] == '\t')
            fputs("\\t", stdout);
        else if (s[i] == '\r')
            fputs("\\r", stdout);
        else if (s[i] < 0x20)
            printf("\\x%02x", s[i]);
        else
            putchar(s[i]);
    }
}

static int show_messages(struct db *db, const struct volunteer *v)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT received_at AS t, 0 AS dir, id, coalesce(outcome, state), '', text FROM inbound"
        " WHERE volunteer_id = ?"
        " UNION ALL SELECT created_at, 1, id, kind, state || CASE WHEN delivered_at IS NOT NULL"
        " AND state != 'delivered' THEN ', delivered' ELSE '' END, text FROM outbound"
        " WHERE recipient = ? ORDER BY t, dir, id");
    if (!st)
        return 1;
    db_bind(st, "it", v->id, v->number);
    printf("\nmessages (oldest first, local time):\n");
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        time_t t = (time_t)sqlite3_column_int64(st, 0);
        char when[40];
        local_format(t, when, sizeof when);
        long off = local_offset(t);
        bool out = sqlite3_column_int(st, 1);
        char status[96];
        snprintf(status, sizeof status, "%s%s%s", (const char *)sqlite3_column_text(st, 3),
                 out ? " " : "", out ? (const char *)sqlite3_column_text(st, 4) : "");
        printf("  %s %+03ld:%02ld  %-3s  ", when, off / 3600, labs(off) % 3600 / 60,
               out ? "out" : "in");
        cli_pad(stdout, status, 24);
        printf("  ");
        print_text(sqlite3_column_text(st, 5), sqlite3_column_bytes(st, 5));
        putchar('\n');
        n++;
    }
    sqlite3_reset(st);
    if (!n)
        printf("  (none)\n");
    return 0;
}

int cmd_volunteer(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    bool messages = argc == 4 && !strcmp(argv[3], "--messages");
    if ((argc != 3 && !messages) || strcmp(argv[1], "show")) {
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
    enum db_status found = volunteer_find(a.db, e164, &v);
    if (found != DB_FOUND) {
        if (DB_FAILED(found))
            fprintf(stderr, "talka volunteer: cannot read the database\n");
        else
            fprintf(stderr, "talka volunteer: no volunteer with number %s\n", e164);
        app_close(&a);
        return 1;
    }
    char created[32];
    strftime(created, sizeof created, "%Y-%m-%d %H:%M UTC", gmtime(&v.created_at));
    printf("number:      %s\nname:        %s\nlanguage:    %s\nreminders:   %s\nsince:       %s\n",
           v.number, v.name[0] ? v.name : "(none)", v.lang, v.opted_out ? "off (STOP)" : "on", created);
    int64_t points = 0;
    if (points_total(a.db, v.id, &points) == DB_FOUND)
        printf("points:      %lld\n", (long long)points);
    else
        printf("points:      -\n");
    printf("trees:       %lld accepted, %lld waiting for review, %lld cancelled\n",
           (long long)db_int_or(a.db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE volunteer_id=? AND status='accepted'", "i", v.id),
           (long long)db_int_or(a.db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE volunteer_id=? AND status='pending_review'", "i", v.id),
           (long long)db_int_or(a.db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE volunteer_id=? AND status='cancelled'", "i", v.id));
    printf("texts:       %lld received\n",
           (long long)db_int_or(a.db, 0, "SELECT count(*) FROM inbound WHERE volunteer_id = ?", "i", v.id));
    printf("sent:        %lld replies, %lld broadcasts, %lld notices and alerts\n",
           (long long)db_int_or(a.db, 0, "SELECT count(*) FROM outbound WHERE recipient = ?"
                                         " AND kind IN ('reply', 'final')", "t", v.number),
           (long long)db_int_or(a.db, 0, "SELECT count(*) FROM outbound WHERE recipient = ?"
                                         " AND kind = 'broadcast'", "t", v.number),
           (long long)db_int_or(a.db, 0, "SELECT count(*) FROM outbound WHERE recipient = ?"
                                         " AND kind NOT IN ('reply', 'final', 'broadcast')", "t", v.number));
    rc = messages ? show_messages(a.db, &v) : 0;
    app_close(&a);
    return rc;
}
