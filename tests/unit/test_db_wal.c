/* test_db_wal.c: the WAL stays bounded while readers never stop. Two reader
 * threads take turns holding a read transaction, so at every commit one of them
 * is inside the WAL, while a writer commits 128 MB. With SQLite's automatic
 * (passive) checkpoint alone the WAL never starts over and grows by all of it
 * (the soak saw 1.7 GB; 284 MB here); db_open's checkpoint hook truncates it
 * once it passes 16 MB, waiting for the readers to move on. The bound, 64 MB,
 * leaves room for a loaded machine, where a reader may wait long for a core. */
#include "db/db.h"
#include "tests/test.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

static atomic_bool stop;
static const char *db_path;

static void *reader(void *arg)
{
    long offset_us = (long)(intptr_t)arg;
    sqlite3 *h = NULL;
    if (sqlite3_open(db_path, &h) != SQLITE_OK)
        return NULL;
    sqlite3_busy_timeout(h, 10000);
    nanosleep(&(struct timespec){ .tv_nsec = offset_us * 1000 }, NULL);
    while (!atomic_load(&stop)) {
        sqlite3_exec(h, "BEGIN; SELECT count(*) FROM meta;", NULL, NULL, NULL);
        nanosleep(&(struct timespec){ .tv_nsec = 2 * 1000000L }, NULL);   /* holds 2 ms */
        sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
    }
    sqlite3_close(h);
    return NULL;
}

TEST(db_wal_stays_bounded_while_readers_never_stop)
{
    char path[512], wal[560];
    snprintf(path, sizeof path, "%s/wal_bound.db", test_tmpdir());
    snprintf(wal, sizeof wal, "%s-wal", path);
    remove(path);
    remove(wal);
    db_path = path;
    char err[512] = "";
    struct db *db = db_open(path, false, err, sizeof err);
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK(db_exec(db, "CREATE TABLE filler (b BLOB)"));
    atomic_store(&stop, false);
    pthread_t r1, r2;
    CHECK(pthread_create(&r1, NULL, reader, (void *)(intptr_t)0) == 0);
    CHECK(pthread_create(&r2, NULL, reader, (void *)(intptr_t)1000) == 0);
    long long largest = 0;
    for (int i = 0; i < 2048; i++) {       /* 2048 commits of 64 KiB: 128 MB */
        CHECK(db_run(db, "INSERT INTO filler VALUES (zeroblob(65536))", ""));
        if (i % 16 == 15)
            CHECK(db_run(db, "DELETE FROM filler", ""));
        struct stat st;
        if (stat(wal, &st) == 0 && st.st_size > largest)
            largest = st.st_size;
    }
    atomic_store(&stop, true);
    pthread_join(r1, NULL);
    pthread_join(r2, NULL);
    if (largest >= 64LL << 20)
        test_fail(__FILE__, __LINE__, "the WAL reached %lld MB", largest >> 20);
    CHECK(largest < 64LL << 20);
    db_close(db);
    remove(path);
    remove(wal);
}
