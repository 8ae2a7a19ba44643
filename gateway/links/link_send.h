/* link_send.h: sending through a modem or a Kannel link (link_send.c): the
 * outbound queue by priority under the send policy, a per-link rate limit,
 * retries with backoff, the network's reference stored; one send at a time, or
 * several in flight on a link that can (transport.h, send_slots). */
#ifndef TALKA_LINK_SEND_H
#define TALKA_LINK_SEND_H

#include "gateway/links/link.h"

/* Sends the next due message: 1 sent (or failed), 0 nothing due, -1 the device
 * failed (err says why). */
int modem_send_one(struct modem *m, char *err, size_t errlen);

/* Waits for every send in flight to finish and records each (before the link is
 * disconnected or the thread stops). */
void modem_send_drain(struct modem *m);

#endif
