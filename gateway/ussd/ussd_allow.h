/* ussd_allow.h: the [ussd] allow list: addresses and CIDR ranges (IPv4 and
 * IPv6) that may call the USSD endpoint. */
#ifndef TALKA_USSD_ALLOW_H
#define TALKA_USSD_ALLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define USSD_ALLOW_MAX 32

struct ussd_allow {
    int n;                      /* 0: everyone */
    struct {
        int family;             /* AF_INET | AF_INET6 */
        unsigned char addr[16];
        int prefix;             /* bits */
    } nets[USSD_ALLOW_MAX];
};

/* Parses "127.0.0.1, 10.0.0.0/8, ::1"; NULL or "" allows everyone. False with a
 * message in err on a malformed entry. */
bool ussd_allow_parse(const char *spec, struct ussd_allow *out, char *err, size_t errlen);

/* True when addr (IPv4, IPv6 or IPv4-mapped IPv6) is allowed. */
bool ussd_allow_match(const struct ussd_allow *allow, const struct sockaddr *addr);

#endif
