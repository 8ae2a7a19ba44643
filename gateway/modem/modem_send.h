/* modem_send.h: sending through a modem (modem_send.c): the outbound queue by
 * priority under the send policy, a per-modem rate limit, retries with backoff,
 * the network's reference stored. */
#ifndef TALKA_MODEM_SEND_H
#define TALKA_MODEM_SEND_H

#include "gateway/modem/modem.h"

/* Sends the next due message: 1 sent (or failed), 0 nothing due, -1 the device
 * failed (err says why). */
int modem_send_one(struct modem *m, char *err, size_t errlen);

#endif
