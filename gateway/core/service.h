/* service.h: what `talka run` hosts. Each part of the daemon (modems, registry
 * uploader, USSD endpoint, broadcast scheduler) is a service with its own
 * threads and its own database connections; cmd_run.c starts the configured
 * ones, relays SIGHUP, and stops them in reverse order on SIGTERM/SIGINT. */
#ifndef TALKA_SERVICE_H
#define TALKA_SERVICE_H

#include "gateway/core/app.h"
#include "gateway/core/pipeline.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

struct daemon_ctx {
    struct app *app;                 /* config, lexicon, replies (read-only after start) */
    struct pipeline *pipe;           /* shared, thread-safe; pass your own struct db */
    volatile sig_atomic_t *stopping; /* set when the daemon is asked to stop */
};

struct service {
    const char *name;
    /* true when the config asks for this service */
    bool (*enabled)(const struct app *a);
    /* starts its threads; false with a message in err when it cannot */
    bool (*start)(struct daemon_ctx *ctx, char *err, size_t errlen);
    /* SIGHUP: re-read what can change without a restart (may be NULL) */
    void (*reload)(struct daemon_ctx *ctx);
    /* finishes current work (e.g. the send in progress) and joins its threads */
    void (*stop)(struct daemon_ctx *ctx);
};

/* The services, each defined in its own file; weak so a build without one still links. */
extern const struct service modem_service __attribute__((weak));
extern const struct service registry_service __attribute__((weak));
extern const struct service ussd_service __attribute__((weak));
extern const struct service broadcast_service __attribute__((weak));

#endif
