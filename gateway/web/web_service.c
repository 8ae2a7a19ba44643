/* web_service.c: the staff dashboard's listener inside `talka run` (served by
 * gateway/core/http_endpoint: [web] listen and allow, its own thread pool,
 * optional HTTPS through GnuTLS). Reads [web], opens one database connection per thread, works out the client's
 * address (X-Forwarded-For only from [web] trusted_proxy), collects form bodies
 * and hands each request to web_route(); adds the security headers. */
#include "gateway/web/web_service.h"

#include "db/page_cache.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/pseudonym.h"
#include "gateway/core/http_endpoint.h"
#include "gateway/core/thread_dbs.h"
#include "gateway/web/web_listen.h"
#include "gateway/web/web_map.h"
#include "gateway/web/web_routes.h"

#include <arpa/inet.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct web_server {
    struct http_endpoint *http;   /* bound by web_check(), served from web_start() */
    struct web_site site;
    struct web_map *map;
    char *cert, *keypem;
    struct thread_dbs dbs;        /* one connection per server thread */
    long long next_purge;
};

static struct web_server *server;

struct conn_state {
    struct MHD_PostProcessor *pp;
    struct web_form *form;
    bool bad_type;
};

/* the peer's address as text */
static void peer(struct MHD_Connection *conn, char *out, size_t len)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, len, "unknown");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)len);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)len);
}

/* who is asking, and over what: the proxy's headers count only from the proxy */
static void client_of(struct web_server *S, struct web_req *rq)
{
    peer(rq->conn, rq->addr, sizeof rq->addr);
    rq->secure = S->site.tls;
    if (!S->site.trusted_proxy[0] || strcmp(rq->addr, S->site.trusted_proxy))
        return;
    const char *xff = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "X-Forwarded-For");
    if (xff && *xff) {
        const char *last = strrchr(xff, ',');   /* the hop the proxy itself added */
        last = last ? last + 1 : xff;
        while (*last == ' ')
            last++;
        unsigned char tmp[16];
        char addr[64];
        snprintf(addr, sizeof addr, "%s", last);
        if (inet_pton(AF_INET, addr, tmp) == 1 || inet_pton(AF_INET6, addr, tmp) == 1)
            snprintf(rq->addr, sizeof rq->addr, "%s", addr);
    }
    const char *proto = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
    if (proto && !strcmp(proto, "https"))
        rq->secure = true;
}

static enum MHD_Result send_answer(struct web_req *rq)
{
    if (rq->out.oom) {
        buf_free(&rq->out);
        rq->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        rq->type = "text/plain";
        buf_put(&rq->out, "out of memory\n");
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(rq->out.len, rq->out.p ? rq->out.p : "",
                                                             MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rq->type ? rq->type : "text/plain");
    if (rq->location[0])
        MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, rq->location);
    for (int i = 0; i < rq->ncookies; i++)
        MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, rq->cookies[i]);
    if (rq->disposition[0])
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, rq->disposition);
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self';"
                            " script-src 'self'; form-action 'self'; frame-ancestors 'none';"
                            " base-uri 'none'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
                            strncmp(rq->path, "/assets/", 8) ? "no-store" : "max-age=3600");
    if (rq->secure)
        MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
    enum MHD_Result rc = MHD_queue_response(rq->conn, rq->status, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    struct web_server *S = cls;
    struct conn_state *cs = *con_cls;
    bool post = !strcmp(method, MHD_HTTP_METHOD_POST);
    if (!cs) {
        cs = calloc(1, sizeof *cs);
        if (!cs)
            return MHD_NO;
        *con_cls = cs;
        if (post) {
            cs->form = calloc(1, sizeof *cs->form);
            if (!cs->form)
                return MHD_NO;
            cs->pp = MHD_create_post_processor(conn, 16 * 1024, web_form_iter, cs->form);
            cs->bad_type = !cs->pp;   /* not a urlencoded or multipart form */
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (cs->pp && !cs->form->too_big)
            MHD_post_process(cs->pp, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    struct web_req rq;
    memset(&rq, 0, sizeof rq);
    rq.site = &S->site;
    rq.conn = conn;
    rq.method = method;
    rq.path = url;
    rq.post = post;
    rq.form = cs->form;
    rq.now = clock_now();
    rq.status = MHD_HTTP_OK;
    const char *lang = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "talka_lang");
    rq.en = lang && !strcmp(lang, "en");
    client_of(S, &rq);
    buf_put(&rq.out, "");
    long long t0 = clock_mono_ms();
    if (post && (cs->bad_type || (cs->form && cs->form->too_big))) {
        web_fail(&rq, cs->bad_type ? MHD_HTTP_UNSUPPORTED_MEDIA_TYPE : MHD_HTTP_CONTENT_TOO_LARGE,
                 cs->bad_type ? "expected a form" : "too large");
    } else if (strcmp(method, "GET") && strcmp(method, "HEAD") && !post) {
        web_fail(&rq, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed");
    } else if (!(rq.db = thread_dbs_get(&S->dbs))) {
        web_fail(&rq, MHD_HTTP_SERVICE_UNAVAILABLE, "database unavailable");
    } else {
        web_route(&rq);
        if (clock_mono_ms() >= S->next_purge) {   /* a rough once a minute is enough */
            S->next_purge = clock_mono_ms() + 60000;
            web_session_purge(rq.db, rq.now, S->site.idle_s);
        }
    }
    log_debug("web: %s %s %u in %lld ms", method, url, rq.status, clock_mono_ms() - t0);
    enum MHD_Result rc = send_answer(&rq);
    buf_free(&rq.out);
    return rc;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    struct conn_state *cs = *con_cls;
    if (!cs)
        return;
    if (cs->pp)
        MHD_destroy_post_processor(cs->pp);
    web_form_free(cs->form);
    free(cs);
    *con_cls = NULL;
}

static bool web_enabled(const struct app *a)
{
    const char *l = config_str(a->cfg, "web", "listen");
    return l && *l;
}

static void server_free(struct web_server *S)
{
    if (!S)
        return;
    http_endpoint_close(S->http);   /* first: no request runs after this */
    thread_dbs_close(&S->dbs);
    web_map_free(S->map);
    free(S->cert);
    if (S->keypem) {
        OPENSSL_cleanse(S->keypem, strlen(S->keypem));
        free(S->keypem);
    }
    OPENSSL_cleanse(S->site.key, sizeof S->site.key);
    free(S);
}

/* the endpoint: bound now, so a busy port is found before anything starts */
static int open_endpoint(struct web_server *S, const struct config *cfg,
                         const struct web_listen *L, char *err, size_t errlen)
{
    struct http_endpoint_spec spec = {
        .section = "web", .handler = on_request, .completed = on_completed, .cls = S,
        .threads = (unsigned)L->threads, .max_conn = (unsigned)L->max_conn,
        .per_ip = (unsigned)L->per_ip, .timeout = (unsigned)L->timeout,
        .deadline = (unsigned)L->deadline, .backlog = SOMAXCONN, .conn_memory = 128 * 1024,
        .tls_cert = S->cert, .tls_key = S->keypem,
    };
    return http_endpoint_open(cfg, &spec, &S->http, err, errlen);
}

/* Before any service starts: [web], the TLS files, the pseudonym key and the
 * bound socket; 2 for a wrong listen or allow value, 1 otherwise. */
static int web_check(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    const struct config *cfg = ctx->app->cfg;
    server_free(server);
    server = NULL;
    struct web_server *S = calloc(1, sizeof *S);
    if (!S) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    /* pages read many rows: a larger page cache than the default 2 MB */
    thread_dbs_init(&S->dbs, ctx->app, "web", db_setup_large_cache);
    struct web_site *site = &S->site;
    int code = 1;
    struct web_listen L;
    if (!web_listen_config(cfg, &L, &S->cert, &S->keypem, err, errlen))
        goto fail;
    site->idle_s = L.idle_s;
    site->tls = S->cert != NULL;
    snprintf(site->trusted_proxy, sizeof site->trusted_proxy, "%s", L.trusted_proxy);
    char path[4096];
    config_path(cfg, "talka", "secret_file", path, sizeof path);
    if (!pseudonym_key_load_or_create(path, site->key, sizeof site->key, err, errlen))
        goto fail;
    site->keylen = strlen(site->key);
    code = open_endpoint(S, cfg, &L, err, errlen);
    if (code)
        goto fail;
    server = S;
    return 0;
fail:
    server_free(S);
    return code;
}

static bool web_start(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    if (!server && web_check(ctx, err, errlen) != 0)
        return false;
    struct web_server *S = server;
    const struct config *cfg = ctx->app->cfg;
    struct web_site *site = &S->site;
    site->app = ctx->app;
    site->pipe = ctx->pipe;
    site->policy = ctx->policy;
    char places[4096];
    config_path(cfg, "lists", "places", places, sizeof places);
    S->map = web_map_load(places);
    site->map = S->map;
    if (!http_endpoint_start(S->http, err, errlen)) {
        server_free(S);
        server = NULL;
        return false;
    }
    log_info("web: dashboard on %s://%s (sessions idle %ld s%s%s)", site->tls ? "https" : "http",
             http_endpoint_address(S->http), site->idle_s,
             site->trusted_proxy[0] ? ", trusted proxy " : "", site->trusted_proxy);
    return true;
}

static void web_stop(struct daemon_ctx *ctx)
{
    (void)ctx;
    server_free(server);
    server = NULL;
}

const struct service web_service = {
    .name = "web",
    .enabled = web_enabled,
    .check = web_check,
    .start = web_start,
    .reload = NULL,
    .stop = web_stop,
};
