/* http_guard.c: request deadlines and shedding for one HTTP endpoint (see
 * http_guard.h). Every connection is in a list, oldest first, with the time its
 * request must have arrived by (0 while its request is being answered). A
 * thread looks at the list twice a second; a connection past its deadline, or
 * the oldest waiting one when the endpoint is nearly full, is shut down with
 * shutdown(2): libmicrohttpd sees the end of the stream and closes it in its
 * own thread. The descriptor stays open until libmicrohttpd's CLOSED
 * notification, which takes the same lock, so it is never another's. */
#include "gateway/core/http_guard.h"

#include "gateway/base/clock.h"
#include "gateway/base/log.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

struct guarded {
    struct guarded *prev, *next;
    int fd;
    long long deadline;   /* monotonic ms; 0: being answered, or already shut */
    bool shut;
};

struct http_guard {
    char section[16];
    long long deadline_ms;
    unsigned max_conn, spare;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    bool stop;
    struct guarded *head, *tail;
    unsigned live;              /* connections in the list not yet shut */
    unsigned long late, shed;   /* counted since the last log line */
    long long next_log;
};

static void unlink_conn(struct http_guard *G, struct guarded *c)
{
    if (c->prev) c->prev->next = c->next; else G->head = c->next;
    if (c->next) c->next->prev = c->prev; else G->tail = c->prev;
    c->prev = c->next = NULL;
}

static void append(struct http_guard *G, struct guarded *c)
{
    c->prev = G->tail;
    c->next = NULL;
    if (G->tail) G->tail->next = c; else G->head = c;
    G->tail = c;
}

/* with G->mu held */
static void shut(struct http_guard *G, struct guarded *c)
{
    if (c->shut)
        return;
    c->shut = true;
    c->deadline = 0;
    G->live--;
    shutdown(c->fd, SHUT_RDWR);
}

/* with G->mu held: what was closed, at most once a minute */
static void log_counts(struct http_guard *G, long long now)
{
    if ((!G->late && !G->shed) || now < G->next_log)
        return;
    log_info("%s: closed %lu connection%s whose request did not arrive within %lld s and %lu "
             "waiting one%s at capacity (%u connections)", G->section, G->late,
             G->late == 1 ? "" : "s", G->deadline_ms / 1000, G->shed, G->shed == 1 ? "" : "s",
             G->max_conn);
    G->late = G->shed = 0;
    G->next_log = now + 60000;
}

static void *watch(void *arg)
{
    struct http_guard *G = arg;
    pthread_mutex_lock(&G->mu);
    while (!G->stop) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 500 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&G->cv, &G->mu, &ts);
        long long now = clock_mono_ms();
        for (struct guarded *c = G->head; c; c = c->next)
            if (c->deadline && now >= c->deadline) {
                shut(G, c);
                G->late++;
            }
        log_counts(G, now);
    }
    pthread_mutex_unlock(&G->mu);
    return NULL;
}

struct http_guard *http_guard_new(const char *section, unsigned deadline_s, unsigned max_conn,
                                  unsigned spare)
{
    struct http_guard *G = calloc(1, sizeof *G);
    if (!G)
        return NULL;
    snprintf(G->section, sizeof G->section, "%s", section);
    G->deadline_ms = (long long)deadline_s * 1000;
    G->max_conn = max_conn;
    G->spare = spare < max_conn ? spare : max_conn / 2;
    pthread_mutex_init(&G->mu, NULL);
    pthread_cond_init(&G->cv, NULL);
    if (pthread_create(&G->thread, NULL, watch, G) != 0) {
        pthread_cond_destroy(&G->cv);
        pthread_mutex_destroy(&G->mu);
        free(G);
        return NULL;
    }
    return G;
}

/* a new connection: when the endpoint is nearly full, the oldest one still
 * waiting for its request makes room (those being answered are left alone) */
static void started(struct http_guard *G, struct guarded *c)
{
    append(G, c);
    G->live++;
    for (struct guarded *o = G->head; o && G->live + G->spare > G->max_conn; o = o->next)
        if (o != c && o->deadline) {
            shut(G, o);
            G->shed++;
        }
}

void http_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                       enum MHD_ConnectionNotificationCode code)
{
    struct http_guard *G = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct guarded *c = ci ? calloc(1, sizeof *c) : NULL;
        *socket_context = c;
        if (!c)
            return;
        c->fd = ci->connect_fd;
        pthread_mutex_lock(&G->mu);
        c->deadline = clock_mono_ms() + G->deadline_ms;
        started(G, c);
        pthread_mutex_unlock(&G->mu);
        return;
    }
    struct guarded *c = *socket_context;   /* MHD_CONNECTION_NOTIFY_CLOSED */
    if (!c)
        return;
    pthread_mutex_lock(&G->mu);
    unlink_conn(G, c);
    if (!c->shut)
        G->live--;
    pthread_mutex_unlock(&G->mu);
    free(c);
    *socket_context = NULL;
}

static struct guarded *of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

void http_guard_request(struct http_guard *G, struct MHD_Connection *conn, bool first,
                        size_t upload_size)
{
    struct guarded *c = of(conn);
    if (!c || first || upload_size)
        return;
    pthread_mutex_lock(&G->mu);
    c->deadline = 0;   /* all of it came in time: now it is answered */
    pthread_mutex_unlock(&G->mu);
}

void http_guard_completed(struct http_guard *G, struct MHD_Connection *conn)
{
    struct guarded *c = of(conn);
    if (!c)
        return;
    pthread_mutex_lock(&G->mu);
    if (!c->shut) {   /* the next request on this connection, from now */
        c->deadline = clock_mono_ms() + G->deadline_ms;
        unlink_conn(G, c);
        append(G, c);
    }
    pthread_mutex_unlock(&G->mu);
}

void http_guard_free(struct http_guard *G)
{
    if (!G)
        return;
    pthread_mutex_lock(&G->mu);
    G->stop = true;
    pthread_cond_signal(&G->cv);
    pthread_mutex_unlock(&G->mu);
    pthread_join(G->thread, NULL);
    pthread_cond_destroy(&G->cv);
    pthread_mutex_destroy(&G->mu);
    free(G);
}
