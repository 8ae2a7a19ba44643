/* registry_upload.c: one uploader step (see registry_upload.h). The HTTP status
 * decides what happens to the batch; the table is in docs/registry.md. */
#include "gateway/registry/registry_upload.h"
#include "db/registry.h"
#include "db/registry_queue.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/registry/registry_backoff.h"
#include "gateway/registry/registry_batch.h"
#include "gateway/registry/registry_lock.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long registry_pending(struct db *db)
{
    int64_t n = 0;
    return registry_queue_pending(db, &n) == DB_FOUND ? (long)n : -1;
}

static void note_error(struct registry_uploader *u, time_t now, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void note_error(struct registry_uploader *u, time_t now, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->last_error, sizeof u->last_error, fmt, ap);
    va_end(ap);
    char at[32];
    snprintf(at, sizeof at, "%lld", (long long)now);
    registry_state_set(u->db, "last_error_at", at);
    registry_state_set(u->db, "last_error", u->last_error);
}

/* An excerpt of the registry's answer fit for a log line (printable ASCII only). */
static void excerpt(const char *body, size_t len, char *out, size_t outlen)
{
    size_t j = 0;
    for (size_t i = 0; body && i < len && j + 1 < outlen && j < 160; i++) {
        unsigned char c = (unsigned char)body[i];
        out[j++] = (c >= 32 && c < 127) ? (char)c : ' ';
    }
    out[j] = '\0';
}

static enum registry_step retry_later(struct registry_uploader *u, const struct registry_batch *b,
                                      time_t now, long delay, const char *why)
{
    u->next_try_at = now + delay;
    if (!(u->stopping && *u->stopping))
        registry_batch_failed(u->db, b->batch_id, u->next_try_at, why);
    note_error(u, now, "%s", why);
    log_warn("registry: batch %s (%d records), attempt %d: %s; next try in %ld s", b->batch_id,
             b->nrecords, u->attempts, why, delay);
    return REG_RETRY;
}

/* The batch to send now into *b (made from the queue when none is open), or why
 * there is none: REG_LOCKED, REG_ERROR, REG_IDLE, REG_WAIT. -1 with a batch. */
static int next_batch(struct registry_uploader *u, time_t now, struct registry_batch *b)
{
    char who[160];
    if (!registry_lock_take(u->db, u->role, now, who, sizeof who)) {
        snprintf(u->last_error, sizeof u->last_error, "another uploader is at work (%s)", who);
        return REG_LOCKED;
    }
    enum db_status open = registry_open_batch(u->db, b);
    if (DB_FAILED(open)) {
        snprintf(u->last_error, sizeof u->last_error, "database error while reading the batches");
        return REG_ERROR;
    }
    if (open == DB_NONE) {
        char id[40];
        int n = registry_batch_make(u->db, u->lex, u->rc, now, id);
        if (n < 0) {
            snprintf(u->last_error, sizeof u->last_error, "database error while making a batch");
            return REG_ERROR;
        }
        open = n == 0 ? DB_NONE : registry_open_batch(u->db, b);
        if (DB_FAILED(open)) {
            snprintf(u->last_error, sizeof u->last_error, "database error while reading the batches");
            return REG_ERROR;
        }
        if (open == DB_NONE)
            return REG_IDLE;
        log_debug("registry: batch %s made with %d records", id, n);
    }
    u->attempts = b->attempts;
    if (!u->ignore_schedule && b->next_try_at > (int64_t)now) {
        u->next_try_at = (time_t)b->next_try_at;
        return REG_WAIT;
    }
    return -1;
}

/* 2xx: the registry's answer per record applied; records it did not name retried. */
static enum registry_step on_accepted(struct registry_uploader *u, struct registry_batch *b,
                                      const struct registry_http_result *res, int nrec,
                                      time_t now)
{
    struct registry_applied ap;
    char err[256], why[600];
    if (!registry_batch_apply(u->db, b->batch_id, res->body, now, &ap, err, sizeof err)) {
        snprintf(why, sizeof why, "HTTP %ld but %s", res->status, err);
        return retry_later(u, b, now, registry_backoff_delay(b->attempts, registry_jitter()), why);
    }
    int done = ap.accepted + ap.duplicate + ap.rejected;
    u->delivered += done;
    u->rejected += ap.rejected;
    u->duplicates += ap.duplicate;
    char msg[256], at[32];
    snprintf(msg, sizeof msg, "batch %s: %d accepted, %d duplicate, %d rejected",
             b->batch_id, ap.accepted, ap.duplicate, ap.rejected);
    snprintf(at, sizeof at, "%lld", (long long)now);
    registry_state_set(u->db, "last_success_at", at);
    registry_state_set(u->db, "last_success", msg);
    registry_state_set(u->db, "auth_stopped", "");
    log_info("registry: %s", msg);
    if (ap.unnamed == 0)
        return REG_SENT;
    snprintf(why, sizeof why, "HTTP %ld named only %d of %d records", res->status, done, nrec);
    return retry_later(u, b, now, registry_backoff_delay(b->attempts, registry_jitter()), why);
}

/* 401/403: uploads stop, the queue is kept. */
static enum registry_step on_refused(struct registry_uploader *u, struct registry_batch *b,
                                     long status, time_t now)
{
    char why[600];
    snprintf(why, sizeof why,
             "HTTP %ld: the registry refused our token; uploads stopped, queue kept "
             "(fix [registry] token_file, then SIGHUP or restart)", status);
    u->next_try_at = now;
    registry_batch_failed(u->db, b->batch_id, now, why);
    note_error(u, now, "%s", why);
    registry_state_set(u->db, "auth_stopped", "yes");
    log_error("REGISTRY: %s", why);
    return REG_AUTH;
}

/* 400/422 for the whole batch: the registry will never take it as it is, so its
 * records are rejected (final, shown by `talka registry status`) and the queue
 * moves on. */
static enum registry_step on_batch_rejected(struct registry_uploader *u, struct registry_batch *b,
                                            const struct registry_http_result *res, time_t now)
{
    char ex[200], why[600];
    excerpt(res->body, res->len, ex, sizeof ex);
    snprintf(why, sizeof why, "HTTP %ld for the whole batch: %s", res->status, ex);
    int n = 0;
    if (db_begin(u->db)) {
        bool ok = registry_batch_reject_all(u->db, b->batch_id, why, now, &n);
        if (ok && registry_batch_close_if_done(u->db, b->batch_id, now) && db_commit(u->db)) {
            u->delivered += n;
            u->rejected += n;
        } else {
            db_rollback(u->db);
            n = 0;
        }
    }
    note_error(u, now, "%s", why);
    log_error("registry rejected batch %s (%d records): %s", b->batch_id, n, why);
    return REG_SENT;
}

enum registry_step registry_upload_step(struct registry_uploader *u)
{
    time_t now = clock_now();
    u->retry_after_given = false;
    struct registry_batch b;
    int why_not = next_batch(u, now, &b);
    if (why_not >= 0)
        return (enum registry_step)why_not;
    size_t len = 0;
    int nrec = 0;
    char *body = registry_batch_body(u->db, u->rc, b.batch_id, now, &len, &nrec);
    if (!body) {
        snprintf(u->last_error, sizeof u->last_error, "cannot build batch %s", b.batch_id);
        return REG_ERROR;
    }
    registry_batch_attempt(u->db, b.batch_id);
    u->attempts = ++b.attempts;

    struct registry_http_result res;
    bool answered = registry_http_post(u->http, b.batch_id, body, len, &res);
    free(body);
    now = clock_now();
    enum registry_step step;
    char why[600], ex[200];
    if (!answered) {
        snprintf(why, sizeof why, "no answer from the registry: %s", res.error);
        step = retry_later(u, &b, now, registry_backoff_delay(b.attempts, registry_jitter()), why);
    } else if (res.status >= 200 && res.status < 300) {
        step = on_accepted(u, &b, &res, nrec, now);
    } else if (res.status == 401 || res.status == 403) {
        step = on_refused(u, &b, res.status, now);
    } else if (res.status == 429 || res.status == 503) {
        long ra = registry_retry_after(res.retry_after[0] ? res.retry_after : NULL, now);
        long delay = ra > 0 ? ra : registry_backoff_delay(b.attempts, registry_jitter());
        snprintf(why, sizeof why, "HTTP %ld (Retry-After: %s)", res.status,
                 res.retry_after[0] ? res.retry_after : "none");
        step = retry_later(u, &b, now, delay, why);
        u->retry_after_given = ra > 0;
    } else if (res.status == 400 || res.status == 422) {
        step = on_batch_rejected(u, &b, &res, now);
    } else {
        excerpt(res.body, res.len, ex, sizeof ex);
        snprintf(why, sizeof why, "HTTP %ld: %s", res.status, ex);
        step = retry_later(u, &b, now, registry_backoff_delay(b.attempts, registry_jitter()), why);
    }
    registry_http_result_free(&res);
    return step;
}
