/* ussd_service.c: the USSD endpoint inside `talka run` (gateway/core/http_endpoint): checks
 * the caller's address against [ussd] allow and the `key` query parameter
 * against the secret (403 and nothing else otherwise), reads the provider's
 * request through its adapter and answers with the menu's next screen. The
 * address is checked when the connection is accepted, before anything is read;
 * one address may hold at most per_ip_connections, and idle ones are dropped. */
#include "gateway/ussd/ussd_service.h"

#include "gateway/ussd/ussd_adapters.h"
#include "gateway/ussd/ussd_handler.h"
#include "gateway/core/names.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/core/http_endpoint.h"
#include "gateway/core/service.h"
#include "gateway/core/thread_dbs.h"

#include <assert.h>
#include <microhttpd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS THREAD_DBS_MAX   /* a connection each */
#define BODY_MAX (64 * 1024)

struct ussd_server {
    struct http_endpoint *http;   /* bound by ussd_check(), served from ussd_start() */
    struct ussd_handler handler;
    struct ussd_screens *screens;
    const struct ussd_adapter *adapter;
    char path[128];
    const struct app *app;
    long threads, max_conn, per_ip, timeout, backlog;
    struct thread_dbs dbs;        /* one connection per server thread */
};

static struct ussd_server *server;

struct conn_state {
    void *adapter_state;
    size_t body;
    bool bad, too_big;
};

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

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    struct ussd_server *S = cls;
    struct conn_state *cs = *con_cls;
    if (!cs) {
        /* [ussd] allow was applied as the connection was accepted (http_endpoint) */
        unsigned refused = http_endpoint_key_check(S->http, conn);
        if (refused)
            return reply(conn, refused, "", "text/plain");
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
    if (rq->too_long[0]) {
        /* a cut value could make two sessions one: refuse, naming the field */
        char msg[96];
        snprintf(msg, sizeof msg, "%s is over its limit\n", rq->too_long);
        log_info("ussd: refused a request whose %s is over its limit", rq->too_long);
        free(rq);
        return reply(conn, MHD_HTTP_BAD_REQUEST, msg, "text/plain");
    }
    long long t0 = clock_mono_ms();
    struct ussd_answer ans;
    struct db *db = thread_dbs_get(&S->dbs);
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
    const char *l = config_str(a->cfg, "ussd", "listen");
    return l && *l;
}

static void server_free(struct ussd_server *S)
{
    if (!S)
        return;
    http_endpoint_close(S->http);   /* first: no request runs after this */
    thread_dbs_close(&S->dbs);
    ussd_screens_free(S->screens);
    free(S);
}

/* the endpoint: bound now, so a busy port is found before anything starts */
static int open_endpoint(struct ussd_server *S, const struct config *cfg, char *err,
                         size_t errlen)
{
    struct http_endpoint_spec spec = {
        .section = "ussd", .secret_key = "secret_file",
        .handler = on_request, .completed = on_completed, .cls = S,
        .threads = (unsigned)S->threads, .max_conn = (unsigned)S->max_conn,
        .per_ip = (unsigned)S->per_ip, .timeout = (unsigned)S->timeout,
        .backlog = (unsigned)S->backlog, .conn_memory = 64 * 1024,
    };
    return http_endpoint_open(cfg, &spec, &S->http, err, errlen);
}

/* Everything but the HTTP server itself: 2 for a wrong value, 1 for a secret,
 * screens file or port that cannot be used. */
static int ussd_check(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    const struct config *cfg = ctx->app->cfg;
    server_free(server);
    server = NULL;
    struct ussd_server *S = calloc(1, sizeof *S);
    if (!S) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    S->app = ctx->app;
    thread_dbs_init(&S->dbs, ctx->app, "ussd", NULL);
    int code = 2;
    const char *fmt = config_str(cfg, "ussd", "format");
    S->adapter = ussd_adapter_find(fmt);
    if (!S->adapter) {
        snprintf(err, errlen, "[ussd] format = %s: unknown (known: form)", fmt);
        goto fail;
    }
    snprintf(S->path, sizeof S->path, "%s", config_str(cfg, "ussd", "path"));
    const char *ru = config_str(cfg, "ussd", "russian");
    /* ranges (and max_connections >= threads) are the key table's, checked on reading */
    S->threads = config_int(cfg, "ussd", "threads");
    S->max_conn = config_int(cfg, "ussd", "max_connections");
    S->per_ip = config_int(cfg, "ussd", "per_ip_connections");
    S->timeout = config_int(cfg, "ussd", "timeout");
    S->backlog = config_int(cfg, "ussd", "listen_backlog");
    assert(S->threads <= MAX_THREADS && "the key table's [ussd] threads range");
    code = open_endpoint(S, cfg, err, errlen);   /* listen, allow, secret, port */
    if (code)
        goto fail;
    code = 1;
    char screens[4096];
    config_path(cfg, "ussd", "screens", screens, sizeof screens);
    S->screens = ussd_screens_load(screens, !strcmp(ru, "translit"), err, errlen);
    if (!S->screens)
        goto fail;
    server = S;
    return 0;
fail:
    server_free(S);
    return code;
}

static bool ussd_start(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    if (!server && ussd_check(ctx, err, errlen) != 0)
        return false;
    struct ussd_server *S = server;
    ussd_handler_init(&S->handler, ctx->app, ctx->pipe, S->screens);
    if (!http_endpoint_start(S->http, err, errlen)) {
        server_free(S);
        server = NULL;
        return false;
    }
    log_info("ussd: answering at http://%s%s (%s format)", http_endpoint_address(S->http),
             S->path, S->adapter->name);
    return true;
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
    .check = ussd_check,
    .start = ussd_start,
    .reload = NULL,
    .stop = ussd_stop,
};
