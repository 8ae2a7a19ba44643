/* cmd_run.c: `talka run`, the daemon: recovers texts a crash left unhandled,
 * starts the configured services (modems, registry uploader, USSD endpoint,
 * broadcast scheduler) and stops them cleanly on SIGTERM/SIGINT. The one place
 * that wires services: the send policy (quiet hours, caps) is built here before
 * any service starts and handed to every one of them. */
#include "db/outbox.h"
#include "db/retention.h"
#include "db/wal.h"
#include "gateway/base/clock.h"
#include "gateway/cli/cmd_run.h"
#include "gateway/core/teach.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/cli/wiring.h"
#include "gateway/cli/run_lock.h"
#include "gateway/base/log.h"
#include "gateway/broadcast/broadcast_service.h"
#include "gateway/kannel/kannel_service.h"
#include "gateway/links/link_service.h"
#include "gateway/metrics/metrics_service.h"
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

static int finish(struct app *a, struct pipeline *p, int lock_fd, int rc)
{
    pipeline_free(p);
    app_close(a);
    run_lock_release(lock_fd);
    return rc;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] run\n\n"
               "Runs the gateway in the foreground: modems from the [gammu], [gammu1], ...\n"
               "sections, the registry uploader ([registry] url), the USSD endpoint\n"
               "([ussd] listen), the broadcast scheduler, Kannel links ([kannel] listen,\n"
               "[kannel0], [kannel1], ...) and the staff dashboard ([web] listen).\n"
               "Logs go to stderr.\n"
               "SIGTERM/SIGINT finish the current send and exit; SIGHUP reloads lists.\n"
               "Before any service starts, everything they need is checked: the database\n"
               "writable, secrets, the HTTP ports (USSD, Kannel, dashboard: bound now;\n"
               "listen = 127.0.0.1:0 takes a free port, logged and written to\n"
               "$TALKA_PORT_DIR/SECTION.port), modem settings (device paths are\n"
               "reported). One talka run per database: a second one is refused, naming\n"
               "the first one's PID (other subcommands keep working beside it).\n"
               "Exit status: 0 after a clean stop; 1 when something cannot be used (a\n"
               "database, secret, port, file or device) or a service failed; 2 on a\n"
               "usage error or a wrong value in the configuration.\n");
}

/* Every enabled service's check(), before any starts: 0, or the exit code (2 a
 * wrong value in the configuration, 1 anything else) with the services already
 * checked stopped again. */
static int check_services(const struct service *const *all, size_t nall, bool *checked,
                          struct daemon_ctx *ctx)
{
    char err[1024] = "";
    for (size_t i = 0; i < nall; i++) {
        if (!all[i]->enabled(ctx->app) || !all[i]->check)
            continue;
        int code = all[i]->check(ctx, err, sizeof err);
        if (code) {
            fprintf(stderr, "talka: %s: %s\n", all[i]->name, err);
            for (size_t k = 0; k < i; k++)
                if (checked[k])
                    all[k]->stop(ctx);
            return code == 2 ? 2 : 1;
        }
        checked[i] = true;
    }
    return 0;
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_hup;
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* Starts the enabled services in order: 0, or 1 when one failed (the ones
 * started before it are marked in started, for stop_services). */
static int start_services(const struct service *const *all, size_t nall, bool *started,
                          struct daemon_ctx *ctx)
{
    char err[1024] = "";
    for (size_t i = 0; i < nall; i++) {
        const struct service *s = all[i];
        if (!s->enabled(ctx->app))
            continue;
        if (!s->start(ctx, err, sizeof err)) {
            fprintf(stderr, "talka: %s: %s\n", s->name, err);
            return 1;
        }
        started[i] = true;
        log_info("%s started", s->name);
    }
    return 0;
}

static void stop_services(const struct service *const *all, size_t nall, const bool *started,
                          const bool *checked, struct daemon_ctx *ctx)
{
    for (size_t i = nall; i-- > 0;) {
        if (started[i] || checked[i])
            all[i]->stop(ctx);   /* also frees what a check prepared */
        if (started[i])
            log_info("%s stopped", all[i]->name);
    }
}

/* SIGHUP: the word lists with the taught words, then each service's own */
static void reload(struct app *a, const struct service *const *all, size_t nall,
                   const bool *started, struct daemon_ctx *ctx)
{
    log_info("SIGHUP: reloading");
    char lerr[1024];
    if (!teach_relearn(a, a->db, lerr, sizeof lerr))
        log_error("SIGHUP: word lists kept as they were: %s", lerr);
    for (size_t i = 0; i < nall; i++)
        if (started[i] && all[i]->reload)
            all[i]->reload(ctx);
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
    /* one daemon per database: a second one would take the first one's sends */
    int lock_fd = run_lock_take(a.db_path, err, sizeof err);
    if (lock_fd < 0) {
        fprintf(stderr, "talka: %s\n", err);
        pipeline_free(p);
        app_close(&a);
        return 1;
    }
    struct send_policy policy;
    if (!send_policy_load(a.cfg, &policy, err, sizeof err)) {
        fprintf(stderr, "talka: %s: %s\n", config_file(a.cfg), err);
        return finish(&a, p, lock_fd, 2);
    }
    const struct service *all[] = { &modem_service, &broadcast_service, &registry_service,
                                    &ussd_service, &kannel_service, &web_service,
                                    &metrics_service };
    const size_t nall = sizeof all / sizeof all[0];
    bool started[sizeof all / sizeof all[0]] = { false };
    bool checked[sizeof all / sizeof all[0]] = { false };   /* may hold prepared state */
    struct daemon_ctx ctx = { .app = &a, .pipe = p, .policy = &policy, .stopping = &stopping };

    /* everything the configured services need, before any of them starts */
    if (!db_check_writable(a.db, a.db_path, err, sizeof err)) {
        fprintf(stderr, "talka: %s\n", err);
        return finish(&a, p, lock_fd, 1);
    }
    int code = check_services(all, nall, checked, &ctx);
    if (code)
        return finish(&a, p, lock_fd, code);
    catch_signals();

    int requeued = outbox_requeue_stale(a.db);
    int recovered = pipeline_recover(p, a.db);
    log_info("talka starting: config %s, database %s", config_file(a.cfg), a.db_path);
    if (recovered || requeued > 0)
        log_info("recovered %d unhandled texts and %d unsent messages", recovered, requeued);

    if (!db_wal_keeper_start(a.db_path, err, sizeof err)) {   /* the checkpoints: db/wal.c */
        fprintf(stderr, "talka: %s\n", err);
        return finish(&a, p, lock_fd, 1);
    }
    rc = start_services(all, nall, started, &ctx);
    long retention_days = config_int(a.cfg, "talka", "retention_days");
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
            reload(&a, all, nall, started, &ctx);
        }
        struct timespec ts = { 0, 200 * 1000000L };
        nanosleep(&ts, NULL);
    }
    stopping = 1;
    stop_services(all, nall, started, checked, &ctx);
    db_wal_keeper_stop();
    log_info("talka stopped");
    return finish(&a, p, lock_fd, rc);
}
