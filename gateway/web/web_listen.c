/* web_listen.c: reading the [web] section (see web_listen.h). */
#include "gateway/web/web_listen.h"

#include <microhttpd.h>

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

static bool range(const struct config *cfg, const char *key, long def, long lo, long hi,
                  long *out, char *err, size_t errlen)
{
    const char *v = config_get(cfg, "web", key, NULL);
    if (!v) {
        *out = def;
        return true;
    }
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi) {
        snprintf(err, errlen, "[web] %s = %s: expected a number from %ld to %ld", key, v, lo, hi);
        return false;
    }
    *out = n;
    return true;
}

bool web_listen_config(const struct config *cfg, struct web_listen *L, char **cert, char **key,
                       char *err, size_t errlen)
{
    memset(L, 0, sizeof *L);
    *cert = *key = NULL;
    if (!range(cfg, "threads", 4, 1, 32, &L->threads, err, errlen) ||
        !range(cfg, "max_connections", 128, 4, 10000, &L->max_conn, err, errlen) ||
        !range(cfg, "per_ip_connections", 32, 0, 10000, &L->per_ip, err, errlen) ||
        !range(cfg, "timeout", 30, 1, 3600, &L->timeout, err, errlen) ||
        !range(cfg, "session_idle", 1800, 60, 7 * 86400, &L->idle_s, err, errlen))
        return false;
    if (L->max_conn < L->threads) {
        snprintf(err, errlen, "[web] max_connections must be at least threads");
        return false;
    }
    const char *proxy = config_get(cfg, "web", "trusted_proxy", "");
    unsigned char tmp[16];
    if (*proxy && inet_pton(AF_INET, proxy, tmp) != 1 && inet_pton(AF_INET6, proxy, tmp) != 1) {
        snprintf(err, errlen, "[web] trusted_proxy = %s: expected one IP address", proxy);
        return false;
    }
    snprintf(L->trusted_proxy, sizeof L->trusted_proxy, "%s", proxy);
    char cpath[4096] = "", kpath[4096] = "";
    bool has_c = config_path(cfg, "web", "cert_file", NULL, cpath, sizeof cpath) && cpath[0];
    bool has_k = config_path(cfg, "web", "key_file", NULL, kpath, sizeof kpath) && kpath[0];
    if (has_c != has_k) {
        snprintf(err, errlen, "[web] %s is set without %s: HTTPS needs both",
                 has_c ? "cert_file" : "key_file", has_c ? "key_file" : "cert_file");
        return false;
    }
    if (!has_c)
        return true;
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
