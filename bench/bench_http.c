/* bench_http.c: the benchmark services' HTTP daemon and their wait for the end
 * (see bench_http.h). */
#include "bench/bench_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bench_port(const char *arg)
{
    char *end;
    long p = strtol(arg, &end, 10);
    return *arg && !*end && p > 0 && p <= 65535 ? (int)p : 0;
}

static sigset_t stop_signals(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

void bench_block_signals(void)
{
    sigset_t set = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

struct MHD_Daemon *bench_http_start(const char *prog, int port,
                                    MHD_AccessHandlerCallback handler, void *cls)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, 0, NULL, NULL, handler, cls,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, 4u,
        MHD_OPTION_CONNECTION_LIMIT, 512u,
        MHD_OPTION_CONNECTION_TIMEOUT, 60u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 512u,
        MHD_OPTION_END);
    if (!d)
        fprintf(stderr, "%s: cannot listen on 127.0.0.1:%d\n", prog, port);
    return d;
}

void bench_wait(void)
{
    sigset_t set = stop_signals();
    int sig;
    sigwait(&set, &sig);
}
