/* registry_http.h: one HTTPS POST of a batch to the registry (libcurl), keeping the
 * connection open between batches. TLS verification is always on. */
#ifndef TALKA_REGISTRY_HTTP_H
#define TALKA_REGISTRY_HTTP_H

#include "gateway/registry/registry_config.h"

#include <stdatomic.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

struct registry_http;

struct registry_http_result {
    long status;               /* HTTP status; 0 when no answer came (see error) */
    char *body;                /* the answer's body, NUL-terminated (malloc'd, may be NULL) */
    size_t len;
    char retry_after[128];     /* the Retry-After header, "" when none */
    char error[256];           /* transport error (timeout, reset, TLS, refused), "" when none */
};

/* abort_flag (may be NULL): a transfer in progress stops soon after it is set. */
struct registry_http *registry_http_new(const struct registry_config *rc,
                                        atomic_bool *abort_flag);
void registry_http_free(struct registry_http *h);

/* POSTs body with the batch's Idempotency-Key. True when an HTTP answer came
 * (whatever its status); false on a transport error (out->error says which). */
bool registry_http_post(struct registry_http *h, const char *batch_id, const char *body,
                        size_t len, struct registry_http_result *out);
void registry_http_result_free(struct registry_http_result *r);

#endif
