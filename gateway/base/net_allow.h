/* net_allow.h: an allow list ([ussd] allow, [kannel] allow): addresses and CIDR
 * ranges (IPv4 and IPv6) that may call one of talka's HTTP endpoints. */
#ifndef TALKA_NET_ALLOW_H
#define TALKA_NET_ALLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define NET_ALLOW_MAX 32

struct net_allow {
    int n;                      /* 0: everyone */
    struct {
        int family;             /* AF_INET | AF_INET6 */
        unsigned char addr[16];
        int prefix;             /* bits */
    } nets[NET_ALLOW_MAX];
};

/* Parses "127.0.0.1, 10.0.0.0/8, ::1"; NULL or "" allows everyone. False with a
 * message in err (naming what, e.g. "[ussd] allow") on a malformed entry. */
bool net_allow_parse(const char *what, const char *spec, struct net_allow *out, char *err,
                     size_t errlen);

/* True when addr (IPv4, IPv6 or IPv4-mapped IPv6) is allowed. */
bool net_allow_match(const struct net_allow *allow, const struct sockaddr *addr);

#endif
