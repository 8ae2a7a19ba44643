/* bench_http.h: what the benchmark's stand-in services (echo_service.c,
 * anchor_service.c) share: a libmicrohttpd daemon on 127.0.0.1 set up as talka's
 * Kannel endpoint is (a pool of 4 threads, 32 KiB per connection), and running
 * until SIGTERM or SIGINT. */
#ifndef TALKA_BENCH_HTTP_H
#define TALKA_BENCH_HTTP_H

#include <microhttpd.h>

/* The port from a command-line argument: 1-65535, else 0. */
int bench_port(const char *arg);

/* Blocks SIGTERM and SIGINT in this thread and those it starts after, so that
 * bench_wait() takes them; call it before starting any thread. */
void bench_block_signals(void);

/* The daemon on 127.0.0.1:port calling handler(cls, ...); NULL (and a message on
 * stderr naming prog) when it cannot listen. */
struct MHD_Daemon *bench_http_start(const char *prog, int port,
                                    MHD_AccessHandlerCallback handler, void *cls);

/* Waits for SIGTERM or SIGINT (blocked by bench_block_signals). */
void bench_wait(void);

#endif
