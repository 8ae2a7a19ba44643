/* cmd_stats.c: `talka stats`: accepted trees per municipality and per species,
 * the top volunteers (pseudonymous), and the last 24 hours. */
#include "gateway/base/clock.h"
#include "gateway/cli/cmd_stats.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "parsers/species.h"
#include "gateway/base/pseudonym.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] stats [--top N] [--ids]\n\n"
               "Accepted trees per municipality and per species (Latvian names; --ids: the\n"
               "species ids), the top N volunteers (default 10, shown by pseudonym, never by\n"
               "number), and the last 24 hours.\n"
               "Exit status: 0, or 2 on a configuration error.\n");
}

static void table(struct db *db, const struct lexicon *lex, const char *title, const char *sql,
                  int limit)
{
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return;
    db_bind(st, "I", limit);
    printf("%s\n", title);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const struct species *s = lex ? lexicon_species_by_id(lex, name) : NULL;
        printf("  ");
        cli_pad(stdout, s ? s->name_lv : name, 40);  /* columns by characters, not bytes */
        printf(" %10lld\n", (long long)sqlite3_column_int64(st, 1));
        n++;
    }
    if (!n)
        printf("  (none)\n");
    sqlite3_reset(st);
}

int cmd_stats(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    long top = 10;
    bool ids = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--top") && i + 1 < argc) {
            if (!cli_number("stats --top", argv[++i], 1, 100000, &top))
                return 2;
        } else if (!strcmp(argv[i], "--ids")) {
            ids = true;
        } else {
            usage(stderr);
            return 2;
        }
    }
    struct app a;
    int rc = app_open(&a, APP_DB | APP_LEXICON);
    if (rc)
        return rc;
    struct db *db = a.db;
    int64_t now = (int64_t)clock_now();
    printf("trees accepted: %lld (pending review: %lld, cancelled: %lld, rejected: %lld)\n",
           (long long)db_int_or(db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE status='accepted'", ""),
           (long long)db_int_or(db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE status='pending_review'", ""),
           (long long)db_int_or(db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE status='cancelled'", ""),
           (long long)db_int_or(db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE status='rejected'", ""));
    printf("volunteers: %lld, texts received: %lld\n",
           (long long)db_int_or(db, 0, "SELECT count(*) FROM volunteers WHERE erased_at IS NULL", ""),
           (long long)db_int_or(db, 0, "SELECT count(*) FROM inbound", ""));
    printf("last 24 h: %lld texts, %lld trees, %lld replies sent\n\n",
           (long long)db_int_or(db, 0, "SELECT count(*) FROM inbound WHERE received_at > ?", "i", now - 86400),
           (long long)db_int_or(db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE status='accepted'"
                                    " AND reported_at > ?", "i", now - 86400),
           (long long)db_int_or(db, 0, "SELECT count(*) FROM outbound WHERE sent_at > ?", "i", now - 86400));
    table(db, NULL, "per municipality:", "SELECT municipality, sum(count) t FROM plantings WHERE"
          " status='accepted' GROUP BY municipality ORDER BY t DESC LIMIT ?", 1000);
    table(db, ids ? NULL : a.lex, "per species:", "SELECT species, sum(count) t FROM plantings WHERE status='accepted'"
          " GROUP BY species ORDER BY t DESC LIMIT ?", 1000);

    /* volunteers appear as V-xxxxxxxx: a keyed hash, never the number or name */
    char path[4096], key[256], err[256];
    config_path(a.cfg, "talka", "secret_file", path, sizeof path);
    if (pseudonym_key_load_or_create(path, key, sizeof key, err, sizeof err)) {
        sqlite3_stmt *st = db_prep(db, "SELECT v.number, sum(l.delta) s FROM points_ledger l JOIN"
                                       " volunteers v ON v.id = l.volunteer_id GROUP BY v.id"
                                       " ORDER BY s DESC LIMIT ?");
        if (st) {
            db_bind(st, "I", (int)top);
            printf("top volunteers (points):\n");
            while (sqlite3_step(st) == SQLITE_ROW) {
                char mac[65];
                pseudonym_hmac(key, strlen(key), (const char *)sqlite3_column_text(st, 0), mac);
                printf("  V-%.8s %10lld\n", mac, (long long)sqlite3_column_int64(st, 1));
            }
            sqlite3_reset(st);
        }
    }
    app_close(&a);
    return 0;
}
