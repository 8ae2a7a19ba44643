/* registry_upload.h: one step of the uploader, shared by the daemon's service and
 * `talka registry flush`: take the lock, make or resume the oldest open batch,
 * POST it, and apply the answer (results, backoff, Retry-After, auth stop). */
#ifndef TALKA_REGISTRY_UPLOAD_H
#define TALKA_REGISTRY_UPLOAD_H

#include "db/db.h"
#include "gateway/registry/registry_config.h"
#include "gateway/registry/registry_http.h"
#include "parsers/parse.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

enum registry_step {
    REG_IDLE = 0,   /* nothing waiting, no open batch */
    REG_SENT,       /* a batch got a 2xx answer naming all its records */
    REG_RETRY,      /* the attempt failed; next_try_at set (backoff or Retry-After) */
    REG_WAIT,       /* the open batch is not due before next_try_at */
    REG_AUTH,       /* 401/403: the registry refused our token; stop sending */
    REG_LOCKED,     /* another uploader holds the lock (holder in last_error) */
    REG_ERROR,      /* a database error */
};

struct registry_uploader {
    struct db *db;
    const struct lexicon *lex;
    const struct registry_config *rc;
    struct registry_http *http;
    const char *role;              /* "daemon" | "flush" (names the lock holder) */
    bool ignore_schedule;          /* flush: send an open batch even before next_try_at */
    atomic_bool *stopping;
    /* set by each step */
    time_t next_try_at;            /* REG_RETRY / REG_WAIT: clock_now() seconds */
    bool retry_after_given;        /* next_try_at came from the registry's Retry-After */
    int attempts;                  /* attempts of the batch so far */
    int delivered;                 /* records with a final result, summed over steps */
    int rejected;                  /* of which rejected */
    int duplicates;                /* of which duplicate */
    char last_error[512];
};

/* Does one step (see enum registry_step). Never sleeps. */
enum registry_step registry_upload_step(struct registry_uploader *u);

/* Records waiting or in open batches; -1 when the database cannot be read. */
long registry_pending(struct db *db);

#endif
