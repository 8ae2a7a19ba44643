/* thread_dbs.c: one database connection per server thread (see thread_dbs.h). */
#include "gateway/core/thread_dbs.h"
#include "gateway/base/log.h"
#include "gateway/core/app.h"
#include "db/db.h"

#include <stdatomic.h>

static atomic_uint generations;
static _Thread_local struct db *thread_conn;
static _Thread_local unsigned thread_gen;

void thread_dbs_init(struct thread_dbs *p, const struct app *app, const char *who,
                     const char *setup_sql)
{
    p->app = app;
    p->who = who;
    p->setup_sql = setup_sql;
    pthread_mutex_init(&p->mu, NULL);
    p->n = 0;
    p->generation = atomic_fetch_add(&generations, 1) + 1;
}

struct db *thread_dbs_get(struct thread_dbs *p)
{
    if (thread_conn && thread_gen == p->generation)
        return thread_conn;
    char err[512] = "";
    struct db *db = app_db_connect(p->app, err, sizeof err);
    if (!db) {
        log_error("%s: %s", p->who, err);
        return NULL;
    }
    if (p->setup_sql)
        db_exec(db, p->setup_sql);
    pthread_mutex_lock(&p->mu);
    if (p->n >= THREAD_DBS_MAX) {
        pthread_mutex_unlock(&p->mu);
        db_close(db);
        log_error("%s: too many threads for database connections", p->who);
        return NULL;
    }
    p->dbs[p->n++] = db;
    pthread_mutex_unlock(&p->mu);
    thread_conn = db;
    thread_gen = p->generation;
    return db;
}

void thread_dbs_close(struct thread_dbs *p)
{
    for (int i = 0; i < p->n; i++)
        db_close(p->dbs[i]);
    p->n = 0;
    pthread_mutex_destroy(&p->mu);
}
