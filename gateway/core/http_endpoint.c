/* http_endpoint.c: the one libmicrohttpd server setup of talka (see
 * http_endpoint.h): listen address, allow list at accept, per-address limit,
 * backlog, open-files limit, the shared secret, port 0 and the port file;
 * request deadlines and shedding through gateway/core/http_guard.c. */
#include "gateway/core/http_endpoint.h"

#include "gateway/base/config_keys.h"
#include "gateway/base/log.h"
#include "gateway/base/net_allow.h"
#include "gateway/base/net_listen.h"
#include "gateway/base/secret_key.h"
#include "gateway/core/http_guard.h"

#include "gateway/base/clock.h"

#include <openssl/crypto.h>

#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* wrong keys: KEY_TRIES from one address within KEY_WINDOW_MS lock that address
 * out for KEY_WINDOW_MS (429, even with the right key, so the lock is no oracle);
 * the addresses seen last are kept, the oldest forgotten first */
#define KEY_SLOTS 128
#define KEY_TRIES 10
#define KEY_WINDOW_MS 60000

struct key_slot {
    unsigned char addr[16];
    bool used;
    int fails;
    long long since, locked_until, seen;
};

struct http_endpoint {
    struct http_endpoint_spec spec;
    char section[16];
    struct net_allow allow;
    struct sockaddr_storage ss;
    socklen_t sslen;
    int fd;                       /* bound at open; the daemon's once it started */
    struct MHD_Daemon *daemon;
    struct http_guard *guard;     /* request deadlines and shedding; NULL: none */
    char address[80];             /* as bound, with the kernel's port */
    char key[256];
    size_t keylen;
    unsigned long reserved;       /* what it added to `reserved` below */
    pthread_mutex_t key_mu;       /* the slots below, shared by the server's threads */
    struct key_slot slots[KEY_SLOTS];
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

/* the endpoint's handler, after the guard has seen how far the request came */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    struct http_endpoint *E = cls;
    if (E->guard)
        http_guard_request(E->guard, conn, *con_cls == NULL, *upload_size);
    return E->spec.handler(E->spec.cls, conn, url, method, version, upload_data, upload_size,
                           con_cls);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct http_endpoint *E = cls;
    if (E->guard)
        http_guard_completed(E->guard, conn);
    if (E->spec.completed)
        E->spec.completed(E->spec.cls, conn, con_cls, toe);
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
    pthread_mutex_init(&E->key_mu, NULL);
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
    if (s->deadline && !(E->guard = http_guard_new(E->section, s->deadline, s->max_conn,
                                                   s->max_conn / 16))) {
        snprintf(err, errlen, "%s: cannot start its connection guard", E->section);
        return false;
    }
    struct MHD_OptionItem opts[] = {
        { MHD_OPTION_LISTEN_SOCKET, E->fd, NULL },
        { E->guard ? MHD_OPTION_NOTIFY_CONNECTION : MHD_OPTION_CONNECTION_TIMEOUT,
          E->guard ? (intptr_t)http_guard_notify : (intptr_t)s->timeout, E->guard },
        { MHD_OPTION_THREAD_POOL_SIZE, s->threads, NULL },
        { MHD_OPTION_CONNECTION_LIMIT, s->max_conn, NULL },
        { MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->per_ip, NULL },
        { MHD_OPTION_CONNECTION_TIMEOUT, s->timeout, NULL },
        { MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)s->conn_memory, NULL },
        { tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, (void *)s->tls_cert },
        { MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)s->tls_key },
        { MHD_OPTION_END, 0, NULL },
    };
    E->daemon = MHD_start_daemon(flags, 0, on_accept, E, on_request, E,
                                 MHD_OPTION_NOTIFY_COMPLETED, on_completed, E,
                                 MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
    if (!E->daemon) {
        snprintf(err, errlen, "cannot start the HTTP server on %s%s: %s", E->address,
                 tls ? " with TLS (check cert_file and key_file)" : "", strerror(errno));
        return false;
    }
    E->fd = -1;   /* the daemon's now; MHD_stop_daemon closes it */
    char deadline[48] = "";
    if (s->deadline)
        snprintf(deadline, sizeof deadline, ", %u s for a request to arrive", s->deadline);
    log_info("%s: listening on %s (%u threads, %u connections, %u per address, %u s idle "
             "timeout%s)", E->section, E->address, s->threads, s->max_conn, s->per_ip,
             s->timeout, deadline);
    return write_port_file(E, err, errlen);
}

const char *http_endpoint_address(const struct http_endpoint *E)
{
    return E->address;
}

/* the caller's address as 16 bytes (IPv4 mapped into IPv6) */
static void peer_bytes(struct MHD_Connection *conn, unsigned char out[16])
{
    memset(out, 0, 16);
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET6) {
        memcpy(out, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
    } else if (sa && sa->sa_family == AF_INET) {
        out[10] = out[11] = 0xff;
        memcpy(out + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
    }
}

/* with key_mu held: the address's slot, or the one seen longest ago made its */
static struct key_slot *slot_of(struct http_endpoint *E, const unsigned char addr[16])
{
    struct key_slot *old = &E->slots[0];
    for (int i = 0; i < KEY_SLOTS; i++) {
        struct key_slot *s = &E->slots[i];
        if (s->used && !memcmp(s->addr, addr, 16))
            return s;
        if (!s->used || (old->used && s->seen < old->seen))
            old = s;
    }
    memset(old, 0, sizeof *old);
    memcpy(old->addr, addr, 16);
    old->used = true;
    return old;
}

unsigned http_endpoint_key_check(struct http_endpoint *E, struct MHD_Connection *conn)
{
    const char *given = NULL;
    size_t n = 0;
    if (MHD_lookup_connection_value_n(conn, MHD_GET_ARGUMENT_KIND, "key", 3, &given, &n) !=
            MHD_YES)
        given = NULL;
    /* the full decoded length, in constant time: "RIGHT%00junk" is not "RIGHT" */
    bool right = given && E->keylen > 0 && n == E->keylen &&
                 CRYPTO_memcmp(given, E->key, n) == 0;
    unsigned char addr[16];
    peer_bytes(conn, addr);
    long long now = clock_mono_ms();
    pthread_mutex_lock(&E->key_mu);
    struct key_slot *s = slot_of(E, addr);
    s->seen = now;
    unsigned status = 0;
    if (s->locked_until > now) {
        status = MHD_HTTP_TOO_MANY_REQUESTS;
    } else if (!right) {
        if (now - s->since > KEY_WINDOW_MS) {
            s->since = now;
            s->fails = 0;
        }
        status = MHD_HTTP_FORBIDDEN;
        if (++s->fails >= KEY_TRIES) {
            s->locked_until = now + KEY_WINDOW_MS;
            s->fails = 0;
            log_warn("%s: %d wrong keys from one address within %d s: it is refused for %d s",
                     E->section, KEY_TRIES, KEY_WINDOW_MS / 1000, KEY_WINDOW_MS / 1000);
        }
    }
    pthread_mutex_unlock(&E->key_mu);
    return status;
}

void http_endpoint_close(struct http_endpoint *E)
{
    if (!E)
        return;
    if (E->daemon)
        MHD_stop_daemon(E->daemon);
    http_guard_free(E->guard);   /* after the daemon: no connection is left */
    if (E->fd >= 0)
        close(E->fd);
    reserved -= E->reserved;
    OPENSSL_cleanse(E->key, sizeof E->key);
    pthread_mutex_destroy(&E->key_mu);
    free(E);
}
