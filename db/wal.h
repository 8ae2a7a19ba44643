/* wal.h: the checkpoints of the database's WAL. SQLite's automatic checkpoint
 * alone lets the WAL grow without end while readers never stop; db_open installs
 * a hook instead, and the daemon runs one checkpoint thread (the reasons in wal.c). */
#ifndef TALKA_DB_WAL_H
#define TALKA_DB_WAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* After each commit on h: the WAL's size noted for the keeper, which is woken
 * past 16 MB; without a keeper, a passive checkpoint past 1000 pages. */
void db_wal_watch(sqlite3 *h);

/* The keeper: a thread with its own connection to path that copies the WAL
 * into the database and, past 16 MB, starts it over. false (err says why) when
 * it cannot start. Stop it after the threads that write have stopped. */
bool db_wal_keeper_start(const char *path, char *err, size_t errlen);
void db_wal_keeper_stop(void);

/* Called before a transaction begins: waits while the keeper starts the WAL
 * over, so that it is not starved of the write lock; at most patience_ms, or
 * (0) about three seconds. */
void db_wal_gate(int patience_ms);

#endif
