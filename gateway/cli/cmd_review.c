/* cmd_review.c: `talka review list | approve N | reject N REASON`: moderation of
 * reports whose count is above the review threshold; the list also shows the
 * reports awaiting the sender's confirmation (ask back). */
#include "gateway/cli/cmd_review.h"

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
               "Exit status: 0 done, 1 no such report waiting, 2 usage or configuration error.\n");
}

/* Reports talka asked back about, still within their 30 minutes. */
static int list_awaiting(struct db *db)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT asked_at, expires_at, ask, summary FROM awaiting_confirmation"
        " WHERE state = 'waiting' AND expires_at > ? ORDER BY asked_at, id");
    if (!st)
        return 1;
    db_bind(st, "i", (int64_t)clock_now());
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n++ == 0)
            printf("\nawaiting confirmation (asked back; the sender answers JĀ/NĒ or a digit):\n"
                   "%-23s %-6s %-7s %s\n", "ASKED", "UNTIL", "ASK", "REPORT AS GUESSED");
        /* local time with its offset, as the reports above (issue 12) */
        time_t t = (time_t)sqlite3_column_int64(st, 0), u = (time_t)sqlite3_column_int64(st, 1);
        char when[40], until[40];
        local_format(t, when, sizeof when);
        long off = local_offset(t);
        size_t w = strlen(when);
        snprintf(when + w, sizeof when - w, " %+03ld:%02ld", off / 3600, labs(off) % 3600 / 60);
        local_format(u, until, sizeof until);
        const char *hm = strchr(until, ' ');  /* "YYYY-MM-DD HH:MM": the time of day */
        printf("%-23s %-6s %-7s %s\n", when, hm ? hm + 1 : until, (const char *)sqlite3_column_text(st, 2),
               (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_reset(st);
    return 0;
}

static int list(struct db *db, const struct lexicon *lex, bool ids)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT p.review_no, p.reported_at, q.species, q.count,"
        " p.place, p.municipality FROM plantings p JOIN plantings q ON q.inbound_id = p.inbound_id"
        " AND q.status = 'pending_review' WHERE p.status = 'pending_review' AND p.review_no IS NOT NULL"
        " ORDER BY p.review_no, q.item_no");
    if (!st)
        return 1;
    int n = 0, shown = -1;
    char items[512] = "", when[40] = "", place[256] = "";
    for (bool more = true; more;) {
        more = sqlite3_step(st) == SQLITE_ROW;
        int no = more ? sqlite3_column_int(st, 0) : -1;
        if (shown >= 0 && no != shown) {  /* one line per report */
            printf("%-6d %-22s ", shown, when);
            cli_pad(stdout, items, 40);
            printf(" %s\n", place);
            items[0] = '\0';
        }
        if (!more)
            break;
        if (n++ == 0)
            printf("%-6s %-22s %-40s %s\n", "N", "REPORTED", "SPECIES COUNT", "PLACE");
        if (no != shown) {
            time_t t = (time_t)sqlite3_column_int64(st, 1);
            local_format(t, when, sizeof when);
            long off = local_offset(t);
            size_t w = strlen(when);
            snprintf(when + w, sizeof when - w, " %+03ld:%02ld", off / 3600, labs(off) % 3600 / 60);
            snprintf(place, sizeof place, "%s (%s)", (const char *)sqlite3_column_text(st, 4),
                     (const char *)sqlite3_column_text(st, 5));
            shown = no;
        }
        const char *id = (const char *)sqlite3_column_text(st, 2);
        const struct species *s = ids ? NULL : lexicon_species_by_id(lex, id);
        size_t o = strlen(items);
        snprintf(items + o, sizeof items - o, "%s%s %lld", o ? ", " : "", s ? s->name_lv : id,
                 (long long)sqlite3_column_int64(st, 3));
    }
    sqlite3_reset(st);
    if (!n)
        printf("no reports wait for review\n");
    return list_awaiting(db);
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
