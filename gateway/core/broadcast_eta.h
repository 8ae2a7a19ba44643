/* broadcast_eta.h: the estimated time to send a broadcast at the links' rates,
 * through quiet hours and daily caps (the send policy of gateway/core), and the
 * way durations are shown. */
#ifndef TALKA_BROADCAST_ETA_H
#define TALKA_BROADCAST_ETA_H

#include "gateway/core/send_policy.h"

#include <time.h>

/* Estimated seconds from start to send `parts` parts at the links' rates, through
 * quiet hours and daily caps (already_today: parts sent today in all). */
long broadcast_eta(const struct send_policy *p, long parts, time_t start, long already_today);
/* Parts all links sent today, for estimates shown to people (a link whose count
 * cannot be read counts 0; the error is logged). */
long broadcast_sent_today_all(const struct send_policy *p, struct db *db, time_t now);
/* "3 h 20 min" / "45 s" */
void broadcast_format_duration(long seconds, char *out, size_t len);

#endif
