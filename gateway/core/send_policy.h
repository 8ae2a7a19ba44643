/* send_policy.h: what the senders may send now: [broadcast] quiet hours in the
 * local time zone, the daily cap per link (broadcasts stop for the day) and the
 * hard cap (replies stop too), the links' rates, and the preference of broadcasts
 * for the faster links (a Kannel link over a modem). Built from the config once,
 * before any service starts, and handed to every service that sends, so there is
 * no moment without it. Read-only after that. */
#ifndef TALKA_SEND_POLICY_H
#define TALKA_SEND_POLICY_H

#include "db/db.h"
#include "gateway/base/config.h"
#include "gateway/core/transport.h"

#include <stdbool.h>
#include <time.h>

struct send_policy {
    bool quiet;               /* quiet hours configured */
    int quiet_from, quiet_to; /* minutes after local midnight, [from, to), may wrap */
    char quiet_text[32];      /* "21:00-09:00" or "" */
    long daily_cap;           /* parts a link sends a day before broadcasts stop (0: none) */
    long reply_hard_cap;      /* parts a link sends a day before everything stops (0: none) */
    long assumed_rate;        /* parts a minute assumed for a link without a rate */
    long prefer_factor;       /* broadcasts avoid a link this many times slower than
                                 another link that is up (0: every link sends them) */
    int nlinks;
    struct transport_link links[TRANSPORT_MAX_LINKS];
};

/* Reads [broadcast] and the configured links. False with a message naming the key
 * on a bad value (also when [broadcast] timezone differs from [talka] timezone:
 * talka keeps one local time zone per process). */
bool send_policy_load(const struct config *cfg, struct send_policy *p, char *err,
                      size_t errlen);

/* Parses "HH:MM-HH:MM" ("" = none) into minutes. */
bool send_parse_quiet(const char *s, bool *quiet, int *from, int *to);

/* Inside quiet hours at t? *until gets the end of these quiet hours. */
bool send_in_quiet(const struct send_policy *p, time_t t, time_t *until);

/* Parts a link sent since the start of today (local) into *parts; false on a
 * database error. */
bool send_sent_today(struct db *db, const char *link, time_t now, long *parts);

/* Parts a minute all links together send (assumed_rate for a link without one). */
long send_total_rate(const struct send_policy *p);

/* For a sender: the highest priority number the link may claim now — everything
 * outside quiet hours and caps, replies and staff notices only during quiet hours,
 * past the daily cap or while a link prefer_factor times faster is up, nothing (-1)
 * past the hard cap or when the database cannot say (fails closed). in_flight:
 * parts the link has handed over and not yet recorded as sent, counted against
 * the caps with today's. */
int send_max_priority(const struct send_policy *p, struct db *db, const char *link,
                      long in_flight, time_t now);

/* A daily cap or hard cap is set: a sender claims one text at a time, so the caps
 * are checked before each. */
bool send_capped(const struct send_policy *p);

#endif
