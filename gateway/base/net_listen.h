/* net_listen.h: parsing the address one of talka's HTTP endpoints listens on
 * ("127.0.0.1:8733", "[::1]:8733", ":8733", "127.0.0.1:0" for a port the kernel
 * picks). */
#ifndef TALKA_NET_LISTEN_H
#define TALKA_NET_LISTEN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* Numeric addresses only, ports 0-65535. False with a message naming what (e.g. "[ussd] listen"). */
bool net_listen_parse(const char *what, const char *spec, struct sockaddr_storage *ss,
                      socklen_t *len, char *err, size_t errlen);

#endif
