/* http_endpoint.c: the one libmicrohttpd server setup of talka (see
 * http_endpoint.h): listen address, allow list at accept, per-address limit,
 * backlog, open-files limit, the shared secret, port 0 and the port file. */
#include "gateway/core/http_endpoint.h"

#include "gateway/base/config_keys.h"
#include "gateway/base/log.h"
#include "gateway/base/net_allow.h"
#include "gateway/base/net_listen.h"
#include "gateway/base/secret_key.h"

#include <openssl/crypto.h>

#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

struct http_endpoint {
    struct http_endpoint_spec spec;
    char section[16];
    struct net_allow allow;
    struct sockaddr_storage ss;
    socklen_t sslen;
    int fd;                       /* bound at open; the daemon's once it started */
    struct MHD_Daemon *daemon;
    char address[80];             /* as bound, with the kernel's port */
    char key[256];
    size_t keylen;
    unsigned long reserved;       /* what it added to `reserved` below */
};

/* descriptors the open endpoints may hold; open and close run on the main thread */
static unsigned long reserved;

/* every connection is a descriptor: the soft limit is raised towards the hard one
 * so that all endpoints' max_connections fit, with room for the rest of talka */
static void raise_nofile(const char *section)
{
    struct rlimit rl;
    rlim_t need = (rlim_t)reserved + 128;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= need)
        return;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < need)
        log_warn("%s: open files limited to %llu, fewer than the HTTP endpoints' "
                 "max_connections (%lu) need", section, (unsigned long long)rl.rlim_cur,
                 reserved);
}

/* "127.0.0.1:41234" or "[::1]:41234": the socket's own address, port included */
static void bound_address(struct http_endpoint *E)
{
    struct sockaddr_storage got;
    socklen_t len = sizeof got;
    char host[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    if (getsockname(E->fd, (struct sockaddr *)&got, &len) != 0)
        memcpy(&got, &E->ss, sizeof got);
    if (got.ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&got;
        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
        port = ntohs(a->sin6_port);
        snprintf(E->address, sizeof E->address, "[%s]:%u", host, port);
    } else {
        const struct sockaddr_in *a = (const struct sockaddr_in *)&got;
        inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
        port = ntohs(a->sin_port);
        snprintf(E->address, sizeof E->address, "%s:%u", host, port);
    }
}

/* binds and listens now, so a busy port is found before anything starts */
static bool listen_socket(struct http_endpoint *E, const char *spec, char *err, size_t errlen)
{
    E->fd = socket(E->ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (E->fd >= 0)
        setsockopt(E->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (E->fd < 0 || bind(E->fd, (const struct sockaddr *)&E->ss, E->sslen) != 0 ||
        listen(E->fd, (int)E->spec.backlog) != 0) {
        snprintf(err, errlen, "[%s] listen = %s: cannot listen: %s", E->section, spec,
                 strerror(errno));
        return false;
    }
    bound_address(E);
    return true;
}

/* DIR/SECTION.port under $TALKA_PORT_DIR; false when the variable is unset */
static bool port_file(const struct http_endpoint *E, char *path, size_t len)
{
    const char *dir = getenv(HTTP_ENDPOINT_PORT_DIR_ENV);
    if (!dir || !*dir)
        return false;
    int n = snprintf(path, len, "%s/%s.port", dir, E->section);
    return n > 0 && (size_t)n < len;
}

/* written whole (a temporary file renamed), so a reader never sees half a number */
static bool write_port_file(const struct http_endpoint *E, char *err, size_t errlen)
{
    char path[4096], tmp[4200];
    if (!port_file(E, path, sizeof path))
        return true;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    const char *colon = strrchr(E->address, ':');
    FILE *f = fopen(tmp, "w");
    bool ok = f && fprintf(f, "%s\n", colon ? colon + 1 : "0") > 0;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, errlen, "%s=%s: cannot write %s: %s", HTTP_ENDPOINT_PORT_DIR_ENV,
                 getenv(HTTP_ENDPOINT_PORT_DIR_ENV), path, strerror(errno));
        unlink(tmp);
        return false;
    }
    return true;
}

/* the accept policy: an address outside [section] allow is closed at once,
 * before a byte is read, so it cannot hold a connection slot open */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
    const struct http_endpoint *E = cls;
    (void)addrlen;
    return addr && net_allow_match(&E->allow, addr) ? MHD_YES : MHD_NO;
}

/* [section] listen and allow (defaults from the key table): 2 when wrong */
static int read_address(struct http_endpoint *E, const struct config *cfg, char *err,
                        size_t errlen)
{
    char what[48];
    const char *spec = config_str(cfg, E->section, "listen");
    snprintf(what, sizeof what, "[%s] listen", E->section);
    if (!net_listen_parse(what, spec, &E->ss, &E->sslen, err, errlen))
        return 2;
    snprintf(what, sizeof what, "[%s] allow", E->section);
    if (!net_allow_parse(what, config_str(cfg, E->section, "allow"),
                         &E->allow, err, errlen))
        return 2;
    return 0;
}

int http_endpoint_open(const struct config *cfg, const struct http_endpoint_spec *spec,
                       struct http_endpoint **out, char *err, size_t errlen)
{
    assert(spec->section && spec->handler && spec->threads >= 1 && spec->backlog >= 1);
    *out = NULL;
    struct http_endpoint *E = calloc(1, sizeof *E);
    if (!E) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    E->spec = *spec;
    E->fd = -1;
    snprintf(E->section, sizeof E->section, "%s", spec->section);
    E->spec.section = E->section;
    int code = read_address(E, cfg, err, errlen);
    if (code)
        goto fail;
    code = 1;
    if (spec->secret_key && !secret_key_config(cfg, E->section, spec->secret_key, E->key,
                                               sizeof E->key, err, errlen))
        goto fail;
    E->keylen = strlen(E->key);   /* secret_read() refuses a NUL inside */
    char path[4096];
    if (port_file(E, path, sizeof path))
        unlink(path);             /* a stale one must not be taken for this run's */
    if (!listen_socket(E, config_str(cfg, E->section, "listen"), err, errlen))
        goto fail;
    E->reserved = spec->max_conn;
    reserved += E->reserved;
    raise_nofile(E->section);
    *out = E;
    return 0;
fail:
    http_endpoint_close(E);
    return code;
}

bool http_endpoint_start(struct http_endpoint *E, char *err, size_t errlen)
{
    const struct http_endpoint_spec *s = &E->spec;
    assert(E->fd >= 0 && !E->daemon);
    bool tls = s->tls_cert && s->tls_key;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (E->ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (tls)
        flags |= MHD_USE_TLS;
    struct MHD_OptionItem opts[] = {
        { MHD_OPTION_LISTEN_SOCKET, E->fd, NULL },
        { MHD_OPTION_THREAD_POOL_SIZE, s->threads, NULL },
        { MHD_OPTION_CONNECTION_LIMIT, s->max_conn, NULL },
        { MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->per_ip, NULL },
        { MHD_OPTION_CONNECTION_TIMEOUT, s->timeout, NULL },
        { MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)s->conn_memory, NULL },
        { tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, (void *)s->tls_cert },
        { MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)s->tls_key },
        { MHD_OPTION_END, 0, NULL },
    };
    E->daemon = MHD_start_daemon(flags, 0, on_accept, E, s->handler, s->cls,
                                 MHD_OPTION_NOTIFY_COMPLETED, s->completed, s->cls,
                                 MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
    if (!E->daemon) {
        snprintf(err, errlen, "cannot start the HTTP server on %s%s: %s", E->address,
                 tls ? " with TLS (check cert_file and key_file)" : "", strerror(errno));
        return false;
    }
    E->fd = -1;   /* the daemon's now; MHD_stop_daemon closes it */
    log_info("%s: listening on %s (%u threads, %u connections, %u per address, %u s idle "
             "timeout)", E->section, E->address, s->threads, s->max_conn, s->per_ip,
             s->timeout);
    return write_port_file(E, err, errlen);
}

const char *http_endpoint_address(const struct http_endpoint *E)
{
    return E->address;
}

bool http_endpoint_key_ok(const struct http_endpoint *E, struct MHD_Connection *conn)
{
    const char *given = NULL;
    size_t n = 0;
    if (MHD_lookup_connection_value_n(conn, MHD_GET_ARGUMENT_KIND, "key", 3, &given, &n) !=
            MHD_YES || !given)
        return false;
    return E->keylen > 0 && n == E->keylen && CRYPTO_memcmp(given, E->key, n) == 0;
}

void http_endpoint_close(struct http_endpoint *E)
{
    if (!E)
        return;
    if (E->daemon)
        MHD_stop_daemon(E->daemon);
    if (E->fd >= 0)
        close(E->fd);
    reserved -= E->reserved;
    OPENSSL_cleanse(E->key, sizeof E->key);
    free(E);
}
