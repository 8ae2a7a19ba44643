/* wal.h: the checkpoints of a connection's WAL. SQLite's automatic checkpoint
 * alone lets the WAL grow without end while readers never stop; db_open installs
 * this instead (the reasons in wal.c). */
#ifndef TALKA_DB_WAL_H
#define TALKA_DB_WAL_H

#include <sqlite3.h>

/* After each commit on h: a passive checkpoint past 1000 pages, and past 16 MB
 * one that waits for the readers and truncates the WAL. */
void db_wal_watch(sqlite3 *h);

#endif
