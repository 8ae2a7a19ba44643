/* net_allow.c: matching a caller's address against an allow list ([ussd] allow,
 * [kannel] allow). */
#include "gateway/base/net_allow.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool parse_one(const char *tok, struct net_allow *out)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", tok);
    int prefix = -1;
    char *slash = strchr(buf, '/');
    if (slash) {
        *slash = '\0';
        char *end;
        long p = strtol(slash + 1, &end, 10);
        if (!slash[1] || *end || p < 0 || p > 128)
            return false;
        prefix = (int)p;
    }
    int i = out->n;
    memset(out->nets[i].addr, 0, sizeof out->nets[i].addr);
    if (inet_pton(AF_INET, buf, out->nets[i].addr) == 1) {
        out->nets[i].family = AF_INET;
        if (prefix > 32)
            return false;
        out->nets[i].prefix = prefix < 0 ? 32 : prefix;
    } else if (inet_pton(AF_INET6, buf, out->nets[i].addr) == 1) {
        out->nets[i].family = AF_INET6;
        out->nets[i].prefix = prefix < 0 ? 128 : prefix;
    } else {
        return false;
    }
    out->n++;
    return true;
}

bool net_allow_parse(const char *what, const char *spec, struct net_allow *out, char *err,
                     size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!spec)
        return true;
    const char *p = spec;
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == '\t')
            p++;
        if (!*p)
            break;
        size_t n = strcspn(p, " ,\t");
        char tok[64];
        if (n >= sizeof tok || out->n >= NET_ALLOW_MAX) {
            snprintf(err, errlen, "%s: entry too long or too many entries", what);
            return false;
        }
        memcpy(tok, p, n);
        tok[n] = '\0';
        if (!parse_one(tok, out)) {
            snprintf(err, errlen, "%s: '%s' is not an address or CIDR range", what, tok);
            return false;
        }
        p += n;
    }
    return true;
}

static bool prefix_eq(const unsigned char *a, const unsigned char *b, int bits)
{
    int bytes = bits / 8, rest = bits % 8;
    if (memcmp(a, b, (size_t)bytes))
        return false;
    if (!rest)
        return true;
    unsigned char mask = (unsigned char)(0xFF << (8 - rest));
    return (a[bytes] & mask) == (b[bytes] & mask);
}

bool net_allow_match(const struct net_allow *allow, const struct sockaddr *addr)
{
    if (allow->n == 0)
        return true;
    if (!addr)
        return false;
    unsigned char a4[4], a6[16];
    bool has4 = false, has6 = false;
    if (addr->sa_family == AF_INET) {
        memcpy(a4, &((const struct sockaddr_in *)(const void *)addr)->sin_addr, 4);
        has4 = true;
    } else if (addr->sa_family == AF_INET6) {
        const struct in6_addr *in6 = &((const struct sockaddr_in6 *)(const void *)addr)->sin6_addr;
        memcpy(a6, in6, 16);
        has6 = true;
        if (IN6_IS_ADDR_V4MAPPED(in6)) {
            memcpy(a4, a6 + 12, 4);
            has4 = true;
        }
    }
    for (int i = 0; i < allow->n; i++) {
        if (allow->nets[i].family == AF_INET && has4 &&
            prefix_eq(a4, allow->nets[i].addr, allow->nets[i].prefix))
            return true;
        if (allow->nets[i].family == AF_INET6 && has6 &&
            prefix_eq(a6, allow->nets[i].addr, allow->nets[i].prefix))
            return true;
    }
    return false;
}
