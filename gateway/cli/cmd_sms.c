/* cmd_sms.c: `talka sms`: runs the pipeline on the configured database as if a
 * text came from a number (channel sms, transport cli). The reply is queued like
 * any other and printed on stdout exactly as it will be sent. */
#include "gateway/base/clock.h"
#include "gateway/cli/cmd_sms.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/cli/wiring.h"
#include "gateway/base/log.h"
#include "gateway/core/pipeline.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
        "usage: talka [-c FILE] sms [--id TRANSPORT_ID] [--at TIME] FROM TEXT\n"
        "       talka [-c FILE] sms --stdin\n\n"
        "Handles TEXT as if it came from the number FROM, through the same pipeline as\n"
        "the modem: stored, parsed, counted, answered. The reply is queued (a running\n"
        "daemon sends it) and printed on stdout exactly as it will be sent; nothing is\n"
        "printed when no reply is due (flood, alphanumeric sender, duplicate id).\n"
        "Details (outcome, encoding, segments) go to stderr.\n\n"
        "  --id ID     the transport's message id: the same id is handled only once\n"
        "  --at TIME   when it was received: 'YYYY-MM-DD HH:MM[:SS]' (UTC), RFC 3339,\n"
        "              or Unix seconds (default: now)\n"
        "  --stdin     one text per line: ID<TAB>FROM<TAB>TEXT (ID may be empty; in TEXT\n"
        "              \\n is a line break, \\t a tab, \\\\ a backslash, \\0 and \\xHH bytes);\n"
        "              one output line per input line (the reply, or empty)\n\n"
        "Exit status: 0 when the text was handled (whatever the reply says), 1 on a\n"
        "database error, 2 on a usage or configuration error.\n");
}

/* Unix seconds from the --at forms; -1 when unreadable. */
static time_t parse_at(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s && !*end)
        return (time_t)v;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    int off_h = 0, off_m = 0;
    char sep = 0, sign = 0;
    int n = sscanf(s, "%d-%d-%d%c%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &sep,
                   &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
    if (n < 6 || (sep != ' ' && sep != 'T'))
        return -1;
    /* an RFC 3339 offset after the time: +03:00, -01:00 or Z */
    const char *p = strlen(s) > 16 ? strpbrk(s + 16, "+-Z") : NULL;
    if (p && *p != 'Z' && sscanf(p, "%c%d:%d", &sign, &off_h, &off_m) >= 2) {
        off_m += off_h * 60;
        if (sign == '-')
            off_m = -off_m;
    } else {
        off_m = 0;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm) - off_m * 60;
}

static void report(const struct pipeline_outcome *o)
{
    if (o->already_handled) {
        fprintf(stderr, "inbound %lld: already handled (%s); nothing changed\n",
                (long long)o->inbound_id, o->outcome);
        return;
    }
    fprintf(stderr, "inbound %lld: %s", (long long)o->inbound_id, o->outcome);
    if (o->nplantings)
        fprintf(stderr, ", %d planting(s), points %ld", o->nplantings, o->points_total);
    if (o->reply_due && o->outbound_id)
        fprintf(stderr, "; reply %s, %d segment(s), %d units, queued as outbound %lld\n",
                sms_encoding_name(o->reply_info.encoding), o->reply_info.segments,
                o->reply_info.units, (long long)o->outbound_id);
    else
        fprintf(stderr, "; no reply\n");
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* In place: \n \t \\ \0 and \xHH; returns the length (the text may hold NULs). */
static size_t unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            if (*p == 'x' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
                *o++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
                p += 2;
            } else {
                *o++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == '0' ? '\0' : *p;
            }
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return (size_t)(o - s);
}

#define BATCH 64

/* Texts from stdin are stored in batches (one commit for up to 64 raw texts, all
 * committed before any of them is handled), then handled together in one more
 * transaction (pipeline_process_many), as a modem burst would be. */
static int run_stdin(struct pipeline *p, struct db *db)
{
    char *lines[BATCH] = { 0 };
    size_t caps[BATCH] = { 0 };
    int rc = 0;
    bool eof = false;
    while (!eof) {
        struct inbound_msg in[BATCH];
        int64_t ids[BATCH];
        bool bad[BATCH] = { false };
        int n = 0;
        while (n < BATCH) {
            ssize_t len = getline(&lines[n], &caps[n], stdin);
            if (len < 0) {
                eof = true;
                break;
            }
            char *line = lines[n];
            if (len > 0 && line[len - 1] == '\n')
                line[--len] = '\0';
            char *id = line, *from = strchr(line, '\t'), *text = from ? strchr(from + 1, '\t') : NULL;
            if (!from || !text) {
                bad[n++] = true;
                continue;
            }
            *from++ = '\0';
            *text++ = '\0';
            size_t tlen = unescape(text);
            struct inbound_msg m = { "sms", "cli", *id ? id : NULL, from, text, tlen,
                                     clock_now(), NULL, NULL };
            in[n++] = m;
        }
        if (n == 0)
            break;
        bool stored = db_begin(db);
        for (int i = 0; i < n && stored; i++) {
            bool existed;
            if (!bad[i])
                stored = pipeline_store(p, db, &in[i], &ids[i], &existed);
        }
        if (!stored || !db_commit(db)) {
            db_rollback(db);
            fprintf(stderr, "talka sms: could not store texts (database error)\n");
            rc = 1;
            break;
        }
        int64_t good[BATCH];
        int ngood = 0;
        for (int i = 0; i < n; i++)
            if (!bad[i])
                good[ngood++] = ids[i];
        struct pipeline_outcome outs[BATCH];
        if (ngood && !pipeline_process_many(p, db, good, ngood, 0, outs))
            rc = 1;
        for (int i = 0, k = 0; i < n; i++) {
            if (bad[i]) {
                fprintf(stderr, "talka sms: skipping a line without ID<TAB>FROM<TAB>TEXT\n");
                putchar('\n');
                continue;
            }
            const struct pipeline_outcome *o = &outs[k++];
            printf("%s\n", o->outbound_id ? o->reply : "");
        }
        fflush(stdout);
    }
    for (int i = 0; i < BATCH; i++)
        free(lines[i]);
    return rc;
}

int cmd_sms(int argc, char **argv)
{
    static const struct option opts[] = {
        { "id", required_argument, NULL, 'i' }, { "at", required_argument, NULL, 'a' },
        { "stdin", no_argument, NULL, 's' }, { "help", no_argument, NULL, 'h' }, { 0, 0, 0, 0 },
    };
    const char *id = NULL;
    time_t at = 0;
    int from_stdin = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (c) {
        case 'i': id = optarg; break;
        case 'a':
            at = parse_at(optarg);
            if (at == (time_t)-1) {
                fprintf(stderr, "talka sms: cannot read time '%s'\n", optarg);
                return 2;
            }
            break;
        case 's': from_stdin = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if ((!from_stdin && argc - optind != 2) || (from_stdin && argc != optind)) {
        usage(stderr);
        return 2;
    }
    struct app a;
    struct pipeline *p;
    int rc = wiring_open_pipeline(&a, &p);
    if (rc)
        return rc;
    if (from_stdin) {
        rc = run_stdin(p, a.db);
    } else {
        const char *text = argv[optind + 1];
        struct inbound_msg in = { "sms", "cli", id, argv[optind], text, strlen(text),
                                  at ? at : clock_now(), NULL, NULL };
        struct pipeline_outcome o;
        if (!pipeline_handle(p, a.db, &in, 0, &o)) {
            fprintf(stderr, "talka sms: the text could not be handled (database error)\n");
            rc = 1;
        } else {
            report(&o);
            if (o.outbound_id)
                printf("%s\n", o.reply);
        }
    }
    pipeline_free(p);
    app_close(&a);
    return rc;
}
