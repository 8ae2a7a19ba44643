/* http_guard.h: what libmicrohttpd 0.9.75 does not do for an endpoint (see
 * http_guard.c): a deadline for each request's headers and body (its own
 * timeout is only an idle one, which a client sending a byte now and then never
 * meets), and shedding the oldest connection still waiting for its request when
 * the endpoint nears max_connections, so slow clients cannot hold every slot. */
#ifndef TALKA_HTTP_GUARD_H
#define TALKA_HTTP_GUARD_H

#include <microhttpd.h>

#include <stdbool.h>
#include <stddef.h>

struct http_guard;

/* deadline_s: seconds a request may take to arrive (headers and body), counted
 * from the connection's start or its previous answer; max_conn: the endpoint's
 * limit; when fewer than spare slots are left, the oldest waiting connection is
 * closed. NULL when out of memory or the thread cannot start. */
struct http_guard *http_guard_new(const char *section, unsigned deadline_s, unsigned max_conn,
                                  unsigned spare);

/* MHD_OPTION_NOTIFY_CONNECTION's callback (cls: the guard). */
void http_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                       enum MHD_ConnectionNotificationCode code);

/* From the access handler before the endpoint's own: the request's headers
 * have come (first call) or the body is complete (a call without data after
 * the first): from then on it is answered, no longer waited for. */
void http_guard_request(struct http_guard *G, struct MHD_Connection *conn, bool first,
                        size_t upload_size);

/* The request was answered: the next one on the connection has its own deadline. */
void http_guard_completed(struct http_guard *G, struct MHD_Connection *conn);

/* Stops the thread; after MHD_stop_daemon (no connection is left). NULL is allowed. */
void http_guard_free(struct http_guard *G);

#endif
