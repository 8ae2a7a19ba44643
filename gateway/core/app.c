/* app.c: opening the config, lists, templates and database for a subcommand. */
#include "gateway/core/app.h"
#include "gateway/base/config_check.h"
#include "gateway/base/localtime.h"
#include "gateway/base/log.h"
#include "gateway/core/replies.h"
#include "parsers/lexicon.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

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
    const char *sync = config_str(a->cfg, "talka", "sync");
    return db_open(a->db_path, strcmp(sync, "full") == 0, err, errlen);
}

/* Personal data (numbers, names, raw texts) in files only talka may read: the
 * database, its WAL and shared-memory files, backups and exports are created
 * 0600 in directories 0700, or 0640/0750 owned by [talka] group when the config
 * names one (for a staff group that reads backups). 0 or 2 (an unknown group). */
static int private_files(struct app *a, gid_t *gid)
{
    const char *group = config_str(a->cfg, "talka", "group");
    *gid = (gid_t)-1;
    if (!group || !*group) {
        umask(0077);
        return 0;
    }
    struct group *g = getgrnam(group);
    if (!g) {
        log_error("%s: [talka] group = %s: no such group", config_file(a->cfg),
                group);
        return 2;
    }
    *gid = g->gr_gid;
    umask(0027);
    return 0;
}

/* the database's directory and file handed to [talka] group (the WAL and shm
 * files take the database file's owner and mode from SQLite) */
static void share_with_group(const char *db_path, gid_t gid)
{
    if (gid == (gid_t)-1)
        return;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", db_path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
        if (chown(dir, (uid_t)-1, gid) != 0)
            log_warn("cannot give %s to the configured group: %s", dir, strerror(errno));
    }
    if (chown(db_path, (uid_t)-1, gid) != 0)
        log_warn("cannot give %s to the configured group: %s", db_path, strerror(errno));
}

static int open_db(struct app *a, unsigned flags, gid_t gid)
{
    char err[1024] = "";
    if (flags & APP_DB) {
        config_path(a->cfg, "talka", "database", a->db_path, sizeof a->db_path);
        make_parent_dirs(a->db_path);
        a->db = app_db_connect(a, err, sizeof err);
        if (a->db)
            share_with_group(a->db_path, gid);
        if (!a->db) {
            /* a database that cannot be used: a problem met while acting (exit 1) */
            log_error("%s", err);
            return 1;
        }
    }
    if (flags & APP_DB_AS_IS) {
        config_path(a->cfg, "talka", "database", a->db_path, sizeof a->db_path);
        a->db = db_open_as_is(a->db_path, &a->pending, err, sizeof err);
        if (!a->db) {
            log_error("%s", err);
            return 1;
        }
    }
    return 0;
}

int app_open(struct app *a, unsigned flags)
{
    char err[1024] = "";
    memset(a, 0, sizeof *a);
    a->cfg = config_load(app_config_path, err, sizeof err);
    if (!a->cfg) {
        log_error("%s", err);
        return 2;
    }
    if (!config_check(a->cfg, err, sizeof err)) {
        log_error("%s", err);
        app_close(a);
        return 2;
    }
    const char *lvl = config_str(a->cfg, "talka", "log_level");
    if (lvl && log_level_from_name(lvl) >= 0 && !getenv("TALKA_LOG"))
        log_set_level((enum log_level)log_level_from_name(lvl));

    gid_t gid;
    if (private_files(a, &gid) != 0) {
        app_close(a);
        return 2;
    }

    a->popts.min_count = config_int(a->cfg, "parse", "min_count");
    a->popts.max_count = config_int(a->cfg, "parse", "max_count");
    a->popts.timezone = config_str(a->cfg, "talka", "timezone");
    /* the one local time zone of the process, set before any thread starts */
    if (!localtime_setup(a->popts.timezone, err, sizeof err)) {
        log_error("%s: [talka] timezone: %s", config_file(a->cfg), err);
        app_close(a);
        return 2;
    }

    if (flags & APP_LEXICON) {
        char sp[4096], pl[4096];
        config_path(a->cfg, "lists", "species", sp, sizeof sp);
        config_path(a->cfg, "lists", "places", pl, sizeof pl);
        a->lex = lexicon_load(sp, pl, err, sizeof err);
        if (!a->lex) {
            log_error("%s", err);
            app_close(a);
            return 2;
        }
    }
    if (flags & APP_REPLIES) {
        char rp[4096];
        config_path(a->cfg, "lists", "replies", rp, sizeof rp);
        a->replies = replies_load(rp, err, sizeof err);
        if (!a->replies) {
            log_error("%s", err);
            app_close(a);
            return 2;
        }
    }
    int rc = open_db(a, flags, gid);
    if (rc)
        app_close(a);
    return rc;
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
