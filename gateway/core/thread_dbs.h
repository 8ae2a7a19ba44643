/* thread_dbs.h: one database connection per server thread, opened on the
 * thread's first request and closed with the pool. The HTTP services (USSD,
 * Kannel's callbacks, the dashboard) run libmicrohttpd's thread pool; a SQLite
 * connection must not be shared between threads, so each thread keeps its own. */
#ifndef TALKA_CORE_THREAD_DBS_H
#define TALKA_CORE_THREAD_DBS_H

#include <pthread.h>

struct app;
struct db;

#define THREAD_DBS_MAX 64

struct thread_dbs {
    const struct app *app;
    const char *who;              /* names the service in log lines */
    const char *setup_sql;        /* run on each new connection, or NULL */
    pthread_mutex_t mu;           /* guards dbs and n */
    struct db *dbs[THREAD_DBS_MAX];
    int n;
    unsigned generation;          /* unique per pool: a thread's cached connection
                                   * belongs to this pool only when it matches */
};

/* setup_sql (or NULL): run on each connection when it opens, e.g. a PRAGMA */
void thread_dbs_init(struct thread_dbs *p, const struct app *app, const char *who,
                     const char *setup_sql);
/* this thread's connection, opened on first use; NULL (logged) when it cannot be */
struct db *thread_dbs_get(struct thread_dbs *p);
/* closes every connection; call after the threads have stopped */
void thread_dbs_close(struct thread_dbs *p);

#endif
