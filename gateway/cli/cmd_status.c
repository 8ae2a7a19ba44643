/* cmd_status.c: `talka status`: each link, modem or Kannel (state, signal,
 * network, last contact, balance), the queues and today's counters, as the daemon last recorded them.
 * `talka status --check` is for monitoring systems: one line, exit 0 when all is
 * well, 1 when a modem has been down longer than [modem] down_after or the
 * outbound queue has not moved for [modem] stuck_after seconds. */
#include "db/modem_aside.h"
#include "db/modem_status.h"
#include "gateway/core/app.h"
#include "gateway/base/localtime.h"
#include "gateway/base/clock.h"
#include "gateway/cli/cmd_status.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/core/transport.h"
#include "gateway/metrics/metrics.h"

#include <jansson.h>
#include <stdlib.h>

#include <stdio.h>
#include <sys/stat.h>
#include <string.h>

#define MAX_ROWS 32

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] status [--check | --json]\n\n"
               "Shows each link, modem or Kannel (state, signal, network, last contact, SIM\n"
               "balance, SIM slots used, messages set aside because they were not texts; a\n"
               "Kannel link's device is its sendsms URL), the outbound queue (with sends\n"
               "waiting to be retried and why), inbound counters and parts of long texts\n"
               "still waiting.\n"
               "  --check  one line for monitoring: exit 1 when a modem has been down for\n"
               "           longer than [modem] down_after seconds (default 300) or the oldest\n"
               "           due outbound message has waited longer than [modem] stuck_after\n"
               "           (default 900), or the database (or its -wal or -shm file) is readable\n"
               "           by group or others\n"
               "           (others only, when [talka] group is set); exit 0 otherwise.\n"
               "  --json   the figures /metrics serves ([metrics] listen), one JSON object:\n"
               "           each family's name to its value, or to an object by label\n"
               "Exit status: 0 ok, 1 a problem (--check) or a database error, 2 usage or\n"
               "configuration error.\n");
}

static void ago(time_t now, time_t t, char *out, size_t len)
{
    if (!t) {
        snprintf(out, len, "never");
        return;
    }
    long d = (long)(now - t);
    if (d < 0)
        d = 0;
    if (d < 120)
        snprintf(out, len, "%ld s ago", d);
    else if (d < 7200)
        snprintf(out, len, "%ld min ago", d / 60);
    else if (d < 172800)
        snprintf(out, len, "%ld h ago", d / 3600);
    else
        snprintf(out, len, "%ld days ago", d / 86400);
}

/* configured link names, from the one table of configured links */
static int configured(const struct app *a, char names[][32], int max)
{
    struct transport_link links[TRANSPORT_MAX_LINKS];
    int n = transport_links(a->cfg, links, max < TRANSPORT_MAX_LINKS ? max : TRANSPORT_MAX_LINKS);
    for (int i = 0; i < n; i++)
        memcpy(names[i], links[i].name, sizeof links[i].name); /* both 32 bytes */
    return n;
}

static const struct modem_row *find(const struct modem_row *rows, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(rows[i].name, name))
            return &rows[i];
    return NULL;
}

static int check(const struct app *a, const struct modem_row *rows, int nrows,
                 char names[][32], int nnames, const struct queue_stats *q, time_t now)
{
    long down_after = config_int(a->cfg, "modem", "down_after");
    long stuck_after = config_int(a->cfg, "modem", "stuck_after");
    for (int i = 0; i < nnames; i++) {
        const struct modem_row *r = find(rows, nrows, names[i]);
        if (!r) {
            printf("CRITICAL: %s has never reported (is talka run running?)\n", names[i]);
            return 1;
        }
        if (strcmp(r->state, "up") != 0) {
            long d = (long)(now - r->since);
            if (d > down_after) {
                printf("CRITICAL: %s %s for %ld s%s%s\n", r->name, r->state, d,
                       r->last_error[0] ? ": " : "", r->last_error);
                return 1;
            }
        } else if (r->last_contact && now - r->last_contact > down_after) {
            printf("CRITICAL: %s no contact for %ld s (is talka run hung or stopped?)\n",
                   r->name, (long)(now - r->last_contact));
            return 1;
        }
    }
    if (q->oldest_due_s > stuck_after) {
        printf("CRITICAL: outbound queue stuck: %lld waiting, the oldest due for %ld s\n",
               (long long)q->queued, q->oldest_due_s);
        return 1;
    }
    int up = 0;
    for (int i = 0; i < nnames; i++) {
        const struct modem_row *r = find(rows, nrows, names[i]);
        up += r && !strcmp(r->state, "up");
    }
    /* personal data readable by others than talka (and its group, if one is set):
     * the WAL and shm files hold recent rows as much as the database file does */
    struct stat st;
    const char *group = config_str(a->cfg, "talka", "group");
    mode_t too_open = group && *group ? (S_IROTH | S_IWOTH) : (S_IRWXG | S_IRWXO);
    static const char *const tails[] = { "", "-wal", "-shm" };
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s%s", a->db_path, tails[i]);
        if (stat(path, &st) == 0 && (st.st_mode & too_open)) {
            printf("WARNING: the database%s %s is readable by %s (mode %03o): run chmod %s %s\n",
                   i ? " file" : "", path, group && *group ? "others" : "group or others",
                   (unsigned)(st.st_mode & 0777), group && *group ? "640" : "600", path);
            return 1;
        }
    }
    printf("OK: %d of %d modems up, %lld queued, %lld failed\n", up, nnames,
           (long long)q->queued, (long long)q->failed);
    return 0;
}

static void show(struct db *db, const struct modem_row *rows, int nrows, char names[][32],
                 int nnames, const struct queue_stats *q, time_t now)
{
    char t1[32], t2[32], t3[32];
    printf("links (modems and Kannel):\n");
    if (!nnames)
        printf("  (none configured: add a [gammu] or [kannel0] section)\n");
    for (int i = 0; i < nnames; i++) {
        const struct modem_row *r = find(rows, nrows, names[i]);
        if (!r) {
            printf("  %-8s never seen (is talka run running?)\n", names[i]);
            continue;
        }
        ago(now, r->since, t1, sizeof t1);
        ago(now, r->last_contact, t2, sizeof t2);
        printf("  %-8s %s since %s, last contact %s\n", r->name, r->state, t1, t2);
        printf("           device %s\n", r->device);
        if (r->signal >= 0 || r->network[0])
            printf("           signal %d%%, network %s\n", r->signal,
                   r->network[0] ? r->network : "unknown");
        if (r->balance_at) {
            ago(now, r->balance_at, t3, sizeof t3);
            printf("           balance %s (%s)%s\n", r->balance, t3,
                   r->balance_low ? "  LOW" : "");
        }
        if (r->has_skew && (r->clock_skew > 300 || r->clock_skew < -300))
            printf("           clock differs from the network by %ld s\n", r->clock_skew);
        int64_t aside = aside_count(db, r->name);
        if (r->sim_total > 0) {
            ago(now, r->sim_at, t3, sizeof t3);
            printf("           SIM %d of %d slots used (%s)", r->sim_used, r->sim_total, t3);
            if (aside > 0)
                printf(", %lld messages set aside (not texts)", (long long)aside);
            printf("\n");
        } else if (aside > 0) {
            printf("           %lld messages set aside (not texts)\n", (long long)aside);
        }
        if (r->reconnects)
            printf("           reconnects %d\n", r->reconnects);
        if (r->last_error[0] && strcmp(r->state, "up"))
            printf("           last error: %s\n", r->last_error);
    }
    printf("outbound: %lld queued, %lld sending, %lld sent, %lld delivered, %lld failed",
           (long long)q->queued, (long long)q->sending, (long long)q->sent,
           (long long)q->delivered, (long long)q->failed);
    if (q->oldest_due_s)
        printf(" (oldest due waiting %ld s)", q->oldest_due_s);
    if (q->retrying)
        printf("\n          %lld of them to be retried, last error: %s", (long long)q->retrying,
               q->retry_error);
    printf("\ninbound: %lld texts, %lld not handled yet, %lld parts of long texts waiting\n",
           (long long)q->inbound, (long long)q->inbound_new, (long long)q->parts_waiting);
    printf("today: %lld received, %lld sent\n", (long long)q->received_today,
           (long long)q->sent_today);
}

/* the figures of /metrics as one JSON object (gateway/metrics/metrics.c) */
static int show_json(struct db *db)
{
    struct metrics_snapshot *s = malloc(sizeof *s);
    if (!s || DB_FAILED(metrics_collect(db, s))) {
        free(s);
        fprintf(stderr, "talka status: cannot read the database\n");
        return 1;
    }
    json_t *j = metrics_json(s);
    free(s);
    char *out = j ? json_dumps(j, JSON_SORT_KEYS) : NULL;
    json_decref(j);
    if (!out) {
        fprintf(stderr, "talka status: out of memory\n");
        return 1;
    }
    printf("%s\n", out);
    free(out);
    return 0;
}

int cmd_status(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    bool want_check = false, want_json = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--check")) {
            want_check = true;
        } else if (!strcmp(argv[i], "--json")) {
            want_json = true;
        } else {
            usage(stderr);
            return 2;
        }
    }
    struct app a;
    int rc = app_open(&a, APP_DB);
    if (rc)
        return rc;
    if (want_json || want_check) {
        if (want_json && want_check) {
            usage(stderr);
            rc = 2;
        } else if (want_json) {
            rc = show_json(a.db);
        }
        if (want_json) {
            app_close(&a);
            return rc;
        }
    }
    time_t now = clock_now();
    time_t day_start = local_day_start(now);
    struct modem_row rows[MAX_ROWS];
    int nrows = modem_status_list(a.db, rows, MAX_ROWS);
    struct queue_stats q;
    char names[MAX_ROWS][32];
    int nnames = configured(&a, names, MAX_ROWS);
    if (nrows < 0 || !modem_queue_stats(a.db, now, day_start, &q)) {
        fprintf(stderr, "talka status: cannot read the database\n");
        app_close(&a);
        return 1;
    }
    if (want_check)
        rc = check(&a, rows, nrows, names, nnames, &q, now);
    else
        show(a.db, rows, nrows, names, nnames, &q, now);
    app_close(&a);
    return rc;
}
