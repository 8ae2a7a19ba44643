/* wal.c: when the WAL is copied into the database and started over (see wal.h). */
#include "db/wal.h"
#include "db/page_cache.h"

#include "gateway/base/clock.h"
#include "gateway/base/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

/* Checkpoints. SQLite's automatic checkpoint (PASSIVE, after a commit that
 * leaves 1000 pages in the WAL) copies into the database what no reader still
 * needs, but the WAL only starts over when a writer finds it all copied and no
 * reader inside it. With writes all the time and readers on several threads
 * (the dashboard, USSD, Kannel's callbacks, the link threads) that moment never
 * came: the soak (bench/soak.sh) saw the WAL reach 1.7 GB in ten minutes.
 *
 * The next try let each writer's commit truncate the WAL past 16 MB, waiting up
 * to two seconds for the readers: the writers then met each other instead (a
 * checkpoint that wants to truncate must first take the write lock, and SQLite's
 * busy handler polls for it while the other writers take it in turn), the WAL
 * reached 265 MB, and every commit past 1000 pages paid a checkpoint's fdatasync.
 *
 * So in the daemon one thread, the keeper, with a connection of its own, does
 * all of it: a commit's hook only notes the WAL's size and wakes the keeper.
 * Every 1000 pages (WAL_PASSIVE_PAGES) the keeper copies (PASSIVE), then
 * closes the gate (db_wal_gate: a transaction about to begin in this process
 * waits), copies the rest and truncates the WAL when the readers let it within
 * WAL_QUICK_MS, and opens the gate again: the WAL stays near 4 MB, as with
 * SQLite's own checkpoint on one writer (a WAL left to grow to 16 MB filled a
 * 12 MB disk by itself in harden_full_disk). Past WAL_TRUNCATE_PAGES it waits
 * up to WAL_WAIT_MS for the readers to leave the WAL (new readers find it all
 * copied and read the database instead). When a reader held on, the next
 * try comes after 16 MB more or WAL_RETRY_MS. When the keeper is merely behind
 * (a busy machine gives it no core) and the WAL passes WAL_HOLD_PAGES, new
 * transactions wait for it too. A process without a keeper (the short
 * commands, which write little) keeps SQLite's own passive checkpoint. */
#define WAL_PASSIVE_PAGES 1000
#define WAL_TRUNCATE_PAGES 4096          /* 16 MB of 4 KiB pages */
#define WAL_HOLD_PAGES 8192             /* 32 MB: new transactions wait for the keeper */
#define WAL_WAIT_MS 2000
#define WAL_QUICK_MS 50
#define WAL_RETRY_MS 5000
#define KEEPER_TICK_MS 1000

static struct {
    pthread_mutex_t mu;
    pthread_cond_t wake, opened;
    pthread_t th;
    sqlite3 *h;
    bool woken, stop;
    atomic_bool running;
    atomic_bool gate_closed;
    atomic_bool refused;           /* the last truncation was refused (a reader held on) */
    atomic_int pages;              /* the WAL's frames after the last commit seen */
    long long refused_at;          /* when, and at how many pages, it was refused */
    int refused_pages;
    long long logged_at;           /* the last "a reader held on" line (mono ms) */
    int failures;                  /* truncations refused since that line */
    int wait_ms;                   /* this truncation's patience with the readers */
} K = { .mu = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER,
        .opened = PTHREAD_COND_INITIALIZER };

static int wal_hook(void *arg, sqlite3 *h, const char *name, int pages)
{
    (void)arg;
    if (!atomic_load(&K.running)) {
        if (pages >= WAL_PASSIVE_PAGES)   /* what SQLite does without a hook */
            sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        return SQLITE_OK;
    }
    int before = atomic_exchange(&K.pages, pages);
    /* every 1000 pages, as often as SQLite's own checkpoint: copied soon, the WAL
     * starts over at the next write (a WAL left to grow between the keeper's
     * ticks filled a small disk by itself); and at every 16 MB more */
    if (pages / WAL_PASSIVE_PAGES > before / WAL_PASSIVE_PAGES ||
        pages / WAL_TRUNCATE_PAGES > before / WAL_TRUNCATE_PAGES) {
        pthread_mutex_lock(&K.mu);
        K.woken = true;
        pthread_cond_signal(&K.wake);
        pthread_mutex_unlock(&K.mu);
    }
    return SQLITE_OK;
}

void db_wal_watch(sqlite3 *h)
{
    sqlite3_wal_hook(h, wal_hook, NULL);
}

static struct timespec deadline_in(long ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

/* while the keeper truncates, or while it is behind (on a busy machine it may
 * wait long for a core) and the WAL is past WAL_HOLD_PAGES; not while a reader
 * holds on, which only the reader can end */
static bool must_wait(void)
{
    return atomic_load(&K.gate_closed) ||
           (atomic_load(&K.pages) >= WAL_HOLD_PAGES && !atomic_load(&K.refused));
}

void db_wal_gate(int patience_ms)
{
    if (!must_wait())
        return;
    /* bounded: the keeper opens it after at most WAL_WAIT_MS */
    struct timespec until = deadline_in(patience_ms > 0 ? patience_ms : WAL_WAIT_MS + 1000);
    pthread_mutex_lock(&K.mu);
    while (must_wait())
        if (pthread_cond_timedwait(&K.opened, &K.mu, &until) != 0)
            break;
    pthread_mutex_unlock(&K.mu);
}

static void set_gate(bool closed)
{
    pthread_mutex_lock(&K.mu);
    atomic_store(&K.gate_closed, closed);
    if (!closed)
        pthread_cond_broadcast(&K.opened);
    pthread_mutex_unlock(&K.mu);
}

/* the WAL truncated, waiting for the readers at most wait_ms */
static bool truncate_wal(int pages, int wait_ms)
{
    set_gate(true);
    long long t0 = clock_mono_ms();
    K.wait_ms = wait_ms;
    int wal = 0, copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(K.h, NULL, SQLITE_CHECKPOINT_TRUNCATE, &wal, &copied);
    if (rc == SQLITE_OK)
        atomic_store(&K.pages, 0);
    set_gate(false);
    if (rc == SQLITE_OK) {
        atomic_store(&K.refused, false);
        log_debug("database: the WAL (%d pages) started over in %lld ms", pages,
                  clock_mono_ms() - t0);
        return true;
    }
    return false;
}

/* past 16 MB: a refusal is logged at most once a minute, with how many */
static void truncate_wal_now(int pages)
{
    if (truncate_wal(pages, WAL_WAIT_MS))
        return;
    atomic_store(&K.refused, true);
    K.failures++;
    long long now = clock_mono_ms();
    K.refused_at = now;
    K.refused_pages = pages;
    if (K.logged_at && now - K.logged_at < 60000)
        return;
    log_info("database: the WAL holds %d pages and could not be started over (%s; %d "
             "tries in the last minute); trying again after 16 MB more or %d s", pages,
             sqlite3_errmsg(K.h), K.failures, WAL_RETRY_MS / 1000);
    K.logged_at = now;
    K.failures = 0;
}

/* after a refusal (a reader that holds on): the next try after another 16 MB or
 * WAL_RETRY_MS, so that such a reader costs the writers two seconds' wait at the
 * gate now and then, not all the time */
static bool too_soon(int pages)
{
    return pages < K.refused_pages + WAL_TRUNCATE_PAGES &&
           clock_mono_ms() - K.refused_at < WAL_RETRY_MS;
}

static void *keeper_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&K.mu);
    while (!K.stop) {
        if (!K.woken) {
            struct timespec until = deadline_in(KEEPER_TICK_MS);
            pthread_cond_timedwait(&K.wake, &K.mu, &until);
        }
        K.woken = false;
        if (K.stop)
            break;
        pthread_mutex_unlock(&K.mu);
        int mb = 0;
        if (db_memory_filled(&mb))   /* once: when the daemon's memory stops growing */
            log_info("database: SQLite's page caches have filled (%d MB of the %d MB bound)",
                     mb, DB_MEMORY_BOUND_MB);
        int pages = atomic_load(&K.pages);
        if (pages >= WAL_PASSIVE_PAGES) {
            int wal = 0, copied = 0;
            sqlite3_wal_checkpoint_v2(K.h, NULL, SQLITE_CHECKPOINT_PASSIVE, &wal, &copied);
            if (wal < pages)
                wal = pages;
            if (wal >= WAL_TRUNCATE_PAGES && !(atomic_load(&K.refused) && too_soon(wal)))
                truncate_wal_now(wal);
            else if (wal >= WAL_PASSIVE_PAGES && !atomic_load(&K.refused))
                truncate_wal(wal, WAL_QUICK_MS);   /* when the readers let it at once */
        }
        pthread_mutex_lock(&K.mu);
    }
    pthread_mutex_unlock(&K.mu);
    return NULL;
}

/* The keeper's patience with the readers (and a writer finishing): a look every
 * millisecond for up to WAL_WAIT_MS. SQLite's own busy handler sleeps ever
 * longer, up to 100 ms a look, and the writers wait at the gate meanwhile. */
static int keeper_busy(void *arg, int count)
{
    (void)arg;
    if (count >= K.wait_ms)
        return 0;
    sqlite3_sleep(1);
    return 1;
}

bool db_wal_keeper_start(const char *path, char *err, size_t errlen)
{
    if (atomic_load(&K.running))
        return true;
    if (sqlite3_open_v2(path, &K.h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        snprintf(err, errlen, "cannot open database %s for its checkpoints: %s", path,
                 K.h ? sqlite3_errmsg(K.h) : "out of memory");
        sqlite3_close(K.h);
        K.h = NULL;
        return false;
    }
    sqlite3_busy_handler(K.h, keeper_busy, NULL);
    /* a connection that has read nothing yet has not opened the WAL, and SQLite
     * 3.40's checkpoint on it does nothing at all */
    sqlite3_exec(K.h, "PRAGMA schema_version", NULL, NULL, NULL);
    K.stop = K.woken = false;
    K.logged_at = 0;
    K.failures = 0;
    atomic_store(&K.pages, 0);
    atomic_store(&K.refused, false);
    atomic_store(&K.running, true);
    if (pthread_create(&K.th, NULL, keeper_main, NULL) != 0) {
        atomic_store(&K.running, false);
        sqlite3_close(K.h);
        K.h = NULL;
        snprintf(err, errlen, "cannot start the checkpoint thread");
        return false;
    }
    return true;
}

void db_wal_keeper_stop(void)
{
    if (!atomic_load(&K.running))
        return;
    pthread_mutex_lock(&K.mu);
    K.stop = true;
    pthread_cond_signal(&K.wake);
    pthread_mutex_unlock(&K.mu);
    pthread_join(K.th, NULL);
    atomic_store(&K.running, false);
    atomic_store(&K.pages, 0);
    set_gate(false);
    sqlite3_close(K.h);
    K.h = NULL;
}
