/* cmd_registry.c: `talka registry status` (queue depth, last success, last error,
 * rejected records) and `talka registry flush` (send what is waiting, then exit). */
#include "db/registry.h"
#include "gateway/core/app.h"
#include "gateway/base/clock.h"
#include "gateway/cli/cmd_registry.h"
#include "gateway/base/secret_key.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/base/log.h"
#include "gateway/registry/registry_config.h"
#include "gateway/registry/registry_http.h"
#include "gateway/registry/registry_lock.h"
#include "gateway/registry/registry_upload.h"

#include <stdatomic.h>
#include <signal.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: talka [-c FILE] registry status\n"
            "       talka [-c FILE] registry flush [--tries N] [--max-wait SECONDS]\n"
            "                                      [--lock-wait SECONDS]\n\n"
            "status  shows the upload queue: records waiting, records in open batches,\n"
            "        what the registry accepted, last success, last error, rejected records.\n"
            "flush   sends every waiting record now and exits. A failing batch is tried\n"
            "        up to N times (default 3), waiting 1, 2, 4 ... s between tries or the\n"
            "        registry's Retry-After, at most SECONDS in all (default 30). When the\n"
            "        daemon is uploading, flush waits for it up to --lock-wait (default 60).\n\n"
            "Exit status: 0 nothing left to send, 1 records remain (the registry failed,\n"
            "refused our token, or the daemon kept the lock), 2 configuration error.\n"
            "See docs/registry.md.\n");
}

static atomic_bool interrupted;
static void on_int(int sig) { (void)sig; interrupted = 1; }

static long parse_num(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    return (*s && !*end && v >= 0) ? v : -1;
}

static void sleep_s(long secs)
{
    long long end = clock_mono_ms() + secs * 1000LL;
    while (!interrupted && clock_mono_ms() < end)
        clock_sleep_ms(100);
}

/* Uploads until nothing is left, giving up (said why) after tries failures in a
 * row, max_wait seconds of waiting between them or lock_wait seconds of another
 * uploader holding the lock. */
static void upload_all(struct registry_uploader *u, long tries, long max_wait, long lock_wait)
{
    long waited = 0, locked_ms = 0;
    int fails = 0;
    bool gave_up = false;
    while (!gave_up && !interrupted) {
        enum registry_step st = registry_upload_step(u);
        if (st == REG_SENT) {
            fails = 0;
            continue;
        }
        if (st == REG_IDLE)
            break;
        if (st == REG_LOCKED) {
            if (locked_ms >= lock_wait * 1000) {
                fprintf(stderr, "talka registry flush: %s\n", u->last_error);
                gave_up = true;
                break;
            }
            clock_sleep_ms(250);
            locked_ms += 250;
            continue;
        }
        if (st == REG_RETRY) {
            fails++;
            long w = u->retry_after_given ? (long)(u->next_try_at - clock_now()) : 1L << (fails - 1);
            if (w < 1)
                w = 1;
            if (fails >= tries || waited + w > max_wait) {
                fprintf(stderr, "talka registry flush: %s\n", u->last_error);
                gave_up = true;
                break;
            }
            sleep_s(w);
            waited += w;
            continue;
        }
        /* REG_AUTH, REG_ERROR (REG_WAIT cannot happen: flush ignores the schedule) */
        fprintf(stderr, "talka registry flush: %s\n", u->last_error);
        gave_up = true;
    }
}

static int flush(int argc, char **argv)
{
    long tries = 3, max_wait = 30, lock_wait = 60;
    for (int i = 1; i < argc; i++) {
        long *dst = !strcmp(argv[i], "--tries") ? &tries
                  : !strcmp(argv[i], "--max-wait") ? &max_wait
                  : !strcmp(argv[i], "--lock-wait") ? &lock_wait : NULL;
        if (!dst || i + 1 >= argc || (*dst = parse_num(argv[i + 1])) < 0) {
            usage(stderr);
            return 2;
        }
        i++;
    }
    if (tries < 1)
        tries = 1;
    struct app a;
    int rc = app_open(&a, APP_LEXICON | APP_DB);
    if (rc)
        return rc;
    struct registry_config cfg;
    char err[1024], secret[1024];
    /* a token or secret that cannot be used is a problem met while acting (1);
     * any other refusal is a wrong value in the configuration (2) */
    bool secrets = secret_key_config(a.cfg, "registry", "token_file", secret, sizeof secret,
                                     err, sizeof err) &&
                   secret_key_config(a.cfg, "registry", "secret_file", secret, sizeof secret,
                                     err, sizeof err);
    OPENSSL_cleanse(secret, sizeof secret);
    if (!secrets || !registry_config_load(a.cfg, &cfg, err, sizeof err)) {
        fprintf(stderr, "talka registry flush: %s\n", err);
        app_close(&a);
        return secrets ? 2 : 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_int;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct registry_http *http = registry_http_new(&cfg, &interrupted);
    struct registry_uploader u;
    memset(&u, 0, sizeof u);
    u.db = a.db;
    u.lex = a.lex;
    u.rc = &cfg;
    u.http = http;
    u.role = "flush";
    u.ignore_schedule = true;
    u.stopping = &interrupted;
    if (http)
        upload_all(&u, tries, max_wait, lock_wait);
    registry_lock_release(a.db, u.role);
    registry_http_free(http);
    registry_config_clear(&cfg);
    long left = registry_pending(a.db);
    if (left < 0)
        printf("registry flush: %d records delivered (%d duplicate, %d rejected); cannot count"
               " what remains (database error)\n", u.delivered, u.duplicates, u.rejected);
    else
        printf("registry flush: %d records delivered (%d duplicate, %d rejected); %ld remain\n",
               u.delivered, u.duplicates, u.rejected, left);
    app_close(&a);
    return left == 0 ? 0 : 1;
}

static void show_time(const char *label, struct db *db, const char *at_key, const char *msg_key)
{
    char at[32], msg[600], when[32] = "";
    bool have = registry_state_get(db, at_key, at, sizeof at) == DB_FOUND;
    registry_state_get(db, msg_key, msg, sizeof msg);
    if (!have) {
        printf("%-14s never\n", label);
        return;
    }
    clock_rfc3339((time_t)atoll(at), when, sizeof when);
    printf("%-14s %s  %s\n", label, when, msg);
}

static void print_rejected(void *arg, const char *uuid, const char *op, const char *reason,
                           int64_t at)
{
    (void)arg;
    char when[32];
    clock_rfc3339((time_t)at, when, sizeof when);
    printf("  %s  %-6s %s  %s\n", uuid, op, when, reason);
}

static int status(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        usage(stderr);
        return 2;
    }
    struct app a;
    int rc = app_open(&a, APP_DB);
    if (rc)
        return rc;
    struct registry_counts c;
    long pending = registry_pending(a.db);
    if (pending < 0 || !registry_counts(a.db, &c)) {
        fprintf(stderr, "talka registry status: cannot read the queue\n");
        app_close(&a);
        return 1;
    }
    printf("%-14s %s\n", "uploader",
           registry_configured(a.cfg) ? "on ([registry] url is set)" : "off ([registry] url not set)");
    printf("%-14s %ld records (%lld waiting, %lld in %lld open batches)\n", "queue",
           pending, (long long)c.waiting, (long long)c.in_batches,
           (long long)c.open_batches);
    printf("%-14s %lld accepted, %lld duplicate, %lld rejected\n", "delivered",
           (long long)c.accepted, (long long)c.duplicate, (long long)c.rejected);
    struct registry_batch b;
    if (registry_open_batch(a.db, &b) == DB_FOUND) {
        char when[32];
        clock_rfc3339((time_t)b.next_try_at, when, sizeof when);
        printf("%-14s %s: %d records, %d attempts, next try %s\n", "oldest batch", b.batch_id,
               b.nrecords, b.attempts, b.attempts ? when : "now");
    }
    show_time("last success", a.db, "last_success_at", "last_success");
    show_time("last error", a.db, "last_error_at", "last_error");
    char stopped[16];
    if (registry_state_get(a.db, "auth_stopped", stopped, sizeof stopped) == DB_FOUND && stopped[0])
        printf("%-14s the registry refused our token (401/403): uploads are stopped until\n"
               "%-14s [registry] token_file is fixed and talka is reloaded (SIGHUP) or flushed\n",
               "STOPPED", "");
    struct registry_lock_row l;
    if (registry_lock_read(a.db, &l) == DB_FOUND && l.holder[0])
        printf("%-14s held by %s\n", "lock", l.holder);
    if (c.rejected) {
        printf("rejected records (newest first, at most 50):\n");
        registry_rejected(a.db, 50, print_rejected, NULL);
    }
    app_close(&a);
    return 0;
}

int cmd_registry(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "flush"))
        return flush(argc - 1, argv + 1);
    if (!strcmp(argv[1], "status"))
        return status(argc - 1, argv + 1);
    fprintf(stderr, "talka registry: unknown action '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
