/* db.c: SQLite connection set-up, migrations and the prepared-statement cache. */
#include "db/db.h"
#include "db/db_fold.h"
#include "db/migrate.h"
#include "db/page_cache.h"
#include "db/wal.h"
#include "db/writers.h"
#include "gateway/base/log.h"

#include <assert.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


struct db {
    sqlite3 *h;
    int n;
    /* keyed by the SQL literal's address; it only grows (the literals are a fixed
     * set), so a statement handed out is never finalised while a caller holds it */
    struct stmt_slot { const char *sql; sqlite3_stmt *st; } *cache;
    int cap;
    int write_wait_ms;   /* 0: the default patience; else one BEGIN within this */
    bool turn;           /* holds this process's turn to write (db/writers.c) */
};

static long long mono_ms(void);

/* The turn to write, after the WAL's gate (db/wal.c). A caller with a short
 * patience (db_set_write_wait) waits for the two at most half of it, and for
 * SQLite's lock what is left: a USSD answer stays within its time. */
static void take_turn(struct db *db)
{
    if (db->turn)
        return;
    int patience = db->write_wait_ms;
    long long t0 = mono_ms();
    db_wal_gate(patience ? (patience + 1) / 2 : 0);
    int waited = (int)(mono_ms() - t0);
    int turn_wait = (patience + 1) / 2 - waited;
    db->turn = db_writers_enter(!patience ? 0 : turn_wait > 0 ? turn_wait : -1);
    if (patience) {
        int left = patience - (int)(mono_ms() - t0);
        sqlite3_busy_timeout(db->h, left > 1 ? left : 1);
    }
}

static void give_turn(struct db *db)
{
    if (db->turn)
        db_writers_leave();
    db->turn = false;
    if (db->write_wait_ms)
        sqlite3_busy_timeout(db->h, db->write_wait_ms);
}

/* A full disk, process-wide: when a write first failed for lack of space
 * (mono ms, 0: not full), and when that was last logged. While full, the same
 * failure is logged once a minute, not at every retry. */
static _Atomic long long full_since, full_logged;
static _Atomic long long reclaim_at;

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* logs a failed call on db; a full disk once a minute */
static void report(struct db *db, const char *what, const char *msg)
{
    if ((sqlite3_extended_errcode(db->h) & 0xff) != SQLITE_FULL) {
        log_error("%s: %s", what, msg ? msg : sqlite3_errmsg(db->h));
        return;
    }
    long long now = mono_ms(), zero = 0;
    atomic_compare_exchange_strong(&full_since, &zero, now);
    long long last = atomic_load(&full_logged);
    if ((last == 0 || now - last >= 60000) &&
        atomic_compare_exchange_strong(&full_logged, &last, now))
        log_error("database: the disk is full (%s); texts stay on the modem and writes are "
                  "retried (logged once a minute)", what);
    else   /* each refused write, for whoever counts the retries (harden_full_disk) */
        log_debug("database: the disk is still full (%s)", what);
}

/* a write went through: if the disk was full, it is not any more */
static void wrote(struct db *db)
{
    long long since = atomic_load(&full_since);
    if (!since || !atomic_compare_exchange_strong(&full_since, &since, 0))
        return;
    /* said when the full disk was said (a write that fit between two failures
     * is not news); the next "full" is still at most once a minute */
    if (atomic_load(&full_logged) >= since)
        log_info("database: disk space is back after %lld s; writes resumed",
                 (mono_ms() - since) / 1000);
    /* give the WAL's space back so it does not refill what was freed */
    sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}

bool db_disk_full(void) { return atomic_load(&full_since) != 0; }

void db_reclaim(struct db *db)
{
    long long now = mono_ms(), at = atomic_load(&reclaim_at);
    if (!db_disk_full() || now - at < 2000 ||
        !atomic_compare_exchange_strong(&reclaim_at, &at, now))
        return;
    /* copy what the WAL holds into the database and truncate it: when the WAL is
     * what filled the disk, this is how space returns */
    int rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    if (rc == SQLITE_OK)
        log_debug("database: WAL checkpointed and truncated while the disk is full");
}

int db_schema_version(void)
{
    int v = 0;
    for (const struct migration *m = migrations; m->sql; m++)
        if (m->version > v)
            v = m->version;
    return v;
}

static bool newer_schema(int cur, int max, char *err, size_t errlen)
{
    if (cur <= max)
        return false;
    snprintf(err, errlen,
             "database schema version %d is newer than this talka understands (%d): "
             "run a newer talka, or restore a backup made by this version", cur, max);
    return true;
}

/* Every pending migration under one write lock, with the version re-read once
 * the lock is held: two talka commands started together on a new database must
 * not both apply 001 (the second would find its tables already there). */
static bool migrate(struct db *db, char *err, size_t errlen)
{
    int64_t cur = 0;
    int max = db_schema_version();
    if (DB_FAILED(db_int(db, &cur, "PRAGMA user_version", ""))) {
        snprintf(err, errlen, "cannot read the schema version: %s", sqlite3_errmsg(db->h));
        return false;
    }
    if (newer_schema((int)cur, max, err, errlen))
        return false;
    if (cur == max)
        return true;
    if (!db_begin(db)) {
        snprintf(err, errlen, "cannot lock the database to migrate it: %s", sqlite3_errmsg(db->h));
        return false;
    }
    cur = 0;
    if (DB_FAILED(db_int(db, &cur, "PRAGMA user_version", ""))) {
        snprintf(err, errlen, "cannot read the schema version: %s", sqlite3_errmsg(db->h));
        db_rollback(db);
        return false;
    }
    if (newer_schema((int)cur, max, err, errlen)) {
        db_rollback(db);
        return false;
    }
    int from = (int)cur;
    for (const struct migration *m = migrations; m->sql; m++) {
        if (m->version <= from)
            continue;
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
        if (!db_exec(db, m->sql) || !db_exec(db, pragma)) {
            snprintf(err, errlen, "migration %s failed: %s", m->name, sqlite3_errmsg(db->h));
            db_rollback(db);
            return false;
        }
    }
    if (!db_commit(db)) {
        snprintf(err, errlen, "cannot commit the migrations: %s", sqlite3_errmsg(db->h));
        return false;
    }
    if (from > 0 && from < max)   /* from == max: another command did it meanwhile */
        log_info("database upgraded from schema %d to %d", from, max);
    return true;
}

/* WAL mode, waited for. On a new database two talka commands started together
 * both switch it: one holds the write lock and waits for the other's read lock
 * to go, and SQLite answers the other SQLITE_BUSY at once, without its busy
 * handler (waiting there would deadlock). That one has let go of its read lock
 * by then; it tries again within the usual 10 s patience. */
static bool wal_mode(struct db *db, const char *path, char *err, size_t errlen)
{
    long long until = mono_ms() + 10000;
    for (;;) {
        int rc = sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return true;
        if ((rc & 0xff) != SQLITE_BUSY || mono_ms() >= until) {
            snprintf(err, errlen, "cannot switch database %s to WAL mode: %s", path,
                     sqlite3_errmsg(db->h));
            return false;
        }
        sqlite3_sleep(5);
    }
}

/* the pragmas and the migrations; a command that starts while another sets up
 * or migrates the same new database waits for its lock like every other write
 * (bounded: SETUP_WAIT_MS), saying once why it waits */
#define SETUP_WAIT_MS 30000
static bool set_up(struct db *db, const char *path, const char *pragmas, char *err,
                   size_t errlen)
{
    long long until = mono_ms() + SETUP_WAIT_MS;
    bool said = false;
    for (;;) {
        err[0] = '\0';
        if (sqlite3_exec(db->h, pragmas, NULL, NULL, NULL) == SQLITE_OK &&
            migrate(db, err, errlen))
            return true;
        int rc = sqlite3_errcode(db->h) & 0xff;
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || mono_ms() >= until)
            return false;
        if (!said)
            log_info("database %s: set-up waits for another command's lock (%s)", path,
                     sqlite3_errmsg(db->h));
        said = true;
        sqlite3_sleep(20);
    }
}

struct db *db_open(const char *path, bool sync_full, char *err, size_t errlen)
{
    struct db *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    db_memory_bound();   /* all connections' caches together */
    int rc = sqlite3_open_v2(path, &db->h,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database %s: %s", path,
                 db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
        db_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db->h, 10000);
    db_fold_register(db->h);   /* without it only the volunteer search by name fails */
    char pragmas[256];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA synchronous=%s; PRAGMA foreign_keys=ON;"
             /* a WAL reused after each checkpoint and cut back to 8 MB when it grew
              * past that: a WAL allowed to reach 40 MB filled a small disk by itself,
              * and once the disk was full the checkpoint that would give its space
              * back could not grow the database file (the checkpoints: db/wal.c) */
             " PRAGMA journal_size_limit=8388608;"
             /* statement journals (a statement's undo inside a transaction: the
              * triggers and foreign keys of a batch's inserts) in memory: on disk
              * they spilled to a temporary file after 64 KiB, and writing it took
              * 14 pages a text, nine in ten of the pipeline's writes. The WAL alone
              * makes a commit durable; a statement journal never outlives its
              * transaction */
             " PRAGMA temp_store=MEMORY;",
             sync_full ? "FULL" : "NORMAL");
    bool wal = wal_mode(db, path, err, errlen);
    if (wal)
        db_wal_watch(db->h);   /* the checkpoints, instead of wal_autocheckpoint */
    if (!wal || !set_up(db, path, pragmas, err, errlen)) {
        if (!err[0])
            snprintf(err, errlen, "cannot set up database %s: %s", path, sqlite3_errmsg(db->h));
        db_close(db);
        return NULL;
    }
    return db;
}

struct db *db_open_as_is(const char *path, int *pending, char *err, size_t errlen)
{
    struct db *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database %s: %s", path,
                 db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
        db_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db->h, 10000);
    int64_t cur = 0;
    int max = db_schema_version();
    if (DB_FAILED(db_int(db, &cur, "PRAGMA user_version", ""))) {
        snprintf(err, errlen, "cannot read the schema version of %s: %s", path,
                 sqlite3_errmsg(db->h));
        db_close(db);
        return NULL;
    }
    if (newer_schema((int)cur, max, err, errlen)) {
        db_close(db);
        return NULL;
    }
    *pending = 0;
    for (const struct migration *m = migrations; m->sql; m++)
        *pending += m->version > cur;
    return db;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    for (int i = 0; i < db->n; i++)
        sqlite3_finalize(db->cache[i].st);
    free(db->cache);
    sqlite3_close_v2(db->h);
    free(db);
}

sqlite3 *db_handle(struct db *db) { return db->h; }

sqlite3_stmt *db_prep(struct db *db, const char *sql)
{
    for (int i = 0; i < db->n; i++) {
        if (db->cache[i].sql == sql) {
            sqlite3_reset(db->cache[i].st);
            sqlite3_clear_bindings(db->cache[i].st);
            return db->cache[i].st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        report(db, "sql prepare failed", NULL);
        return NULL;
    }
    if (db->n == db->cap) {
        int cap = db->cap ? db->cap * 2 : 64;
        assert(cap <= 4096); /* more distinct statements than talka has literals */
        struct stmt_slot *c = realloc(db->cache, sizeof *c * (size_t)cap);
        if (!c) {
            sqlite3_finalize(st);
            log_error("sql prepare: out of memory");
            return NULL;
        }
        db->cache = c;
        db->cap = cap;
    }
    db->cache[db->n].sql = sql;
    db->cache[db->n].st = st;
    db->n++;
    return st;
}

static int bind_va(sqlite3_stmt *st, const char *fmt, va_list ap)
{
    int rc = SQLITE_OK;
    for (int i = 0; fmt && fmt[i] && rc == SQLITE_OK; i++) {
        int idx = i + 1;
        switch (fmt[i]) {
        case 'i': rc = sqlite3_bind_int64(st, idx, va_arg(ap, int64_t)); break;
        case 'I': rc = sqlite3_bind_int64(st, idx, va_arg(ap, int)); break;
        case 'd': rc = sqlite3_bind_double(st, idx, va_arg(ap, double)); break;
        case 'n': rc = sqlite3_bind_null(st, idx); break;
        case 't': {
            const char *s = va_arg(ap, const char *);
            rc = s ? sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, idx);
            break;
        }
        case 'b': {
            const void *p = va_arg(ap, const void *);
            int len = va_arg(ap, int);
            rc = sqlite3_bind_blob(st, idx, p ? p : "", len, SQLITE_TRANSIENT);
            break;
        }
        default: rc = SQLITE_MISUSE;
        }
    }
    return rc;
}

int db_bind(sqlite3_stmt *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = bind_va(st, fmt, ap);
    va_end(ap);
    return rc;
}

bool db_run(struct db *db, const char *sql, const char *fmt, ...)
{
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return false;
    va_list ap;
    va_start(ap, fmt);
    int rc = bind_va(st, fmt, ap);
    va_end(ap);
    bool alone = sqlite3_get_autocommit(db->h) && !sqlite3_stmt_readonly(st);
    if (alone)   /* a write in a transaction of its own */
        take_turn(db);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    bool failed = rc != SQLITE_DONE && rc != SQLITE_ROW;
    if (failed)
        report(db, "sql failed", NULL);
    sqlite3_reset(st);
    if (alone)
        give_turn(db);
    if (failed)
        return false;
    if (sqlite3_get_autocommit(db->h))
        wrote(db);
    return true;
}

enum db_status db_int_va(struct db *db, int64_t *out, const char *sql, const char *fmt,
                         va_list ap)
{
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows_bound(db, st, st ? bind_va(st, fmt, ap) : SQLITE_ERROR);
    bool got = db_row(&r) && sqlite3_column_type(st, 0) != SQLITE_NULL;
    if (got)
        *out = sqlite3_column_int64(st, 0);
    return db_rows_end_one(&r, got);
}

enum db_status db_int(struct db *db, int64_t *out, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum db_status r = db_int_va(db, out, sql, fmt, ap);
    va_end(ap);
    return r;
}

enum db_status db_figure(struct db *db, int64_t *out, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int64_t v = 0;
    enum db_status r = db_int_va(db, &v, sql, fmt, ap);
    va_end(ap);
    if (DB_FAILED(r))
        return r;
    *out = v;
    return DB_FOUND;
}

struct db_rows db_rows(struct db *db, sqlite3_stmt *st)
{
    return db_rows_bound(db, st, st ? SQLITE_OK : SQLITE_ERROR);
}

struct db_rows db_rows_bound(struct db *db, sqlite3_stmt *st, int bind_rc)
{
    struct db_rows r = { db, st, bind_rc == SQLITE_OK ? SQLITE_ROW : bind_rc };
    if (!st && r.rc == SQLITE_ROW)
        r.rc = SQLITE_ERROR;
    return r;
}

bool db_row(struct db_rows *r)
{
    if (r->rc != SQLITE_ROW)
        return false;
    r->rc = sqlite3_step(r->st);
    return r->rc == SQLITE_ROW;
}

enum db_status db_rows_end(struct db_rows *r)
{
    int rc = r->rc;
    enum db_status s = DB_DONE;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        int base = rc & 0xff;
        s = base == SQLITE_BUSY || base == SQLITE_LOCKED ? DB_BUSY : DB_ERROR;
        report(r->db, "sql failed", NULL);
    }
    if (r->st)
        sqlite3_reset(r->st);
    r->rc = SQLITE_DONE;
    return s;
}

enum db_status db_rows_end_one(struct db_rows *r, bool got)
{
    enum db_status s = db_rows_end(r);
    return DB_FAILED(s) ? s : got ? DB_FOUND : DB_NONE;
}

bool db_exec(struct db *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        report(db, "sql failed", msg);
        sqlite3_free(msg);
        return false;
    }
    return true;
}

bool db_check_writable(struct db *db, const char *path, char *err, size_t errlen)
{
    if (sqlite3_db_readonly(db->h, "main") == 1) {
        snprintf(err, errlen, "the database %s is read-only", path);
        return false;
    }
    /* a real write, rolled back: the header's version written back unchanged */
    int64_t version = 0;
    if (DB_FAILED(db_int(db, &version, "PRAGMA user_version", ""))) {
        snprintf(err, errlen, "cannot read the database %s: %s", path, sqlite3_errmsg(db->h));
        return false;
    }
    char sql[96];
    snprintf(sql, sizeof sql, "BEGIN IMMEDIATE; PRAGMA user_version = %d;", (int)version);
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        snprintf(err, errlen, "cannot write to the database %s: %s", path, sqlite3_errmsg(db->h));
    db_rollback(db);
    return rc == SQLITE_OK;
}

void db_set_write_wait(struct db *db, int ms)
{
    db->write_wait_ms = ms > 0 ? ms : 0;
    sqlite3_busy_timeout(db->h, ms > 0 ? ms : 10000);
}

bool db_busy(struct db *db)
{
    int rc = sqlite3_errcode(db->h) & 0xff;
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

bool db_begin(struct db *db)
{
    /* busy_timeout covers BEGIN IMMEDIATE; retry a few times past it under heavy
     * load, unless the caller cannot wait (db_set_write_wait) */
    take_turn(db);
    for (int i = 0; i < (db->write_wait_ms ? 1 : 5); i++) {
        int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return true;
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
    }
    report(db, "cannot begin transaction", NULL);
    /* a BEGIN can fail after it opened the transaction (interrupted on its way
     * out): never leave one open that the caller believes was not begun */
    db_rollback(db);
    return false;
}

bool db_commit(struct db *db)
{
    if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) {
        give_turn(db);
        wrote(db);
        return true;
    }
    report(db, "commit failed", NULL);
    db_rollback(db);
    return false;
}

void db_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(db->h))
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    give_turn(db);
}

bool db_savepoint(struct db *db) { return db_exec(db, "SAVEPOINT inner_work"); }
void db_savepoint_undo(struct db *db) { db_exec(db, "ROLLBACK TO inner_work"); }
bool db_savepoint_end(struct db *db) { return db_exec(db, "RELEASE inner_work"); }

const char *db_col_str(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return s ? s : "";
}

void db_col_text(sqlite3_stmt *st, int col, char *buf, size_t len)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    snprintf(buf, len, "%s", s ? (const char *)s : "");
}

int64_t db_last_id(struct db *db) { return sqlite3_last_insert_rowid(db->h); }
int db_changes(struct db *db) { return sqlite3_changes(db->h); }
