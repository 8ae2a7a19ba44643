/* db.h: the SQLite store: opening (WAL, foreign keys, busy timeout), migrations,
 * short write transactions and a cache of prepared statements. One struct db per
 * thread; SQL only through bound parameters. */
#ifndef TALKA_DB_H
#define TALKA_DB_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;

/* Opens (creating) path, sets pragmas and applies migrations. sync_full picks
 * synchronous=FULL instead of NORMAL. NULL with a message in err on failure,
 * including a database written by a newer talka. */
struct db *db_open(const char *path, bool sync_full, char *err, size_t errlen);
/* Opens an existing database as it is: never creates it, never migrates it (a
 * backup before an upgrade must copy the old schema untouched). A database
 * written by a newer talka is refused like db_open() does. *pending is set to
 * the migrations this binary would apply (0: none). */
struct db *db_open_as_is(const char *path, int *pending, char *err, size_t errlen);
void db_close(struct db *db);
sqlite3 *db_handle(struct db *db);

/* Highest schema version this binary knows. */
int db_schema_version(void);

/* A prepared statement for sql, cached by the pointer of sql (pass string
 * literals), reset and with bindings cleared. NULL on error (logged). */
sqlite3_stmt *db_prep(struct db *db, const char *sql);

/* Binds by a format: i int64, I int (promoted), t text (NULL binds NULL),
 * b blob (pointer, int length), d double, n null. Returns SQLITE_OK or an error. */
int db_bind(sqlite3_stmt *st, const char *fmt, ...);

/* Runs a statement that returns no rows; true on success. */
bool db_run(struct db *db, const char *sql, const char *fmt, ...);

/* What a read found. Every helper that reads says which of the three happened,
 * so that a decision (a PIN, a lockout, a flood limit) can fail closed on an error. */
enum db_status {
    DB_BUSY = -2,  /* another connection held the lock past the busy timeout */
    DB_ERROR = -1, /* any other failure (logged): I/O, corruption, interrupt, misuse */
    DB_NONE = 0,   /* no row */
    DB_FOUND = 1,  /* a row was read */
    DB_DONE = 2,   /* a row loop ran to its end */
};
/* True for DB_BUSY and DB_ERROR: the read did not happen. */
#define DB_FAILED(s) ((s) < 0)

/* The one way to walk a statement's rows, so that every loop learns how it ended:
 *
 *     struct db_rows r = db_rows(db, st);
 *     while (db_row(&r)) { ... sqlite3_column_*(st, ...) ... }
 *     enum db_status s = db_rows_end(&r);   // DB_DONE, DB_BUSY or DB_ERROR
 *
 * st comes from db_prep() (bound by the caller, or bind_rc below carries a
 * db_bind() result: a failed bind ends the loop at once with DB_ERROR).
 * db_rows_end() resets the statement; a loop left early (break) is fine and
 * ends DB_DONE. Errors are logged once. */
struct db_rows {
    struct db *db;
    sqlite3_stmt *st;
    int rc; /* last sqlite3_step() result, or the bind/prepare failure */
};
struct db_rows db_rows(struct db *db, sqlite3_stmt *st);
struct db_rows db_rows_bound(struct db *db, sqlite3_stmt *st, int bind_rc);
bool db_row(struct db_rows *r);
enum db_status db_rows_end(struct db_rows *r);
/* For a read of one row: ends r like db_rows_end() and says DB_FOUND when got
 * (the caller's db_row() returned true), else DB_NONE, or how the read failed. */
enum db_status db_rows_end_one(struct db_rows *r, bool got);

/* The first column of the first row as an integer into *out: DB_FOUND, DB_NONE
 * (no row, or NULL; *out untouched) or DB_BUSY/DB_ERROR (logged; *out untouched). */
enum db_status db_int(struct db *db, int64_t *out, const char *sql, const char *fmt, ...)
    __attribute__((nonnull(2)));

/* The same for a figure that is 0 when there is no row (a count, a sum, a
 * total): DB_FOUND with *out set (0 for no row or NULL), or DB_BUSY/DB_ERROR with
 * *out untouched. */
enum db_status db_figure(struct db *db, int64_t *out, const char *sql, const char *fmt, ...)
    __attribute__((nonnull(2)));

/* db_int() with its parameters as a va_list (for wrappers). */
enum db_status db_int_va(struct db *db, int64_t *out, const char *sql, const char *fmt,
                         va_list ap);

/* Executes a literal SQL script (no parameters). */
bool db_exec(struct db *db, const char *sql);

/* True when a write to the database (path: for the message) would succeed;
 * false with a message naming it when the file or its directory is read-only. */
bool db_check_writable(struct db *db, const char *path, char *err, size_t errlen);

/* For a caller someone is waiting on (a USSD handset): db_begin() gives up when
 * the write lock is not had within ms (one try instead of five busy timeouts).
 * 0 restores the default patience. */
void db_set_write_wait(struct db *db, int ms);
/* True when the last failure on db was another connection holding the lock. */
bool db_busy(struct db *db);

/* A full disk: true from the first write that failed for lack of space until a
 * write goes through again (then the WAL is checkpointed and truncated, and
 * that is logged). While full, failures are logged once a minute. */
bool db_disk_full(void);
/* While the disk is full (at most every 2 s): checkpoint and truncate the WAL,
 * which gives its space back when it is what filled the disk. */
void db_reclaim(struct db *db);

/* BEGIN IMMEDIATE (waits on the busy timeout), COMMIT, ROLLBACK. */
bool db_begin(struct db *db);
bool db_commit(struct db *db);
void db_rollback(struct db *db);
/* One savepoint inside the open transaction: db_savepoint() sets it,
 * db_savepoint_undo() takes back what was done since (the transaction stays
 * open), db_savepoint_end() releases it (keeping what was done). */
bool db_savepoint(struct db *db);
void db_savepoint_undo(struct db *db);
bool db_savepoint_end(struct db *db);

/* Copies the first column of st as text into buf ("" for NULL). */
void db_col_text(sqlite3_stmt *st, int col, char *buf, size_t len);
/* The column as text, "" for NULL, valid until the next step or reset of st. */
const char *db_col_str(sqlite3_stmt *st, int col);

int64_t db_last_id(struct db *db);
int db_changes(struct db *db);

#endif
