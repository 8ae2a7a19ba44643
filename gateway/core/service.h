/* service.h: what `talka run` hosts. Each part of the daemon (modems, registry
 * uploader, USSD endpoint, broadcast scheduler) is a service with its own
 * threads and its own database connections; cmd_run.c starts the configured
 * ones, relays SIGHUP, and stops them in reverse order on SIGTERM/SIGINT. Each
 * service declares its `struct service` in its own header (modem_service.h, ...).
 * Start-up order: every enabled service's check() first, then start() in turn,
 * so a bad secret or a busy port stops talka before any modem is touched. */
#ifndef TALKA_SERVICE_H
#define TALKA_SERVICE_H

#include "gateway/core/app.h"
#include "gateway/core/pipeline.h"
#include "gateway/core/send_policy.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct daemon_ctx {
    struct app *app;                 /* config, lexicon, replies (read-only after start) */
    struct pipeline *pipe;           /* shared, thread-safe; pass your own struct db */
    const struct send_policy *policy; /* quiet hours, caps, rates: built before any service */
    atomic_bool *stopping;           /* set when the daemon is asked to stop */
};

struct service {
    const char *name;
    /* true when the config asks for this service */
    bool (*enabled)(const struct app *a);
    /* before any service starts: everything the service will need (config
     * values, secrets, ports, device paths) checked, and what it can prepare
     * (a bound socket) prepared. 0 when it can start; else 2 for a wrong value in
     * the configuration or 1 for something that cannot be used (a secret, port,
     * file, device), with one line in err. May be NULL. */
    int (*check)(struct daemon_ctx *ctx, char *err, size_t errlen);
    /* starts its threads; false with a message in err when it cannot */
    bool (*start)(struct daemon_ctx *ctx, char *err, size_t errlen);
    /* SIGHUP: re-read what can change without a restart (may be NULL) */
    void (*reload)(struct daemon_ctx *ctx);
    /* finishes current work (e.g. the send in progress) and joins its threads */
    void (*stop)(struct daemon_ctx *ctx);
};


#endif
