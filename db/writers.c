/* writers.c: one queue for the writers of this process (see writers.h).
 *
 * SQLite has one write lock per database, and a connection that finds it taken
 * sleeps in its busy handler and looks again: after 1, 2, 5, 10 ... up to
 * 100 ms. With the Kannel callbacks, the USSD and dashboard threads and a modem
 * thread all writing, the thread that needs several transactions in a row (the
 * modem's: store the text, then handle it) lost nearly every race and slept:
 * in the soak 11 of 15 looks at the modem thread found it asleep in SQLite's
 * busy handler, and the simulated modem's half went at a quarter of Kannel's
 * pace. A mutex hands the turn to a waiting thread as soon as it is free, and
 * no one sleeps longer than needed. It is a queue, not a guarantee: a wait that
 * runs out goes on to SQLite's own lock, so a thread that (wrongly) writes on a
 * second connection inside a transaction is slowed, never stuck. */
#include "db/writers.h"

#include <pthread.h>
#include <time.h>

static pthread_mutex_t turn = PTHREAD_MUTEX_INITIALIZER;

bool db_writers_enter(int patience_ms)
{
    if (pthread_mutex_trylock(&turn) == 0)
        return true;
    if (patience_ms < 0)
        return false;   /* a short patience already spent */
    long ms = patience_ms > 0 ? patience_ms : 10000;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    return pthread_mutex_timedlock(&turn, &until) == 0;
}

void db_writers_leave(void)
{
    pthread_mutex_unlock(&turn);
}
