/* wal.c: when the WAL is copied into the database and started over (see wal.h). */
#include "db/wal.h"

#include "gateway/base/clock.h"
#include "gateway/base/log.h"

#include <stdatomic.h>

/* Checkpoints. SQLite's automatic checkpoint (PASSIVE, after a commit that
 * leaves 1000 pages in the WAL) copies into the database what no reader still
 * needs, but the WAL only starts over when a writer finds it all copied and no
 * reader inside it. With writes all the time and readers on several threads
 * (the dashboard, USSD, Kannel's callbacks, the link threads) that moment never
 * came: the soak (bench/soak.sh) saw the WAL reach 1.7 GB in ten minutes beside
 * a 58 MB database. So past WAL_TRUNCATE_PAGES a commit's checkpoint waits up to
 * two seconds for the readers to move on and truncates the WAL. When a reader
 * held on past that, the next such wait comes once another WAL_TRUNCATE_PAGES
 * were written, or WAL_RETRY_MS later: a reader that holds on costs a writer two
 * seconds per 16 MB written, never every commit (a retry by time alone let the
 * WAL grow by 70 MB in the 5 s after one failure, in test_db_wal on a loaded box). */
#define WAL_PASSIVE_PAGES 1000
#define WAL_TRUNCATE_PAGES 4096          /* 16 MB of 4 KiB pages */
#define WAL_RETRY_MS 5000
static _Atomic long long truncate_failed_at;
static _Atomic int truncate_failed_pages;     /* 0: the last one worked */

static int wal_hook(void *arg, sqlite3 *h, const char *name, int pages)
{
    (void)arg;
    if (pages < WAL_PASSIVE_PAGES)
        return SQLITE_OK;
    int failed = atomic_load(&truncate_failed_pages);
    if (pages < WAL_TRUNCATE_PAGES ||
        (failed && pages < failed + WAL_TRUNCATE_PAGES &&
         clock_mono_ms() - atomic_load(&truncate_failed_at) < WAL_RETRY_MS)) {
        sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        return SQLITE_OK;
    }
    sqlite3_busy_timeout(h, 2000);
    int wal = 0, copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_TRUNCATE, &wal, &copied);
    sqlite3_busy_timeout(h, 10000);
    atomic_store(&truncate_failed_pages, rc == SQLITE_OK ? 0 : pages);
    if (rc != SQLITE_OK) {
        atomic_store(&truncate_failed_at, clock_mono_ms());
        log_info("database: the WAL holds %d pages and a reader held on for two seconds; "
                 "%d copied; trying again after 16 MB more or %d s", pages, copied,
                 WAL_RETRY_MS / 1000);
    }
    return SQLITE_OK;
}

void db_wal_watch(sqlite3 *h)
{
    sqlite3_wal_hook(h, wal_hook, NULL);
}
