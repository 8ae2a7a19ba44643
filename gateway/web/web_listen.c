/* web_listen.c: reading the [web] section (see web_listen.h). */
#include "gateway/web/web_listen.h"

#include "gateway/base/log.h"
#include "gateway/base/net_listen.h"

#include <microhttpd.h>

#include <netinet/in.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, char *err, size_t errlen, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "[web] %s = %s: cannot be read", key, path);
        return NULL;
    }
    char *s = calloc(1, 65536);
    size_t n = s ? fread(s, 1, 65535, f) : 0;
    fclose(f);
    if (!s || n == 0 || !strstr(s, "-----BEGIN")) {
        free(s);
        snprintf(err, errlen, "[web] %s = %s: not a PEM file", key, path);
        return NULL;
    }
    return s;
}

/* plain HTTP beyond this box: passwords and session cookies cross the network in
 * clear, so say so at start, naming the address and the two ways to fix it */
static void warn_plain_http(const struct config *cfg)
{
    const char *spec = config_str(cfg, "web", "listen");
    struct sockaddr_storage ss;
    socklen_t len;
    char err[256];
    if (!spec || !*spec || !net_listen_parse("[web] listen", spec, &ss, &len, err, sizeof err))
        return;
    bool loopback = ss.ss_family == AF_INET
        ? (ntohl(((const struct sockaddr_in *)&ss)->sin_addr.s_addr) >> 24) == 127
        : IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)&ss)->sin6_addr);
    if (!loopback)
        log_warn("web: [web] listen = %s serves the dashboard over plain HTTP beyond this "
                 "box (passwords and session cookies travel in clear): set [web] cert_file "
                 "and key_file, or listen on 127.0.0.1 behind a TLS proxy (trusted_proxy)",
                 spec);
}

bool web_listen_config(const struct config *cfg, struct web_listen *L, char **cert, char **key,
                       char *err, size_t errlen)
{
    memset(L, 0, sizeof *L);
    *cert = *key = NULL;
    /* ranges (and max_connections >= threads) are the key table's, checked on reading */
    L->threads = config_int(cfg, "web", "threads");
    L->max_conn = config_int(cfg, "web", "max_connections");
    L->per_ip = config_int(cfg, "web", "per_ip_connections");
    L->timeout = config_int(cfg, "web", "timeout");
    L->deadline = config_int(cfg, "web", "request_deadline");
    L->idle_s = config_int(cfg, "web", "session_idle");
    const char *proxy = config_str(cfg, "web", "trusted_proxy");
    unsigned char tmp[16];
    if (*proxy && inet_pton(AF_INET, proxy, tmp) != 1 && inet_pton(AF_INET6, proxy, tmp) != 1) {
        snprintf(err, errlen, "[web] trusted_proxy = %s: expected one IP address", proxy);
        return false;
    }
    snprintf(L->trusted_proxy, sizeof L->trusted_proxy, "%s", proxy);
    char cpath[4096] = "", kpath[4096] = "";
    bool has_c = config_path(cfg, "web", "cert_file", cpath, sizeof cpath) && cpath[0];
    bool has_k = config_path(cfg, "web", "key_file", kpath, sizeof kpath) && kpath[0];
    if (has_c != has_k) {
        snprintf(err, errlen, "[web] %s is set without %s: HTTPS needs both",
                 has_c ? "cert_file" : "key_file", has_c ? "key_file" : "cert_file");
        return false;
    }
    if (!has_c) {
        warn_plain_http(cfg);
        return true;
    }
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
        snprintf(err, errlen, "[web] cert_file: this libmicrohttpd has no TLS support");
        return false;
    }
    *cert = read_file(cpath, err, errlen, "cert_file");
    if (!*cert)
        return false;
    char *k = calloc(1, 65536);
    char kerr[512];
    if (!k || !secret_read(kpath, k, 65536, kerr, sizeof kerr) || !strstr(k, "-----BEGIN")) {
        snprintf(err, errlen, "[web] key_file: %s", k && kerr[0] ? kerr : "not a PEM key");
        free(k);
        free(*cert);
        *cert = NULL;
        return false;
    }
    *key = k;
    return true;
}
