/* test_db_wal.c: the WAL stays bounded while readers never stop and several
 * writers take turns, as in the daemon. Two reader threads take turns holding a
 * read transaction, so at every commit one of them is inside the WAL, while two
 * writer threads, each with its own connection, commit 128 MB between them.
 * With SQLite's automatic (passive) checkpoint alone the WAL never starts over
 * and grows by all of it (the soak saw 1.7 GB; 284 MB here); the checkpoint
 * thread (db_wal_keeper_start) truncates it once it passes 16 MB, closing the
 * gate to new transactions and waiting for the readers to move on. The bound,
 * 64 MB, leaves room for a loaded machine, where a reader may wait long for a
 * core. Without the keeper this test fails. */
#include "db/db.h"
#include "db/wal.h"
#include "tests/test.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

static atomic_bool stop;
static atomic_llong largest;
static atomic_int write_failures;
static const char *db_path;
static char wal_path[560];

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

/* 1024 transactions of 64 KiB, the table emptied now and then (64 MB each) */
static void *writer(void *arg)
{
    (void)arg;
    char err[512] = "";
    struct db *db = db_open(db_path, false, err, sizeof err);
    if (!db) {
        atomic_fetch_add(&write_failures, 1);
        return NULL;
    }
    for (int i = 0; i < 1024; i++) {
        bool ok = db_begin(db);
        ok = ok && db_run(db, "INSERT INTO filler VALUES (zeroblob(65536))", "");
        if (ok && i % 16 == 15)
            ok = db_run(db, "DELETE FROM filler", "");
        if (!ok) {
            db_rollback(db);
            atomic_fetch_add(&write_failures, 1);
            continue;
        }
        if (!db_commit(db))
            atomic_fetch_add(&write_failures, 1);
        struct stat st;
        long long seen = atomic_load(&largest);
        if (stat(wal_path, &st) == 0 && st.st_size > seen)
            atomic_compare_exchange_strong(&largest, &seen, (long long)st.st_size);
    }
    db_close(db);
    return NULL;
}

TEST(db_wal_stays_bounded_while_readers_never_stop)
{
    char path[512];
    snprintf(path, sizeof path, "%s/wal_bound.db", test_tmpdir());
    snprintf(wal_path, sizeof wal_path, "%s-wal", path);
    remove(path);
    remove(wal_path);
    db_path = path;
    char err[512] = "";
    struct db *db = db_open(path, false, err, sizeof err);
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK(db_exec(db, "CREATE TABLE filler (b BLOB)"));
    CHECK(db_wal_keeper_start(path, err, sizeof err));
    atomic_store(&stop, false);
    atomic_store(&largest, 0);
    atomic_store(&write_failures, 0);
    pthread_t r1, r2, w1, w2;
    CHECK(pthread_create(&r1, NULL, reader, (void *)(intptr_t)0) == 0);
    CHECK(pthread_create(&r2, NULL, reader, (void *)(intptr_t)1000) == 0);
    CHECK(pthread_create(&w1, NULL, writer, NULL) == 0);
    CHECK(pthread_create(&w2, NULL, writer, NULL) == 0);
    pthread_join(w1, NULL);
    pthread_join(w2, NULL);
    atomic_store(&stop, true);
    pthread_join(r1, NULL);
    pthread_join(r2, NULL);
    db_wal_keeper_stop();
    CHECK(atomic_load(&write_failures) == 0);
    long long most = atomic_load(&largest);
    if (most >= 64LL << 20)
        test_fail(__FILE__, __LINE__, "the WAL reached %lld MB", most >> 20);
    CHECK(most < 64LL << 20);
    db_close(db);
    remove(path);
    remove(wal_path);
}
