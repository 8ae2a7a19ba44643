/* registry_service.c: the registry uploader inside `talka run` (a struct service).
 * One thread with its own database connection loops over registry_upload_step().
 * Waits are slept in short monotonic slices; a wait ends when its length has
 * passed on the monotonic clock OR when clock_now() reaches its deadline, so
 * tests that move TALKA_CLOCK_FILE forward (a day-long outage) are obeyed at
 * once, and a frozen test clock does not freeze the uploader. */
#include "gateway/registry/registry_service.h"

#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/secret_key.h"
#include "gateway/registry/registry_config.h"
#include "gateway/registry/registry_http.h"
#include "gateway/registry/registry_lock.h"
#include "gateway/registry/registry_upload.h"
#include "gateway/core/service.h"

#include <openssl/crypto.h>

#include <stdatomic.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
    pthread_t thread;
    bool running;
    struct daemon_ctx *ctx;
    struct registry_config rc;
    atomic_bool reload;
} S;

static bool enabled(const struct app *a) { return registry_configured(a->cfg); }

/* Sleeps until clock_now() >= deadline or secs have passed (monotonic), or stop/reload. */
static void wait_for(time_t deadline, long secs)
{
    long long end = clock_mono_ms() + secs * 1000LL;
    while (!*S.ctx->stopping && !S.reload) {
        if (clock_now() >= deadline || clock_mono_ms() >= end)
            return;
        clock_sleep_ms(100);
    }
}

static void reload_config(void)
{
    struct registry_config rc;
    char err[1024];
    if (!registry_config_load(S.ctx->app->cfg, &rc, err, sizeof err)) {
        log_error("registry: reload: %s (keeping the previous settings)", err);
        return;
    }
    registry_config_clear(&S.rc);
    S.rc = rc;
    log_info("registry: settings reloaded");
}

static void *uploader(void *arg)
{
    (void)arg;
    char err[1024];
    struct db *db = app_db_connect(S.ctx->app, err, sizeof err);
    if (!db) {
        log_error("registry: %s", err);
        return NULL;
    }
    struct registry_http *http = registry_http_new(&S.rc, S.ctx->stopping);
    struct registry_uploader u;
    memset(&u, 0, sizeof u);
    u.db = db;
    u.lex = S.ctx->app->lex;
    u.rc = &S.rc;
    u.http = http;
    u.role = "daemon";
    u.stopping = S.ctx->stopping;
    bool auth_stopped = false;
    int locked_logged = 0;
    while (http && !*S.ctx->stopping) {
        if (S.reload) {
            S.reload = 0;
            registry_http_free(http);
            reload_config();
            http = registry_http_new(&S.rc, S.ctx->stopping);
            u.http = http;
            if (!http)
                break;
            auth_stopped = false;
        }
        if (auth_stopped) {
            wait_for(clock_now() + 3600, 3600);
            continue;
        }
        enum registry_step st = registry_upload_step(&u);
        time_t now = clock_now();
        switch (st) {
        case REG_SENT:
            locked_logged = 0;
            continue;
        case REG_IDLE:
            registry_lock_release(db, u.role);
            wait_for(now + S.rc.interval, S.rc.interval);
            break;
        case REG_RETRY:
        case REG_WAIT: {
            registry_lock_release(db, u.role);
            long d = (long)(u.next_try_at - now);
            wait_for(u.next_try_at, d > 0 ? d : 0);
            break;
        }
        case REG_AUTH:
            registry_lock_release(db, u.role);
            auth_stopped = true;
            break;
        case REG_LOCKED:
            if (!locked_logged++)
                log_info("registry: %s; waiting", u.last_error);
            wait_for(now + 2, 2);
            break;
        case REG_ERROR:
            registry_lock_release(db, u.role);
            log_error("registry: %s", u.last_error);
            wait_for(now + 10, 10);
            break;
        }
    }
    registry_lock_release(db, u.role);
    registry_http_free(http);
    db_close(db);
    return NULL;
}

/* the token and pseudonym secret first (1 when they cannot be used), then the
 * other values (2) */
static int check(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    const struct config *cfg = ctx->app->cfg;
    char buf[1024];
    bool secrets = secret_key_config(cfg, "registry", "token_file", buf, sizeof buf, err,
                                     errlen) &&
                   secret_key_config(cfg, "registry", "secret_file", buf, sizeof buf, err,
                                     errlen);
    OPENSSL_cleanse(buf, sizeof buf);
    if (!secrets)
        return 1;
    struct registry_config rc;
    memset(&rc, 0, sizeof rc);
    bool ok = registry_config_load(cfg, &rc, err, errlen);
    registry_config_clear(&rc);
    return ok ? 0 : 2;
}

static bool start(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    S.ctx = ctx;
    S.reload = 0;
    if (!registry_config_load(ctx->app->cfg, &S.rc, err, errlen))
        return false;
    log_info("registry: uploading every %d s, %d records a batch", S.rc.interval, S.rc.batch_size);
    if (pthread_create(&S.thread, NULL, uploader, NULL) != 0) {
        snprintf(err, errlen, "cannot start the uploader thread");
        registry_config_clear(&S.rc);
        return false;
    }
    S.running = true;
    return true;
}

static void reload(struct daemon_ctx *ctx)
{
    (void)ctx;
    S.reload = 1;
}

static void stop(struct daemon_ctx *ctx)
{
    (void)ctx;
    if (S.running) {
        pthread_join(S.thread, NULL);
        S.running = false;
    }
    registry_config_clear(&S.rc);
}

const struct service registry_service = {
    .name = "registry uploader",
    .enabled = enabled,
    .check = check,
    .start = start,
    .reload = reload,
    .stop = stop,
};
