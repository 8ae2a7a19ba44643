/* kannel_alert.h: staff hear when Kannel refuses texts for good (4xx answers
 * such as "Not routable" or "Authorization failed": the rows are marked failed by
 * the link's sender; see kannel_alert.c). */
#ifndef TALKA_KANNEL_ALERT_H
#define TALKA_KANNEL_ALERT_H

#include "gateway/core/service.h"

#include <stdbool.h>
#include <stddef.h>

/* Starts the watcher thread (its own database connection) for the Kannel links
 * in ctx->policy. False with a message when it cannot. */
bool kannel_alert_start(struct daemon_ctx *ctx, char *err, size_t errlen);

/* Stops and joins it (after the daemon set stopping). */
void kannel_alert_stop(void);

#endif
