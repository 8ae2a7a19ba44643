/* cmd_run.c: `talka run`, the daemon: recovers texts a crash left unhandled,
 * starts the configured services (modems, registry uploader, USSD endpoint,
 * broadcast scheduler) and stops them cleanly on SIGTERM/SIGINT. The one place
 * that wires services: the send policy (quiet hours, caps) is built here before
 * any service starts and handed to every one of them. */
#include "db/outbox.h"
#include "db/retention.h"
#include "gateway/base/clock.h"
#include "gateway/cli/cmd_run.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/cli/wiring.h"
#include "gateway/base/log.h"
#include "gateway/broadcast/broadcast_service.h"
#include "gateway/modem/modem_service.h"
#include "gateway/registry/registry_service.h"
#include "gateway/ussd/ussd_service.h"
#include "gateway/web/web_service.h"

#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static atomic_bool stopping;
static atomic_bool reload_wanted;

static void on_stop(int sig) { (void)sig; stopping = 1; }
static void on_hup(int sig) { (void)sig; reload_wanted = 1; }

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] run\n\n"
               "Runs the gateway in the foreground: modems from the [gammu], [gammu1], ...\n"
               "sections, the registry uploader ([registry] url), the USSD endpoint\n"
               "([ussd] listen), the broadcast scheduler and the staff dashboard\n"
               "([web] listen). Logs go to stderr.\n"
               "SIGTERM/SIGINT finish the current send and exit; SIGHUP reloads lists.\n"
               "Exit status: 0 after a clean stop, 1 when a service failed to start,\n"
               "2 on a configuration error.\n");
}

int cmd_run(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc > 1) {
        usage(stderr);
        return 2;
    }
    struct app a;
    struct pipeline *p;
    int rc = wiring_open_pipeline(&a, &p);
    if (rc)
        return rc;
    char err[1024] = "";
    struct send_policy policy;
    if (!send_policy_load(a.cfg, &policy, err, sizeof err)) {
        fprintf(stderr, "talka: %s: %s\n", config_file(a.cfg), err);
        pipeline_free(p);
        app_close(&a);
        return 2;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_hup;
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int requeued = outbox_requeue_stale(a.db);
    int recovered = pipeline_recover(p, a.db);
    log_info("talka starting: config %s, database %s", config_file(a.cfg), a.db_path);
    if (recovered || requeued > 0)
        log_info("recovered %d unhandled texts and %d unsent messages", recovered, requeued);

    const struct service *all[] = { &modem_service, &broadcast_service, &registry_service,
                                    &ussd_service, &web_service };
    const size_t nall = sizeof all / sizeof all[0];
    bool started[sizeof all / sizeof all[0]] = { false };
    struct daemon_ctx ctx = { .app = &a, .pipe = p, .policy = &policy, .stopping = &stopping };
    rc = 0;
    for (size_t i = 0; i < nall && !rc; i++) {
        const struct service *s = all[i];
        if (!s->enabled(&a))
            continue;
        if (!s->start(&ctx, err, sizeof err)) {
            log_error("%s: %s", s->name, err);
            fprintf(stderr, "talka: %s: %s\n", s->name, err);
            rc = 1;
            break;
        }
        started[i] = true;
        log_info("%s started", s->name);
    }
    long retention_days = config_get_int(a.cfg, "talka", "retention_days", 0);
    long long next_retention = 0;
    while (!stopping && !rc) {
        if (retention_days > 0 && clock_mono_ms() >= next_retention) {
            long n = retention_apply(a.db, clock_now(), retention_days);
            if (n > 0)
                log_info("retention: cleared %ld raw texts older than %ld days", n, retention_days);
            next_retention = clock_mono_ms() + 86400LL * 1000;
        }
        if (reload_wanted) {
            reload_wanted = 0;
            log_info("SIGHUP: reloading");
            for (size_t i = 0; i < nall; i++)
                if (started[i] && all[i]->reload)
                    all[i]->reload(&ctx);
        }
        struct timespec ts = { 0, 200 * 1000000L };
        nanosleep(&ts, NULL);
    }
    stopping = 1;
    for (size_t i = nall; i-- > 0;) {
        if (started[i]) {
            all[i]->stop(&ctx);
            log_info("%s stopped", all[i]->name);
        }
    }
    log_info("talka stopped");
    pipeline_free(p);
    app_close(&a);
    return rc;
}
