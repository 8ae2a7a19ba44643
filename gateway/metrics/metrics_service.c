/* metrics_service.c: GET /metrics in the Prometheus text format (metrics.c) on
 * [metrics] listen, apart from the dashboard. Callers must come from [metrics]
 * allow (closed at accept otherwise, by gateway/core/http_endpoint) and, when
 * [metrics] token_file is set, send "Authorization: Bearer TOKEN" (401
 * otherwise). Each scrape reads the figures in one short read transaction on
 * the server thread's own connection; a database error answers 503. */
#include "gateway/metrics/metrics_service.h"

#include "gateway/base/log.h"
#include "gateway/base/secret_key.h"
#include "gateway/core/http_endpoint.h"
#include "gateway/core/thread_dbs.h"
#include "gateway/metrics/metrics.h"

#include <microhttpd.h>
#include <openssl/crypto.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct metrics_server {
    struct http_endpoint *http;   /* bound by metrics_check(), served from metrics_start() */
    struct thread_dbs dbs;
    char token[512];              /* "" when no token_file is set */
    size_t tokenlen;
};

static struct metrics_server *server;

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const char *type,
                             char *body, enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), body, mode);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
    enum MHD_Result rc = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result text(struct MHD_Connection *conn, unsigned status, const char *msg)
{
    return reply(conn, status, "text/plain", (char *)msg, MHD_RESPMEM_PERSISTENT);
}

/* "Bearer TOKEN" compared by length and then in constant time */
static bool token_ok(const struct metrics_server *S, struct MHD_Connection *conn)
{
    if (!S->tokenlen)
        return true;
    const char *h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncmp(h, "Bearer ", 7) != 0)
        return false;
    h += 7;
    return strlen(h) == S->tokenlen && CRYPTO_memcmp(h, S->token, S->tokenlen) == 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version; (void)upload_data; (void)upload_size; (void)con_cls;
    struct metrics_server *S = cls;
    if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
        return text(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "GET only\n");
    if (!token_ok(S, conn))
        return text(conn, MHD_HTTP_UNAUTHORIZED, "a bearer token is needed\n");
    if (strcmp(url, "/metrics"))
        return text(conn, MHD_HTTP_NOT_FOUND, "not found: talka serves /metrics\n");
    struct db *db = thread_dbs_get(&S->dbs);
    struct metrics_snapshot *snap = malloc(sizeof *snap);
    enum db_status st = db && snap ? metrics_collect(db, snap) : DB_ERROR;
    char *body = DB_FAILED(st) ? NULL : metrics_prometheus(snap);
    free(snap);
    if (!body) {
        log_warn("metrics: a scrape could not read the database");
        return text(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "the database could not be read\n");
    }
    return reply(conn, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", body,
                 MHD_RESPMEM_MUST_FREE);
}

static bool metrics_enabled(const struct app *a)
{
    const char *l = config_str(a->cfg, "metrics", "listen");
    return l && *l;
}

static void server_free(struct metrics_server *S)
{
    if (!S)
        return;
    http_endpoint_close(S->http);   /* first: no request runs after this */
    thread_dbs_close(&S->dbs);
    OPENSSL_cleanse(S->token, sizeof S->token);
    free(S);
}

/* the token (when set) and the bound socket: 2 a wrong value, 1 unusable */
static int metrics_check(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    server_free(server);
    server = NULL;
    struct metrics_server *S = calloc(1, sizeof *S);
    if (!S) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    thread_dbs_init(&S->dbs, ctx->app, "metrics", NULL);
    const struct config *cfg = ctx->app->cfg;
    if (config_given(cfg, "metrics", "token_file")) {
        if (!secret_key_config(cfg, "metrics", "token_file", S->token, sizeof S->token, err,
                               errlen)) {
            server_free(S);
            return 1;
        }
        S->tokenlen = strlen(S->token);
    }
    /* a scraper or two, every few seconds at most: a small pool */
    struct http_endpoint_spec spec = {
        .section = "metrics", .secret_key = NULL, .handler = on_request, .cls = S,
        .threads = 2, .max_conn = 16, .per_ip = 8, .timeout = 10, .backlog = 16,
        .conn_memory = 32 * 1024,
    };
    int code = http_endpoint_open(cfg, &spec, &S->http, err, errlen);
    if (code) {
        server_free(S);
        return code;
    }
    server = S;
    return 0;
}

static bool metrics_start(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    if (!server && metrics_check(ctx, err, errlen) != 0)
        return false;
    if (!http_endpoint_start(server->http, err, errlen)) {
        server_free(server);
        server = NULL;
        return false;
    }
    log_info("metrics: Prometheus metrics at http://%s/metrics%s",
             http_endpoint_address(server->http), server->tokenlen ? " (bearer token)" : "");
    return true;
}

static void metrics_stop(struct daemon_ctx *ctx)
{
    (void)ctx;
    server_free(server);
    server = NULL;
}

const struct service metrics_service = {
    .name = "metrics",
    .enabled = metrics_enabled,
    .check = metrics_check,
    .start = metrics_start,
    .reload = NULL,
    .stop = metrics_stop,
};
