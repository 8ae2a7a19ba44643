/* cmd_backup.c: `talka backup FILE`: an online copy of the database with SQLite's
 * backup API, safe while the daemon runs (it copies in steps and yields). No
 * name another local user could plant is ever opened: the copy is made in a
 * fresh 0700 directory (mkdtemp) beside FILE and then moved to FILE without
 * replacing anything (renameat2 RENAME_NOREPLACE, else link + unlink). */
#include "gateway/cli/cmd_backup.h"

#include "db/backup.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/base/log.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] backup FILE\n\n"
               "Copies the database to FILE while talka keeps running (SQLite online\n"
               "backup). FILE must not exist, nor FILE-journal, FILE-wal or FILE-shm (a\n"
               "restored database would take them for its own), not even as a dangling\n"
               "link. Restore by stopping talka and putting FILE in place of the database.\n"
               "The database is copied as it is: never created and never migrated, so a\n"
               "backup taken by a newer talka before an upgrade holds the old schema\n"
               "(`talka migrate` upgrades it).\n"
               "Exit status: 0 copied, 1 failed, 2 usage or configuration error.\n");
}

/* FILE and the names SQLite would pair with it: any of them present, even a
 * dangling symbolic link (lstat, never followed), refuses the backup */
static bool names_free(const char *file)
{
    static const char *const tails[] = { "", "-journal", "-wal", "-shm" };
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        char p[4200];
        struct stat st = { 0 };
        snprintf(p, sizeof p, "%s%s", file, tails[i]);
        if (lstat(p, &st) == 0 || errno != ENOENT) {
            fprintf(stderr, "talka backup: %s exists%s; choose a new file\n", p,
                    S_ISLNK(st.st_mode) ? " (a symbolic link)" : "");
            return false;
        }
    }
    return true;
}

/* the finished copy to FILE, never over anything that appeared meanwhile */
static bool move_into_place(const char *tmp, const char *file)
{
    int fd = open(tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    bool synced = fd >= 0 && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    if (!synced) {
        fprintf(stderr, "talka backup: cannot write the copy: %s\n", strerror(errno));
        return false;
    }
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, file, RENAME_NOREPLACE) == 0)
        return true;
    if (errno == EINVAL || errno == ENOSYS) {   /* a file system without NOREPLACE */
        if (link(tmp, file) == 0)
            return true;
    }
    fprintf(stderr, "talka backup: cannot create %s: %s%s\n", file, strerror(errno),
            errno == EEXIST ? " (it appeared while copying; nothing was replaced)" : "");
    return false;
}

static void remove_dir(const char *dir)
{
    static const char *const names[] = { "backup.db", "backup.db-journal", "backup.db-wal",
                                         "backup.db-shm" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* the copy into DIR/.talka-backup-XXXXXX/backup.db, then into place */
static int backup(struct app *a, const char *file)
{
    char dir[4096], copy[4200];
    snprintf(dir, sizeof dir, "%s", file);
    char *parent = dirname(dir);
    memmove(dir, parent, strlen(parent) + 1);
    size_t n = strlen(dir);
    snprintf(dir + n, sizeof dir - n, "/.talka-backup-XXXXXX");
    if (!mkdtemp(dir)) {   /* mode 0700 */
        fprintf(stderr, "talka backup: cannot make a directory beside %s: %s\n", file,
                strerror(errno));
        return 1;
    }
    snprintf(copy, sizeof copy, "%s/backup.db", dir);
    char err[512];
    int rc = 1;
    if (db_backup_to(a->db, copy, err, sizeof err) != DB_DONE)
        fprintf(stderr, "talka backup: %s\n", err);
    else if (move_into_place(copy, file))
        rc = 0;
    remove_dir(dir);
    return rc;
}

int cmd_backup(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc != 2 || !argv[1][0]) {
        usage(stderr);
        return 2;
    }
    if (!names_free(argv[1]))
        return 2;
    struct app a;
    int rc = app_open(&a, APP_DB_AS_IS);
    if (rc)
        return rc;
    rc = backup(&a, argv[1]);
    if (rc == 0)
        printf("backup written to %s\n", argv[1]);
    app_close(&a);
    return rc;
}
