/* net_listen.c: an endpoint's listen address ([ussd] listen, [kannel] listen). */
#include "gateway/base/net_listen.h"

#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "127.0.0.1:8733", "[::1]:8733", ":8733" */
bool net_listen_parse(const char *what, const char *spec, struct sockaddr_storage *ss,
                      socklen_t *len, char *err, size_t errlen)
{
    char host[128] = "", port[16] = "";
    const char *colon;
    if (spec[0] == '[') {
        const char *close = strchr(spec, ']');
        if (!close || close[1] != ':')
            goto bad;
        snprintf(host, sizeof host, "%.*s", (int)(close - spec - 1), spec + 1);
        colon = close + 1;
    } else {
        colon = strrchr(spec, ':');
        if (!colon)
            goto bad;
        snprintf(host, sizeof host, "%.*s", (int)(colon - spec), spec);
    }
    snprintf(port, sizeof port, "%s", colon + 1);
    /* getaddrinfo() takes "99999" and binds it modulo 65536 */
    char *end;
    long num = strtol(port, &end, 10);
    if (!port[0] || *end || num < 1 || num > 65535)
        goto bad;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
    hints.ai_socktype = SOCK_STREAM;
    if (!port[0] || getaddrinfo(host[0] ? host : NULL, port, &hints, &res) || !res)
        goto bad;
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return true;
bad:
    snprintf(err, errlen, "%s = %s: expected ADDRESS:PORT", what, spec);
    return false;
}
