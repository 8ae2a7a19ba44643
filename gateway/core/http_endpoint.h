/* http_endpoint.h: the one way talka serves HTTP (libmicrohttpd). The USSD
 * endpoint, Kannel's callbacks and the staff dashboard each describe theirs in a
 * struct http_endpoint_spec; this module reads [SECTION] listen and allow, reads
 * the shared secret, binds the socket when `talka run` checks its services (so a
 * busy port stops it before any modem starts), raises the open-files limit,
 * starts the server (a thread pool; an address outside allow is closed as it is
 * accepted; at most per_ip connections from one address), reports the port it
 * got (listen = 127.0.0.1:0) and stops it. */
#ifndef TALKA_HTTP_ENDPOINT_H
#define TALKA_HTTP_ENDPOINT_H

#include "gateway/base/config.h"

#include <microhttpd.h>

#include <stdbool.h>
#include <stddef.h>

/* $TALKA_PORT_DIR, when set: each endpoint writes the port it listens on to
 * DIR/SECTION.port (a number and a newline) once it serves; removed at check */
#define HTTP_ENDPOINT_PORT_DIR_ENV "TALKA_PORT_DIR"

struct http_endpoint_spec {
    const char *section;        /* "ussd", "kannel", "web": [section] listen and allow */
    const char *secret_key;     /* "secret_file": the `key` callers give; NULL: none */
    MHD_AccessHandlerCallback handler;
    MHD_RequestCompletedCallback completed;   /* may be NULL */
    void *cls;                  /* both callbacks' first argument */
    unsigned threads;           /* the server's thread pool */
    unsigned max_conn;          /* open connections at most */
    unsigned per_ip;            /* from one address at most; 0: no limit */
    unsigned timeout;           /* seconds before an idle connection is closed */
    unsigned deadline;          /* seconds a request's headers and body may take to
                                   arrive, and the oldest waiting connection shed when
                                   nearly full (gateway/core/http_guard.h); 0: neither */
    unsigned backlog;           /* the kernel's queue of connections not yet accepted */
    size_t conn_memory;         /* bytes of memory per connection */
    const char *tls_cert;       /* PEM text, with tls_key (the caller's until close): HTTPS */
    const char *tls_key;
};

struct http_endpoint;

/* At check time: reads [section] listen and allow, the secret, raises the
 * open-files limit and binds and listens. 0 with *out set; 2 for a wrong value
 * in the configuration, 1 for a secret or port that cannot be used (the message
 * names the key or the address and port). */
int http_endpoint_open(const struct config *cfg, const struct http_endpoint_spec *spec,
                       struct http_endpoint **out, char *err, size_t errlen);

/* Starts serving on the bound socket, logs "SECTION: listening on ADDRESS:PORT"
 * and writes the port file; false with a message when it cannot. */
bool http_endpoint_start(struct http_endpoint *E, char *err, size_t errlen);

/* The address bound, with the port the kernel gave: "127.0.0.1:41234", "[::1]:8733". */
const char *http_endpoint_address(const struct http_endpoint *E);

/* 0 when the request's `key` argument is the secret, compared by its decoded
 * length in constant time ("RIGHT%00junk" is not "RIGHT"); 403 when it is not
 * (always without a secret); 429 while its address is locked out: 10 wrong keys
 * from one address within a minute refuse it (right key or not) for a minute. */
unsigned http_endpoint_key_check(struct http_endpoint *E, struct MHD_Connection *conn);

/* Stops the server (waiting for its threads), closes the socket, wipes the
 * secret and frees E. NULL is allowed. */
void http_endpoint_close(struct http_endpoint *E);

#endif
