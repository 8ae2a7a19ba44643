/* app.c: opening the config, lists, templates and database for a subcommand. */
#include "gateway/core/app.h"
#include "gateway/base/localtime.h"
#include "gateway/base/log.h"
#include "gateway/core/replies.h"
#include "parsers/lexicon.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *app_config_path = CONFIG_DEFAULT_PATH;

/* mkdir -p of the directory that will hold path */
static void make_parent_dirs(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0750);
            *p = '/';
        }
    }
    mkdir(dir, 0750);
}

struct db *app_db_connect(const struct app *a, char *err, size_t errlen)
{
    const char *sync = config_get(a->cfg, "talka", "sync", "normal");
    return db_open(a->db_path, strcmp(sync, "full") == 0, err, errlen);
}

int app_open(struct app *a, unsigned flags)
{
    char err[1024] = "";
    memset(a, 0, sizeof *a);
    a->cfg = config_load(app_config_path, err, sizeof err);
    if (!a->cfg) {
        fprintf(stderr, "talka: %s\n", err);
        return 2;
    }
    const char *lvl = config_get(a->cfg, "talka", "log_level", NULL);
    if (lvl && log_level_from_name(lvl) >= 0 && !getenv("TALKA_LOG"))
        log_set_level((enum log_level)log_level_from_name(lvl));

    a->popts.min_count = config_get_int(a->cfg, "parse", "min_count", 1);
    a->popts.max_count = config_get_int(a->cfg, "parse", "max_count", 10000);
    a->popts.timezone = config_get(a->cfg, "talka", "timezone", "Europe/Riga");
    /* the one local time zone of the process, set before any thread starts */
    if (!localtime_setup(a->popts.timezone, err, sizeof err)) {
        fprintf(stderr, "talka: %s: [talka] timezone: %s\n", config_file(a->cfg), err);
        app_close(a);
        return 2;
    }

    if (flags & APP_LEXICON) {
        char sp[4096], pl[4096];
        config_path(a->cfg, "lists", "species", "species.tsv", sp, sizeof sp);
        config_path(a->cfg, "lists", "places", "places.tsv", pl, sizeof pl);
        a->lex = lexicon_load(sp, pl, err, sizeof err);
        if (!a->lex) {
            fprintf(stderr, "talka: %s\n", err);
            app_close(a);
            return 2;
        }
    }
    if (flags & APP_REPLIES) {
        char rp[4096];
        config_path(a->cfg, "lists", "replies", "replies.ini", rp, sizeof rp);
        a->replies = replies_load(rp, err, sizeof err);
        if (!a->replies) {
            fprintf(stderr, "talka: %s\n", err);
            app_close(a);
            return 2;
        }
    }
    if (flags & APP_DB) {
        config_path(a->cfg, "talka", "database", "../var/talka.db", a->db_path, sizeof a->db_path);
        make_parent_dirs(a->db_path);
        a->db = app_db_connect(a, err, sizeof err);
        if (!a->db) {
            fprintf(stderr, "talka: %s\n", err);
            app_close(a);
            return 2;
        }
    }
    return 0;
}

void app_close(struct app *a)
{
    if (a->db)
        db_close(a->db);
    if (a->replies)
        replies_free(a->replies);
    if (a->lex)
        lexicon_free(a->lex);
    config_free(a->cfg);
    memset(a, 0, sizeof *a);
}
