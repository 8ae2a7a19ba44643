/* ussd_service.c: the USSD endpoint inside `talka run` (libmicrohttpd): checks
 * the caller's address against [ussd] allow and the `key` query parameter
 * against the secret (403 and nothing else otherwise), reads the provider's
 * request through its adapter and answers with the menu's next screen. The
 * address is checked when the connection is accepted, before anything is read;
 * one address may hold at most per_ip_connections, and idle ones are dropped. */
#include "gateway/ussd/ussd_service.h"

#include "gateway/base/net_allow.h"
#include "gateway/base/net_listen.h"
#include "gateway/ussd/ussd_adapters.h"
#include "gateway/ussd/ussd_handler.h"
#include "gateway/core/names.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/secret_key.h"
#include "gateway/core/service.h"
#include "gateway/core/thread_dbs.h"

#include <assert.h>
#include <microhttpd.h>
#include <openssl/crypto.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_THREADS THREAD_DBS_MAX   /* a connection each */
#define BODY_MAX (64 * 1024)

struct ussd_server {
    struct MHD_Daemon *daemon;
    struct ussd_handler handler;
    struct ussd_screens *screens;
    const struct ussd_adapter *adapter;
    struct net_allow allow;
    char key[256];
    size_t keylen;
    char path[128];
    const struct app *app;
    struct sockaddr_storage ss;
    int listen_fd;               /* bound by ussd_check(), handed to libmicrohttpd */
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

/* the key as sent, by its decoded length: "RIGHT%00junk" is not "RIGHT" */
static bool key_ok(const struct ussd_server *S, struct MHD_Connection *conn)
{
    const char *given = NULL;
    size_t n = 0;
    if (MHD_lookup_connection_value_n(conn, MHD_GET_ARGUMENT_KIND, "key", 3, &given, &n) !=
            MHD_YES || !given)
        return false;
    return S->keylen > 0 && n == S->keylen && CRYPTO_memcmp(given, S->key, n) == 0;
}

/* the accept policy: an address outside [ussd] allow is closed at once */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
    struct ussd_server *S = cls;
    (void)addrlen;
    return addr && net_allow_match(&S->allow, addr) ? MHD_YES : MHD_NO;
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
        if (!ci || !net_allow_match(&S->allow, ci->client_addr) ||
            !key_ok(S, conn))
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
    if (S->daemon)
        MHD_stop_daemon(S->daemon);
    if (S->listen_fd >= 0)
        close(S->listen_fd);
    thread_dbs_close(&S->dbs);
    ussd_screens_free(S->screens);
    OPENSSL_cleanse(S->key, sizeof S->key);
    free(S);
}

/* a listening socket on ss, bound now so a busy port is found before anything
 * starts; -1 with a message in err */
static int listen_socket(const struct sockaddr_storage *ss, socklen_t len, int backlog,
                         const char *spec, char *err, size_t errlen)
{
    int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, (const struct sockaddr *)ss, len) != 0 ||
        listen(fd, backlog) != 0) {
        snprintf(err, errlen, "[ussd] listen = %s: cannot listen: %s", spec, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
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
    S->listen_fd = -1;
    S->app = ctx->app;
    thread_dbs_init(&S->dbs, ctx->app, "ussd", NULL);
    int code = 2;
    socklen_t sslen = 0;
    const char *spec = config_str(cfg, "ussd", "listen");
    if (!net_listen_parse("[ussd] listen", spec, &S->ss, &sslen, err, errlen))
        goto fail;
    if (!net_allow_parse("[ussd] allow", config_str(cfg, "ussd", "allow"), &S->allow, err, errlen))
        goto fail;
    const char *fmt = config_str(cfg, "ussd", "format");
    S->adapter = ussd_adapter_find(fmt);
    if (!S->adapter) {
        snprintf(err, errlen, "[ussd] format = %s: unknown (known: form)", fmt);
        goto fail;
    }
    snprintf(S->path, sizeof S->path, "%s", config_str(cfg, "ussd", "path"));
    const char *ru = config_str(cfg, "ussd", "russian");
    S->threads = config_int(cfg, "ussd", "threads");
    S->max_conn = config_int(cfg, "ussd", "max_connections");
    S->per_ip = config_int(cfg, "ussd", "per_ip_connections");
    S->timeout = config_int(cfg, "ussd", "timeout");
    S->backlog = config_int(cfg, "ussd", "listen_backlog");
    assert(S->threads <= MAX_THREADS && "the key table's [ussd] threads range");
    /* every connection is a descriptor: raise the soft limit towards the hard one */
    struct rlimit rl;
    rlim_t need = (rlim_t)S->max_conn + 128;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < need) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < need)
            log_warn("ussd: open files limited to %llu, fewer than max_connections = %ld needs",
                     (unsigned long long)rl.rlim_cur, S->max_conn);
    }
    code = 1;
    if (!secret_key_config(cfg, "ussd", "secret_file", S->key, sizeof S->key, err, errlen))
        goto fail;
    S->keylen = strlen(S->key);   /* secret_read() refuses a NUL inside */
    char screens[4096];
    config_path(cfg, "ussd", "screens", screens, sizeof screens);
    S->screens = ussd_screens_load(screens, !strcmp(ru, "translit"), err, errlen);
    if (!S->screens)
        goto fail;
    S->listen_fd = listen_socket(&S->ss, sslen, (int)S->backlog, spec, err, errlen);
    if (S->listen_fd < 0)
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
    const struct config *cfg = ctx->app->cfg;
    ussd_handler_init(&S->handler, ctx->app, ctx->pipe, S->screens);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (S->ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* the allow list is applied as a connection is accepted, before a byte is
     * read: an address outside it cannot hold a connection slot open */
    S->daemon = MHD_start_daemon(
        flags, 0, on_accept, S, on_request, S,
        MHD_OPTION_LISTEN_SOCKET, S->listen_fd,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)S->threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)S->max_conn,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)S->per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)S->timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, S,
        MHD_OPTION_END);
    if (!S->daemon) {
        snprintf(err, errlen, "cannot start the HTTP server on %s: %s",
                 config_str(cfg, "ussd", "listen"), strerror(errno));
        server_free(S);
        server = NULL;
        return false;
    }
    S->listen_fd = -1;   /* the daemon's now; MHD_stop_daemon closes it */
    log_info("ussd: listening on %s%s (%s format, %ld threads, %ld connections, %ld per "
             "address, %ld s idle timeout)", config_str(cfg, "ussd", "listen"), S->path,
             S->adapter->name, S->threads, S->max_conn, S->per_ip, S->timeout);
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
