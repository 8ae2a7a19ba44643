/* cmd_volunteer.c: `talka volunteer show NUMBER`: what talka keeps about one
 * number (for staff answering a volunteer's question or a data request). */
#include "db/volunteer_record.h"
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
               "Exit status: 0 shown, 1 no such volunteer or the database cannot be read,\n"
               "2 usage or configuration error.\n");
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

static void print_message(void *ctx, const struct volunteer_text *m)
{
    int *n = ctx;
    char when[40];
    local_format(m->at, when, sizeof when);
    long off = local_offset(m->at);
    char status[96];
    snprintf(status, sizeof status, "%s%s%s", m->status, m->out ? " " : "", m->out ? m->delivery : "");
    printf("  %s %+03ld:%02ld  %-3s  ", when, off / 3600, labs(off) % 3600 / 60, m->out ? "out" : "in");
    cli_pad(stdout, status, 24);
    printf("  ");
    print_text(m->text, m->len);
    putchar('\n');
    (*n)++;
}

static bool show_messages(struct db *db, const struct volunteer *v)
{
    printf("\nmessages (oldest first, local time):\n");
    int n = 0;
    if (DB_FAILED(volunteer_texts(db, v->id, v->number, print_message, &n)))
        return false;
    if (!n)
        printf("  (none)\n");
    return true;
}

static void print_volunteer(const struct volunteer *v, const struct volunteer_counts *c)
{
    char created[32];
    strftime(created, sizeof created, "%Y-%m-%d %H:%M UTC", gmtime(&v->created_at));
    printf("number:      %s\nname:        %s\nlanguage:    %s\nreminders:   %s\nsince:       %s\n",
           v->number, v->name[0] ? v->name : "(none)", v->lang, v->opted_out ? "off (STOP)" : "on", created);
    printf("points:      %lld\n", (long long)c->points);
    printf("trees:       %lld accepted, %lld waiting for review, %lld cancelled\n",
           (long long)c->accepted, (long long)c->pending_review, (long long)c->cancelled);
    printf("texts:       %lld received\n", (long long)c->received);
    printf("sent:        %lld replies, %lld broadcasts, %lld notices and alerts\n",
           (long long)c->replies, (long long)c->broadcasts, (long long)c->notices);
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
    struct volunteer_counts c;
    rc = 0;
    if (volunteer_counts(a.db, v.id, v.number, &c) != DB_FOUND) {
        rc = 1;
    } else {
        print_volunteer(&v, &c);
        if (messages && !show_messages(a.db, &v))
            rc = 1;
    }
    if (rc)
        fprintf(stderr, "talka volunteer: cannot read the database\n");
    app_close(&a);
    return rc;
}
