/* run_lock.h: one `talka run` per database. The daemon holds an exclusive
 * flock on DATABASE.run.lock (which names its PID) for as long as it runs; a
 * second one is refused before it touches anything. Other subcommands do not
 * take the lock and keep working beside the daemon. */
#ifndef TALKA_RUN_LOCK_H
#define TALKA_RUN_LOCK_H

#include <stddef.h>

/* Takes the lock for db_path. Returns its file descriptor (kept open until the
 * process exits), or -1 with a message in err: another daemon holds it (naming
 * its PID) or the lock file cannot be used. */
int run_lock_take(const char *db_path, char *err, size_t errlen);

/* Releases the lock and removes the PID from the file. */
void run_lock_release(int fd);

#endif
