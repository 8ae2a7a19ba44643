/* cmd_broadcast.c: `talka broadcast create | list | show ID | cancel ID`: reminder
 * broadcasts from the command line (docs/broadcasts.md). The daemon's broadcast
 * service releases them into the outbound queue. */
#include "gateway/cli/cmd_broadcast.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"

#include "db/audit.h"
#include "db/broadcast.h"
#include "gateway/core/broadcast_create.h"
#include "gateway/core/broadcast_progress.h"
#include "gateway/base/localtime.h"
#include "gateway/base/clock.h"
#include "gateway/base/lang.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f,
        "usage: talka [-c FILE] broadcast create [--to SEGMENT] [--municipality NAME]...\n"
        "                      [--lang lv|ru|en] [--since DATE] --text TEXT [--text-ru TEXT]\n"
        "                      [--text-en TEXT] [--at TIME] [--name NAME] [--yes] [--force]\n"
        "       talka [-c FILE] broadcast list\n"
        "       talka [-c FILE] broadcast show ID\n"
        "       talka [-c FILE] broadcast cancel ID\n\n"
        "Who gets it: every condition given (default: everyone who has not opted out).\n"
        "  --municipality NAME  lives in or reported a planting in NAME's municipality;\n"
        "                       repeat it (or NAME,NAME) for any of several\n"
        "  --lang L             the volunteer's language: lv, ru or en\n"
        "  --since DATE         reported a planting since DATE (YYYY-MM-DD, local)\n"
        "  --to SEGMENT         the segment language, AND-ed with the options above:\n"
        "    all | municipality:NAME[,NAME] | lang:L | active:DATE | inactive:DATE |\n"
        "    species:ID, joined by '&' (municipality:Cēsis,Valmiera & lang:ru), or\n"
        "    file:PATH alone (a CSV of phone numbers; rows that are no number are listed)\n"
        "TEXT may use {name}, {points} and {municipality_total}. --text is Latvian;\n"
        "volunteers whose language is Russian or English get --text-ru / --text-en when\n"
        "given, else the Latvian text. The preview shows segments per language.\n"
        "TIME: 'YYYY-MM-DD HH:MM' in [broadcast] timezone, or RFC 3339 with an offset.\n\n"
        "create counts the recipients, the SMS segments of every copy and the time to\n"
        "send, then queues it when --yes is given (or confirmed on a terminal); the new\n"
        "id is the first line of its output. Copies over 2 segments are refused unless\n"
        "--force. Opted-out numbers never receive broadcasts; quiet hours and daily caps\n"
        "come from [broadcast].\n"
        "Exit status: 0 done, 1 failed, refused or not confirmed (or no such broadcast),\n"
        "2 usage or configuration error.\n");
}

static bool parse_id(const char *s, int64_t *id)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || v <= 0 || end == s)
        return false;
    *id = v;
    return true;
}

/* "2026-05-15 13:00 +03:00": local time with its UTC offset */
static void local_with_offset(time_t t, char *out, size_t len)
{
    char when[32];
    local_format(t, when, sizeof when);
    long off = local_offset(t);
    int n = snprintf(out, len, "%s %+03d:%02d", when, (int)(off / 3600),
                     (int)(labs(off) % 3600 / 60));
    assert(n > 0 && (size_t)n < len);  /* callers pass 48 bytes; this is 23 */
}

static void print_summary(const struct send_policy *pol, const struct broadcast_plan *plan,
                          const char *to)
{
    char seg[256], eta[128], from[48], done[48], dur[48];
    broadcast_stats_format(&plan->stats, seg, sizeof seg);
    /* the time range and the duration from the same whole minutes, so they agree */
    time_t start = plan->start - plan->start % 60;
    time_t end = plan->start + plan->eta_s;
    end += (60 - end % 60) % 60;
    if (end <= start)
        end = start + 60;
    local_with_offset(start, from, sizeof from);
    local_with_offset(end, done, sizeof done);
    broadcast_format_duration((long)(end - start), dur, sizeof dur);
    int nl = pol->nlinks > 0 ? pol->nlinks : 1;
    snprintf(eta, sizeof eta, "about %s at %ld parts/min over %d modem%s", dur, plan->per_min, nl,
             nl == 1 ? "" : "s");
    char said[1024];
    segment_describe(&plan->seg, said, sizeof said);  /* what a typo was matched to */
    printf("to: %s", said);
    if (strcmp(said, "all") && strcmp(plan->seg.kind, "file"))
        printf(" (you wrote '%s')", to);
    printf("\nrecipients: %ld", plan->stats.recipients);
    if (plan->opted_out)
        printf(" (%ld listed numbers opted out: left out)", plan->opted_out);
    printf("\nsegments: %s\n", seg);
    /* per text: who gets which language, and what it costs */
    for (int l = 0; l < LANG_COUNT; l++) {
        if (!plan->by_lang[l].recipients)
            continue;
        char ls[256];
        broadcast_stats_format(&plan->by_lang[l], ls, sizeof ls);
        printf("  %s%s: %ld recipients, %s\n", lang_code((enum lang)l),
               l == LANG_LV ? " (and everyone without their own text)" : "",
               plan->by_lang[l].recipients, ls);
    }
    printf("eta: %s; from %s to about %s (%s)\n", eta, from, done, localtime_zone());
    printf("limits: quiet hours %s, daily cap %s\n", pol->quiet ? pol->quiet_text : "none",
           pol->daily_cap > 0 ? "set" : "none");
    if (plan->seg.nbad)
        printf("bad rows: %zu (not texted, listed on stderr)\n", plan->seg.nbad);
}

static bool confirm(void)
{
    if (!isatty(0) || !isatty(2))
        return false;
    fprintf(stderr, "Queue this broadcast? [y/N] ");
    char line[16];
    if (!fgets(line, sizeof line, stdin))
        return false;
    return line[0] == 'y' || line[0] == 'Y';
}

/* --at into *send_at; false (said why) when it cannot be read or is past. */
static bool parse_at(const char *at, time_t now, time_t *send_at)
{
    *send_at = local_parse_time(at);
    if (*send_at == (time_t)-1) {
        fprintf(stderr, "talka broadcast create: --at '%s': use 'YYYY-MM-DD HH:MM' (%s) or"
                        " RFC 3339 with an offset\n", at, localtime_zone());
        return false;
    }
    if (*send_at < now - 60) {  /* the current minute still counts as now */
        char n[48];
        local_with_offset(now, n, sizeof n);
        fprintf(stderr, "talka broadcast create: --at '%s' is in the past (now: %s); leave"
                        " --at out to send now\n", at, n);
        return false;
    }
    return true;
}

static void add_to_list(char *list, size_t len, const char *item)
{
    size_t l = strlen(list);
    snprintf(list + l, len - l, "%s%s", l ? "," : "", item);
}

/* --to and the audience options as one segment spec (terms joined by '&') */
static bool audience_spec(const char *to, const char *munis, const char *lang, const char *since,
                          char *spec, size_t len)
{
    if (to && !strncmp(to + strspn(to, " \t"), "file:", 5) && (*munis || lang || since)) {
        fprintf(stderr, "talka broadcast create: --to file: cannot be combined with"
                        " --municipality, --lang or --since\n");
        return false;
    }
    size_t n = (size_t)snprintf(spec, len, "%s", to ? to : (*munis || lang || since) ? "" : "all");
    if (*munis)
        n += (size_t)snprintf(spec + n, n < len ? len - n : 0, "%smunicipality:%s", n ? " & " : "", munis);
    if (lang)
        n += (size_t)snprintf(spec + n, n < len ? len - n : 0, "%slang:%s", n ? " & " : "", lang);
    if (since)
        n += (size_t)snprintf(spec + n, n < len ? len - n : 0, "%sactive:%s", n ? " & " : "", since);
    if (n >= len) {
        fprintf(stderr, "talka broadcast create: the audience is too long\n");
        return false;
    }
    return true;
}

static int create(struct app *a, const struct send_policy *pol, int argc, char **argv)
{
    const char *to = NULL, *text = NULL, *text_ru = NULL, *text_en = NULL, *at = NULL,
               *name = NULL, *lang = NULL, *since = NULL;
    char munis[400] = "";
    bool yes = false, force = false;
    for (int i = 2; i < argc; i++) {
        const char *o = argv[i];
        bool has_arg = i + 1 < argc;
        if (!strcmp(o, "--to") && has_arg) to = argv[++i];
        else if (!strcmp(o, "--municipality") && has_arg) add_to_list(munis, sizeof munis, argv[++i]);
        else if (!strcmp(o, "--lang") && has_arg) lang = argv[++i];
        else if (!strcmp(o, "--since") && has_arg) since = argv[++i];
        else if (!strcmp(o, "--text") && has_arg) text = argv[++i];
        else if (!strcmp(o, "--text-ru") && has_arg) text_ru = argv[++i];
        else if (!strcmp(o, "--text-en") && has_arg) text_en = argv[++i];
        else if (!strcmp(o, "--at") && has_arg) at = argv[++i];
        else if (!strcmp(o, "--name") && has_arg) name = argv[++i];
        else if (!strcmp(o, "--yes")) yes = true;
        else if (!strcmp(o, "--force")) force = true;
        else {
            fprintf(stderr, "talka broadcast: unexpected '%s'\n", o);
            usage(stderr);
            return 2;
        }
    }
    char spec[1024];
    if (!text)
        fprintf(stderr, "talka broadcast create: --text is required\n");
    if (!text || !audience_spec(to, munis, lang, since, spec, sizeof spec))
        return 2;
    time_t now = clock_now();
    time_t send_at = 0;
    if (at && !parse_at(at, now, &send_at))
        return 2;
    char actor[96], err[512] = "";
    cli_operator(actor, sizeof actor);
    to = spec;
    struct broadcast_request req = { .segment = to, .text = text, .text_ru = text_ru,
                                     .text_en = text_en, .name = name,
                                     .send_at = send_at, .force = force, .actor = actor };
    struct broadcast_plan plan;
    int r = broadcast_plan(a->db, a->lex, pol, &req, now, &plan, err, sizeof err);
    for (size_t i = 0; i < plan.seg.nbad; i++)
        fprintf(stderr, "talka broadcast: %s: %s\n", plan.seg.value, plan.seg.bad[i]);
    if (r != PLAN_OK) {
        fprintf(stderr, "talka broadcast create: %s\n", err);
        broadcast_plan_free(&plan);
        return r == PLAN_BAD ? 2 : 1;
    }
    if (plan.stats.recipients == 0) {
        fprintf(stderr, "talka broadcast create: the segment '%s' has no recipients\n", to);
        broadcast_plan_free(&plan);
        return 1;
    }
    if (!yes && !confirm()) {
        printf("preview (not queued)\n");
        print_summary(pol, &plan, to);
        fprintf(stderr, "talka broadcast create: not queued; add --yes to queue it\n");
        broadcast_plan_free(&plan);
        return 1;
    }
    int64_t id = broadcast_commit(a->db, &req, &plan, true, now, err, sizeof err);
    if (!id) {
        fprintf(stderr, "talka broadcast create: %s\n", err);
        broadcast_plan_free(&plan);
        return 1;
    }
    char subject[32], detail[160];
    snprintf(subject, sizeof subject, "broadcast:%lld", (long long)id);
    char said[1024];
    segment_describe(&plan.seg, said, sizeof said);
    snprintf(detail, sizeof detail, "%.100s, %ld recipients", said, plan.stats.recipients);
    audit(a->db, now, actor, "broadcast_create", subject, detail);
    printf("%lld\n", (long long)id);
    print_summary(pol, &plan, to);
    broadcast_plan_free(&plan);
    return 0;
}

/* The state as staff would say it; "sending" held by quiet hours is
 * "paused until 09:00". */
static const char *progress_state(const struct send_policy *pol, const struct broadcast_row *b,
                                  const struct broadcast_counts *c, time_t now, char *buf,
                                  size_t len)
{
    time_t until;
    enum broadcast_progress bp = broadcast_progress(pol, b, c, now, &until);
    if (bp == BP_PAUSED) {
        char u[32];
        local_format(until, u, sizeof u);
        snprintf(buf, len, "paused until %s", u + 11);
        return buf;
    }
    return broadcast_progress_name(bp);
}

static int list(struct app *a, const struct send_policy *pol)
{
    struct broadcast_row *rows = calloc(50, sizeof *rows);
    if (!rows)
        return 1;
    int n = broadcast_recent(a->db, rows, 50);
    time_t now = clock_now();
    if (n < 0) {
        fprintf(stderr, "talka broadcast: cannot read the broadcasts\n");
        free(rows);
        return 1;
    }
    if (!n)
        printf("no broadcasts\n");
    else
        printf("%-5s %-20s %-23s %10s %8s %7s  %s\n", "ID", "STATE", "SEND AT (LOCAL)",
               "RECIPIENTS", "SENT", "FAILED", "SEGMENT / NAME");
    for (int i = 0; i < n; i++) {
        struct broadcast_counts c;
        if (!broadcast_counts(a->db, rows[i].id, &c)) {
            fprintf(stderr, "talka broadcast: cannot read the progress of broadcast %lld\n",
                    (long long)rows[i].id);
            free(rows);
            return 1;
        }
        char when[48], st[48];
        local_with_offset(rows[i].send_at, when, sizeof when);
        printf("%-5lld %-20s %-23s %10ld %8ld %7ld  %s%s%s\n", (long long)rows[i].id,
               progress_state(pol, &rows[i], &c, now, st, sizeof st), when, rows[i].recipients,
               c.sent + c.delivered, c.failed, rows[i].segment, rows[i].name[0] ? " / " : "",
               rows[i].name);
    }
    free(rows);
    return 0;
}

static int show(struct app *a, const struct send_policy *pol, int64_t id)
{
    struct broadcast_row *b = calloc(1, sizeof *b);
    if (!b)
        return 1;
    enum db_status got = broadcast_get(a->db, id, b);
    struct broadcast_counts c;
    if (got != DB_FOUND || !broadcast_counts(a->db, id, &c)) {
        if (got == DB_NONE)
            fprintf(stderr, "talka broadcast: no broadcast %lld\n", (long long)id);
        else
            fprintf(stderr, "talka broadcast: cannot read broadcast %lld (database error)\n",
                    (long long)id);
        free(b);
        return 1;
    }
    time_t now = clock_now();
    char when[48], st[48];
    local_with_offset(b->send_at, when, sizeof when);
    printf("broadcast %lld%s%s\n", (long long)b->id, b->name[0] ? ": " : "", b->name);
    printf("state: %s\n", progress_state(pol, b, &c, now, st, sizeof st));
    char said[1024];
    broadcast_row_describe(b, said, sizeof said);
    printf("segment: %s", b->segment);
    if (strcmp(said, b->segment))
        printf(" (%s)", said);
    printf("\ntext: %s\n", b->text);
    if (b->text_ru[0])
        printf("text (ru): %s\n", b->text_ru);
    if (b->text_en[0])
        printf("text (en): %s\n", b->text_en);
    printf("send at: %s (%s)\n", when, localtime_zone());
    printf("created by: %s\n", b->created_by);
    printf("recipients: %ld at creation, %ld parts, up to %d per copy\n", b->recipients, b->parts,
           b->max_segments);
    printf("queued: %ld (%ld not yet released to the modems, %ld in the outbound queue,"
           " %ld sending)\n", c.pending + c.queued + c.sending, c.pending, c.queued, c.sending);
    printf("sent: %ld\n", c.sent + c.delivered);
    printf("delivered: %ld\n", c.delivered);
    printf("failed: %ld\n", c.failed);
    printf("skipped: %ld (opted out or erased after creation)\n", c.skipped);
    if (c.cancelled || !strcmp(b->state, "cancelled"))
        printf("cancelled: %ld copies%s\n", c.cancelled,
               c.pending ? " (and every recipient not yet released)" : "");
    if (strcmp(b->state, "cancelled") && c.parts_left > 0) {
        struct broadcast_plan p;
        memset(&p, 0, sizeof p);
        p.start = b->send_at > now ? b->send_at : now;
        p.eta_s = broadcast_eta(pol, c.parts_left, p.start, broadcast_sent_today_all(pol, a->db, now));
        p.per_min = send_total_rate(pol);
        char eta[128];
        broadcast_plan_eta_text(pol, &p, eta, sizeof eta);
        printf("eta: %s for %ld parts left\n", eta, c.parts_left);
    }
    free(b);
    return 0;
}

static int cancel(struct app *a, int64_t id)
{
    struct broadcast_row *b = calloc(1, sizeof *b);
    if (!b)
        return 1;
    int rc = 1;
    enum db_status got = broadcast_get(a->db, id, b);
    if (got != DB_FOUND) {
        if (got == DB_NONE)
            fprintf(stderr, "talka broadcast: no broadcast %lld\n", (long long)id);
        else
            fprintf(stderr, "talka broadcast: cannot read broadcast %lld (database error)\n",
                    (long long)id);
    } else if (!strcmp(b->state, "cancelled")) {
        fprintf(stderr, "talka broadcast: broadcast %lld was already cancelled\n", (long long)id);
    } else if (!broadcast_cancel(a->db, id, clock_now())) {
        fprintf(stderr, "talka broadcast: database error\n");
    } else {
        struct broadcast_counts c;
        bool counted = broadcast_counts(a->db, id, &c);
        char actor[96], subject[32];
        cli_operator(actor, sizeof actor);
        snprintf(subject, sizeof subject, "broadcast:%lld", (long long)id);
        audit(a->db, clock_now(), actor, "broadcast_cancel", subject, NULL);
        if (counted)
            printf("broadcast %lld cancelled: %ld copies had been sent, %ld will not be\n",
                   (long long)id, c.sent + c.delivered + c.failed, c.pending + c.cancelled);
        else
            printf("broadcast %lld cancelled (its counts cannot be read now)\n", (long long)id);
        rc = 0;
    }
    free(b);
    return rc;
}

int cmd_broadcast(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *sub = argv[1];
    int64_t id = 0;
    if (!strcmp(sub, "show") || !strcmp(sub, "cancel")) {
        if (argc != 3 || !parse_id(argv[2], &id)) {
            fprintf(stderr, "talka broadcast %s: expected one broadcast id\n", sub);
            return 2;
        }
    } else if (!strcmp(sub, "list")) {
        if (argc != 2) {
            usage(stderr);
            return 2;
        }
    } else if (strcmp(sub, "create")) {
        usage(stderr);
        return 2;
    }
    struct app a;
    int rc = app_open(&a, APP_LEXICON | APP_DB);
    if (rc)
        return rc;
    struct send_policy pol;
    char err[256];
    if (!send_policy_load(a.cfg, &pol, err, sizeof err)) {
        fprintf(stderr, "talka: %s\n", err);
        app_close(&a);
        return 2;
    }
    if (!strcmp(sub, "create"))
        rc = create(&a, &pol, argc, argv);
    else if (!strcmp(sub, "list"))
        rc = list(&a, &pol);
    else if (!strcmp(sub, "show"))
        rc = show(&a, &pol, id);
    else
        rc = cancel(&a, id);
    app_close(&a);
    return rc;
}
