/* cmd_review.c: `talka review list | approve N | reject N REASON`: moderation of
 * reports whose count is above the review threshold; the list also shows the
 * reports awaiting the sender's confirmation (ask back). */
#include "gateway/cli/cmd_review.h"

#include "db/review_queue.h"

#include "gateway/base/clock.h"
#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "parsers/species.h"
#include "gateway/cli/wiring.h"
#include "gateway/core/review.h"
#include "gateway/base/localtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] review list [--ids]\n"
               "       talka [-c FILE] review approve N\n"
               "       talka [-c FILE] review reject N REASON\n\n"
               "Reports whose count is above [rules] review_threshold wait for staff.\n"
               "'list' shows them with their short review number N, local times and the\n"
               "species' Latvian names (--ids: the species ids); 'approve' adds the points\n"
               "and texts the volunteer; 'reject' texts them REASON (quote it), shortened\n"
               "with '...' when the SMS would need a second part, and prints the exact SMS.\n"
               "'list' also shows the reports talka asked back about that still wait for\n"
               "the sender's answer.\n"
               "Every decision is written to the audit log with the operator's login name.\n"
               "Exit status: 0 done, 1 no such report waiting or the database failed, 2 usage\n"
               "or configuration error.\n");
}

/* "YYYY-MM-DD HH:MM +HH:MM": local time with its offset (issue 12) */
static void format_local(time_t t, char *out, size_t len)
{
    local_format(t, out, len);
    long off = local_offset(t);
    size_t w = strlen(out);
    snprintf(out + w, len - w, " %+03ld:%02ld", off / 3600, labs(off) % 3600 / 60);
}

static void print_asked(void *ctx, const struct review_asked *q)
{
    int *n = ctx;
    if ((*n)++ == 0)
        printf("\nawaiting confirmation (asked back; the sender answers JĀ/NĒ, a digit or name, a count, the missing part):\n"
               "%-23s %-6s %-7s %s\n", "ASKED", "UNTIL", "ASK", "REPORT AS GUESSED");
    char when[40], until[40];
    format_local(q->asked_at, when, sizeof when);
    local_format(q->expires_at, until, sizeof until);
    const char *hm = strchr(until, ' ');  /* "YYYY-MM-DD HH:MM": the time of day */
    printf("%-23s %-6s %-7s %s\n", when, hm ? hm + 1 : until, q->ask, q->summary);
}

/* One line per report: its items are gathered until the review number changes. */
struct listing {
    const struct lexicon *lex; /* NULL: species ids as they are */
    int n, shown;              /* items seen; the review number being gathered (-1: none) */
    char items[512], when[40], place[256];
};

static void flush_report(struct listing *l)
{
    if (l->shown < 0)
        return;
    printf("%-6d %-22s ", l->shown, l->when);
    cli_pad(stdout, l->items, 40);
    printf(" %s\n", l->place);
    l->items[0] = '\0';
}

static void gather_item(void *ctx, const struct review_item *it)
{
    struct listing *l = ctx;
    if (l->shown >= 0 && it->review_no != l->shown)
        flush_report(l);
    if (l->n++ == 0)
        printf("%-6s %-22s %-40s %s\n", "N", "REPORTED", "SPECIES COUNT", "PLACE");
    if (it->review_no != l->shown) {
        format_local(it->reported_at, l->when, sizeof l->when);
        snprintf(l->place, sizeof l->place, "%s (%s)", it->place, it->municipality);
        l->shown = it->review_no;
    }
    const struct species *s = l->lex ? lexicon_species_by_id(l->lex, it->species) : NULL;
    size_t o = strlen(l->items);
    snprintf(l->items + o, sizeof l->items - o, "%s%s %lld", o ? ", " : "",
             s ? s->name_lv : it->species, (long long)it->count);
}

static int list(struct db *db, const struct lexicon *lex, bool ids)
{
    struct listing l = { .lex = ids ? NULL : lex, .shown = -1 };
    int asked = 0;
    bool ok = !DB_FAILED(review_pending_items(db, gather_item, &l));
    if (ok) {
        flush_report(&l);
        if (!l.n)
            printf("no reports wait for review\n");
        ok = !DB_FAILED(review_asked_waiting(db, clock_now(), print_asked, &asked));
    }
    if (!ok)
        fprintf(stderr, "talka review: cannot read the database\n");
    return ok ? 0 : 1;
}

int cmd_review(int argc, char **argv)
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
    int want = !strcmp(sub, "list") ? 2 : !strcmp(sub, "approve") ? 3 : !strcmp(sub, "reject") ? 4 : 0;
    bool ids = want == 2 && argc == 3 && !strcmp(argv[2], "--ids");
    if (want == 4 && argc == 3) {
        fprintf(stderr, "talka review reject: REASON is missing: the volunteer is texted why, "
                        "e.g. talka review reject %s \"skaits par lielu\"\n", argv[2]);
        return 2;
    }
    if (want == 4 && argc == 4 && !argv[3][0]) {
        fprintf(stderr, "talka review reject: REASON is empty\n");
        return 2;
    }
    if (!want || (argc != want && !ids)) {
        usage(stderr);
        return 2;
    }
    int review_no = 0;
    if (want >= 3) {
        char *end;
        long v = strtol(argv[2], &end, 10);
        if (*end || v <= 0 || v > 99999) {
            fprintf(stderr, "talka review: '%s' is not a review number\n", argv[2]);
            return 2;
        }
        review_no = (int)v;
    }
    struct app a;
    struct pipeline *p;
    int rc = wiring_open_pipeline(&a, &p);
    if (rc)
        return rc;
    if (want == 2) {
        rc = list(a.db, a.lex, ids);
        pipeline_free(p);
        app_close(&a);
        return rc;
    }
    char msg[256] = "", actor[96];
    cli_operator(actor, sizeof actor);
    struct review_note note;
    enum review_result r = want == 3 ? review_approve(p, a.db, review_no, actor, false, msg, sizeof msg, &note)
                                     : review_reject(p, a.db, review_no, argv[3], actor, false, msg,
                                                     sizeof msg, &note);
    if (r == REVIEW_OK) {
        printf("%s\n", msg);
        if (want == 4 && note.sms[0])
            printf("SMS to the volunteer: %s\n", note.sms);
        else if (want == 4)
            printf("the volunteer erased their data: nobody was texted\n");
        if (want == 4 && note.shortened)
            fprintf(stderr, "talka review: warning: the reason was shortened to fit one SMS\n");
    } else
        fprintf(stderr, "talka review: %s\n", r == REVIEW_NOT_FOUND ? msg : "database error");
    pipeline_free(p);
    app_close(&a);
    return r == REVIEW_OK ? 0 : 1;
}
