/* ussd_service.c: the USSD endpoint inside `talka run` (libmicrohttpd): checks
 * the caller's address against [ussd] allow and the `key` query parameter
 * against the secret (403 and nothing else otherwise), reads the provider's
 * request through its adapter and answers with the menu's next screen. */
#include "gateway/ussd/ussd_service.h"

#include "gateway/ussd/ussd_allow.h"
#include "gateway/ussd/ussd_adapters.h"
#include "gateway/ussd/ussd_handler.h"
#include "gateway/core/names.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/core/service.h"

#include <microhttpd.h>
#include <openssl/crypto.h>

#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS 64
#define BODY_MAX (64 * 1024)

struct ussd_server {
    struct MHD_Daemon *daemon;
    struct ussd_handler handler;
    struct ussd_screens *screens;
    const struct ussd_adapter *adapter;
    struct ussd_allow allow;
    char key[256];
    size_t keylen;
    char path[128];
    const struct app *app;
    pthread_mutex_t mu;
    struct db *dbs[MAX_THREADS];
    int ndbs;
    unsigned generation;
};

static struct ussd_server *server;
static unsigned generations;
static _Thread_local struct db *thread_db_conn;
static _Thread_local unsigned thread_db_gen;

struct conn_state {
    void *adapter_state;
    size_t body;
    bool bad, too_big;
};

/* this MHD thread's database connection, opened on first use */
static struct db *thread_db(struct ussd_server *S)
{
    if (thread_db_conn && thread_db_gen == S->generation)
        return thread_db_conn;
    char err[512] = "";
    struct db *db = app_db_connect(S->app, err, sizeof err);
    if (!db) {
        log_error("ussd: %s", err);
        return NULL;
    }
    pthread_mutex_lock(&S->mu);
    if (S->ndbs >= MAX_THREADS) {
        pthread_mutex_unlock(&S->mu);
        db_close(db);
        log_error("ussd: too many threads for database connections");
        return NULL;
    }
    S->dbs[S->ndbs++] = db;
    pthread_mutex_unlock(&S->mu);
    thread_db_conn = db;
    thread_db_gen = S->generation;
    return db;
}

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const char *body,
                             const char *type)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body,
                                                             MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "POST");
    enum MHD_Result rc = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return rc;
}

static bool key_ok(const struct ussd_server *S, const char *given)
{
    if (!given)
        return false;
    size_t n = strlen(given);
    return n == S->keylen && CRYPTO_memcmp(given, S->key, n) == 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    struct ussd_server *S = cls;
    struct conn_state *cs = *con_cls;
    if (!cs) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (!ci || !ussd_allow_match(&S->allow, ci->client_addr) ||
            !key_ok(S, MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "key")))
            return reply(conn, MHD_HTTP_FORBIDDEN, "", "text/plain");
        if (strcmp(url, S->path))
            return reply(conn, MHD_HTTP_NOT_FOUND, "not found\n", "text/plain");
        if (strcmp(method, MHD_HTTP_METHOD_POST))
            return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "POST only\n", "text/plain");
        cs = calloc(1, sizeof *cs);
        if (!cs)
            return MHD_NO;
        cs->adapter_state = S->adapter->begin(conn);
        if (!cs->adapter_state) {
            free(cs);
            return reply(conn, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "expected a form\n", "text/plain");
        }
        *con_cls = cs;
        return MHD_YES;
    }
    if (*upload_size) {
        cs->body += *upload_size;
        if (cs->body > BODY_MAX)
            cs->too_big = true;
        else if (!cs->bad && !S->adapter->feed(cs->adapter_state, upload_data, *upload_size))
            cs->bad = true;
        *upload_size = 0;
        return MHD_YES;
    }
    if (cs->too_big)
        return reply(conn, MHD_HTTP_CONTENT_TOO_LARGE, "too large\n", "text/plain");
    struct ussd_request *rq = calloc(1, sizeof *rq);
    if (!rq)
        return MHD_NO;
    if (cs->bad || !S->adapter->finish(cs->adapter_state, conn, rq)) {
        free(rq);
        return reply(conn, MHD_HTTP_BAD_REQUEST, "missing sessionId or phoneNumber\n",
                     "text/plain");
    }
    long long t0 = clock_mono_ms();
    struct ussd_answer ans;
    struct db *db = thread_db(S);
    if (db) {
        ussd_handle(&S->handler, db, rq, &ans);
    } else {
        struct ussd_menu_env env = { .lex = S->app->lex, .scr = S->screens };
        ussd_menu_screen(&env, lang_from_code(S->handler.default_lang), "error", &ans);
    }
    free(rq);
    char body[USSD_SCREEN_MAX + 64];
    const char *type = S->adapter->format(&ans, body, sizeof body);
    log_debug("ussd: answered %s in %lld ms", ans.end ? "END" : "CON", clock_mono_ms() - t0);
    return reply(conn, MHD_HTTP_OK, body, type);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn, (void)toe;
    struct ussd_server *S = cls;
    struct conn_state *cs = *con_cls;
    if (!cs)
        return;
    S->adapter->end(cs->adapter_state);
    free(cs);
    *con_cls = NULL;
}

static bool ussd_enabled(const struct app *a)
{
    const char *l = config_get(a->cfg, "ussd", "listen", NULL);
    return l && *l;
}

/* "127.0.0.1:8733", "[::1]:8733", ":8733" */
static bool parse_listen(const char *spec, struct sockaddr_storage *ss, socklen_t *len,
                         char *err, size_t errlen)
{
    char host[128] = "", port[16] = "";
    const char *colon;
    if (spec[0] == '[') {
        const char *close = strchr(spec, ']');
        if (!close || close[1] != ':')
            goto bad;
        snprintf(host, sizeof host, "%.*s", (int)(close - spec - 1), spec + 1);
        colon = close + 1;
    } else {
        colon = strrchr(spec, ':');
        if (!colon)
            goto bad;
        snprintf(host, sizeof host, "%.*s", (int)(colon - spec), spec);
    }
    snprintf(port, sizeof port, "%s", colon + 1);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
    hints.ai_socktype = SOCK_STREAM;
    if (!port[0] || getaddrinfo(host[0] ? host : NULL, port, &hints, &res) || !res)
        goto bad;
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return true;
bad:
    snprintf(err, errlen, "[ussd] listen = %s: expected ADDRESS:PORT", spec);
    return false;
}

static void server_free(struct ussd_server *S)
{
    if (!S)
        return;
    if (S->daemon)
        MHD_stop_daemon(S->daemon);
    for (int i = 0; i < S->ndbs; i++)
        db_close(S->dbs[i]);
    ussd_screens_free(S->screens);
    pthread_mutex_destroy(&S->mu);
    OPENSSL_cleanse(S->key, sizeof S->key);
    free(S);
}

static bool ussd_start(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    const struct config *cfg = ctx->app->cfg;
    struct ussd_server *S = calloc(1, sizeof *S);
    if (!S) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    pthread_mutex_init(&S->mu, NULL);
    S->app = ctx->app;
    S->generation = ++generations;
    struct sockaddr_storage ss;
    socklen_t sslen = 0;
    if (!parse_listen(config_get(cfg, "ussd", "listen", ""), &ss, &sslen, err, errlen))
        goto fail;
    if (!config_secret(cfg, "ussd", "secret_file", S->key, sizeof S->key, err, errlen))
        goto fail;
    S->keylen = strlen(S->key);
    if (!ussd_allow_parse(config_get(cfg, "ussd", "allow", NULL), &S->allow, err, errlen))
        goto fail;
    const char *fmt = config_get(cfg, "ussd", "format", "form");
    S->adapter = ussd_adapter_find(fmt);
    if (!S->adapter) {
        snprintf(err, errlen, "[ussd] format = %s: unknown (known: form)", fmt);
        goto fail;
    }
    snprintf(S->path, sizeof S->path, "%s", config_get(cfg, "ussd", "path", "/ussd"));
    const char *ru = config_get(cfg, "ussd", "russian", "cyrillic");
    if (strcmp(ru, "cyrillic") && strcmp(ru, "translit")) {
        snprintf(err, errlen, "[ussd] russian = %s: expected cyrillic or translit", ru);
        goto fail;
    }
    char screens[4096];
    config_path(cfg, "ussd", "screens", "ussd.ini", screens, sizeof screens);
    S->screens = ussd_screens_load(screens, !strcmp(ru, "translit"), err, errlen);
    if (!S->screens)
        goto fail;
    ussd_handler_init(&S->handler, ctx->app, ctx->pipe, S->screens);

    long threads = config_get_int(cfg, "ussd", "threads", 4);
    long max_conn = config_get_int(cfg, "ussd", "max_connections", 256);
    long per_ip = config_get_int(cfg, "ussd", "per_ip_connections", 0);
    long timeout = config_get_int(cfg, "ussd", "timeout", 10);
    if (threads < 1 || threads > MAX_THREADS || max_conn < threads || per_ip < 0 ||
        timeout < 1) {
        snprintf(err, errlen, "[ussd] threads (1-%d), max_connections, per_ip_connections "
                 "or timeout out of range", MAX_THREADS);
        goto fail;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    S->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, S,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)max_conn,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)256,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, S,
        MHD_OPTION_END);
    if (!S->daemon) {
        snprintf(err, errlen, "cannot listen on %s: %s",
                 config_get(cfg, "ussd", "listen", ""), strerror(errno));
        goto fail;
    }
    server = S;
    log_info("ussd: listening on %s%s (%s format, %ld threads)",
             config_get(cfg, "ussd", "listen", ""), S->path, S->adapter->name, threads);
    return true;
fail:
    server_free(S);
    return false;
}

static void ussd_stop(struct daemon_ctx *ctx)
{
    (void)ctx;
    server_free(server);
    server = NULL;
}

const struct service ussd_service = {
    .name = "ussd",
    .enabled = ussd_enabled,
    .start = ussd_start,
    .reload = NULL,
    .stop = ussd_stop,
};
