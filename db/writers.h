/* writers.h: the daemon's writers take turns in the process before they take
 * SQLite's write lock (the reasons in writers.c). */
#ifndef TALKA_DB_WRITERS_H
#define TALKA_DB_WRITERS_H

#include <stdbool.h>

/* waits for this process's turn to write, at most patience_ms (0: the usual
 * ten seconds; below 0: only when it is free now): true when the turn is held (give it back with
 * db_writers_leave), false when the wait ran out (then SQLite's own lock
 * decides, as without the queue) */
bool db_writers_enter(int patience_ms);
void db_writers_leave(void);

#endif
