/* cmd_stats.c: `talka stats`: accepted trees per municipality and per species,
 * the top volunteers (pseudonymous), and the last 24 hours. */
#include "gateway/base/clock.h"
#include "gateway/cli/cmd_stats.h"

#include "db/stats.h"

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
               "Exit status: 0, 1 when the database cannot be read, 2 on a usage or\n"
               "configuration error.\n");
}

struct table {
    const struct lexicon *lex; /* species ids shown by their Latvian name; NULL: as they are */
    int n;
};

static void table_row(void *ctx, const char *key, int64_t total)
{
    struct table *t = ctx;
    const struct species *s = t->lex ? lexicon_species_by_id(t->lex, key) : NULL;
    printf("  ");
    cli_pad(stdout, s ? s->name_lv : key, 40);  /* columns by characters, not bytes */
    printf(" %10lld\n", (long long)total);
    t->n++;
}

static bool table(struct db *db, const struct lexicon *lex, const char *title,
                  enum db_status (*rows)(struct db *, int, stats_row_fn, void *))
{
    struct table t = { lex, 0 };
    printf("%s\n", title);
    if (DB_FAILED(rows(db, 1000, table_row, &t)))
        return false;
    if (!t.n)
        printf("  (none)\n");
    return true;
}

struct top {
    const char *key; /* the pseudonym key */
};

/* volunteers appear as V-xxxxxxxx: a keyed hash, never the number or name */
static void top_row(void *ctx, const char *number, int64_t points)
{
    const struct top *t = ctx;
    char mac[65];
    pseudonym_hmac(t->key, strlen(t->key), number, mac);
    printf("  V-%.8s %10lld\n", mac, (long long)points);
}

static bool totals(struct db *db, time_t now)
{
    struct stats_totals t;
    if (stats_totals(db, now - 86400, &t) != DB_FOUND)
        return false;
    printf("trees accepted: %lld (pending review: %lld, cancelled: %lld, rejected: %lld)\n",
           (long long)t.accepted, (long long)t.pending_review, (long long)t.cancelled,
           (long long)t.rejected);
    printf("volunteers: %lld, texts received: %lld\n", (long long)t.volunteers, (long long)t.texts);
    printf("last 24 h: %lld texts, %lld trees, %lld replies sent\n\n", (long long)t.texts_recent,
           (long long)t.trees_recent, (long long)t.replies_recent);
    return true;
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
    bool ok = totals(db, clock_now()) &&
              table(db, NULL, "per municipality:", stats_per_municipality) &&
              table(db, ids ? NULL : a.lex, "per species:", stats_per_species);

    char path[4096], key[256], err[256];
    config_path(a.cfg, "talka", "secret_file", path, sizeof path);
    if (ok && pseudonym_key_load_or_create(path, key, sizeof key, err, sizeof err)) {
        struct top t = { key };
        printf("top volunteers (points):\n");
        ok = !DB_FAILED(stats_top_volunteers(db, (int)top, top_row, &t));
    }
    if (!ok)
        fprintf(stderr, "talka stats: cannot read the database\n");
    app_close(&a);
    return ok ? 0 : 1;
}
