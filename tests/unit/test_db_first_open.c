/* test_db_first_open.c: a new database opened while another connection holds
 * its write lock. Two talka commands started together on a new database meet
 * this: SQLite answers the switch to WAL mode SQLITE_BUSY at once, without its
 * busy handler, and db_open must wait for the lock instead of failing
 * (harden_first_start failed about once in 200 starts before). */
#include "db/db.h"
#include "tests/test.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

struct opener {
    const char *path;
    atomic_bool started;
    struct db *db;
    char err[512];
};

static void *open_it(void *arg)
{
    struct opener *o = arg;
    atomic_store(&o->started, true);
    o->db = db_open(o->path, false, o->err, sizeof o->err);
    return NULL;
}

TEST(db_open_waits_for_a_write_lock_held_on_a_new_database)
{
    char path[512];
    snprintf(path, sizeof path, "%s/first_open.db", test_tmpdir());
    remove(path);
    /* the other command: it created the file and holds the write lock */
    sqlite3 *other = NULL;
    CHECK(sqlite3_open(path, &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);

    struct opener o = { .path = path };
    pthread_t th;
    CHECK(pthread_create(&th, NULL, open_it, &o) == 0);
    while (!atomic_load(&o.started))
        sched_yield();
    /* held for a while after the opener started: the opener meets the lock (an
     * opener that does not wait has failed long before the lock goes) */
    nanosleep(&(struct timespec){ .tv_nsec = 300 * 1000000L }, NULL);
    CHECK(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
    pthread_join(th, NULL);
    if (!o.db)
        test_fail(__FILE__, __LINE__, "db_open: %s", o.err);
    CHECK(o.db != NULL);
    if (o.db) {
        int64_t version = -1;
        CHECK(db_int(o.db, &version, "PRAGMA user_version", "") == DB_FOUND);
        CHECK_INT(version, db_schema_version());
        db_close(o.db);
    }
    sqlite3_stmt *st = NULL;
    CHECK(sqlite3_prepare_v2(other, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(other);
}
