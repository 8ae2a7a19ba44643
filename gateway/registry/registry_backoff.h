/* registry_backoff.h: when to try a failed batch again: exponential backoff with
 * jitter up to a cap, or the registry's Retry-After (429/503). The schedule is the
 * table in docs/registry.md. */
#ifndef TALKA_REGISTRY_BACKOFF_H
#define TALKA_REGISTRY_BACKOFF_H

#include <time.h>

#define REGISTRY_BACKOFF_BASE 10        /* seconds before the first retry (upper bound) */
#define REGISTRY_BACKOFF_CAP 900        /* no wait longer than 15 minutes */
#define REGISTRY_RETRY_AFTER_MAX 86400  /* a Retry-After beyond a day is cut to a day */

/* Seconds to wait after the attempt-th failure in a row (attempt >= 1): the upper
 * bound d = min(CAP, BASE * 2^(attempt-1)), and the wait is d/2 + u * d/2 with u in
 * [0,1) drawn by the caller (registry_jitter()), so gateways that failed together
 * do not come back together. */
long registry_backoff_delay(int attempt, double u);

/* A uniform number in [0,1) from OpenSSL's generator. */
double registry_jitter(void);

/* A Retry-After header value (delta seconds, or an HTTP date) as seconds from now;
 * -1 when absent or unreadable. Cut to [1, REGISTRY_RETRY_AFTER_MAX]. */
long registry_retry_after(const char *value, time_t now);

#endif
