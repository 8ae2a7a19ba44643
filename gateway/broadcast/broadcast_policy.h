/* broadcast_policy.h: when broadcasts may go out: [broadcast] quiet hours in the
 * campaign's time zone, the daily cap per modem (broadcasts stop for the day) and
 * the hard cap (replies stop too), the modems' rates, and the estimated time to
 * send. Also the campaign-time conversions the broadcast files share. */
#ifndef TALKA_BROADCAST_POLICY_H
#define TALKA_BROADCAST_POLICY_H

#include "db/db.h"
#include "gateway/base/config.h"

#include <stdbool.h>
#include <time.h>

#define BROADCAST_MAX_MODEMS 16

struct broadcast_policy {
    char tz[64];            /* [broadcast] timezone, default Europe/Riga */
    bool quiet;             /* quiet hours configured */
    int quiet_from, quiet_to; /* minutes after local midnight, [from, to), may wrap */
    char quiet_text[32];    /* "21:00-09:00" or "" */
    long daily_cap;         /* parts a modem sends a day before broadcasts stop (0: none) */
    long reply_hard_cap;    /* parts a modem sends a day before everything stops (0: none) */
    long assumed_rate;      /* parts a minute assumed for a modem without a rate */
    int nmodems;
    char modems[BROADCAST_MAX_MODEMS][32]; /* gammu0, gammu1, ... */
    long rates[BROADCAST_MAX_MODEMS];      /* parts a minute, 0: no limit */
};

/* Reads [broadcast] and the modems' rates. False with a message on a bad value. */
bool broadcast_policy_load(const struct config *cfg, struct broadcast_policy *p, char *err,
                           size_t errlen);

/* Parses "HH:MM-HH:MM" ("" = none) into minutes. */
bool broadcast_parse_quiet(const char *s, bool *quiet, int *from, int *to);

/* Seconds east of UTC of zone tz at t. */
long broadcast_tz_offset(const char *tz, time_t t);
/* The instant of local civil time (y, mon 1-12, d, h, min) in tz. */
time_t broadcast_local_time(const char *tz, int y, int mon, int d, int h, int min);
/* Local midnight that starts the day of t, and the next one. */
time_t broadcast_day_start(const char *tz, time_t t);
time_t broadcast_next_day(const char *tz, time_t t);
/* "YYYY-MM-DD HH:MM" in tz, or RFC 3339 with Z or an offset. -1 when neither. */
time_t broadcast_parse_time(const char *s, const char *tz);
/* "YYYY-MM-DD" → local midnight in tz; -1 when bad. */
time_t broadcast_parse_date(const char *s, const char *tz);
/* "2026-05-16 14:30" in tz. */
void broadcast_format_local(time_t t, const char *tz, char *out, size_t len);

/* Inside quiet hours at t? *until gets the end of these quiet hours. */
bool broadcast_in_quiet(const struct broadcast_policy *p, time_t t, time_t *until);

/* Parts modem sent since the start of today (local). */
long broadcast_sent_today(struct db *db, const struct broadcast_policy *p, const char *modem,
                          time_t now);

/* Estimated seconds from start to send `parts` parts at the modems' rates, through
 * quiet hours and daily caps (already_today: parts sent today in all). */
long broadcast_eta(const struct broadcast_policy *p, long parts, time_t start, long already_today);
/* "3 h 20 min" / "45 s" */
void broadcast_format_duration(long seconds, char *out, size_t len);

/* The policy the sender follows (set by the broadcast service; NULL until then). */
void broadcast_policy_install(const struct broadcast_policy *p);

/* For the modem sender: the highest priority number the modem may claim now —
 * everything outside quiet hours and caps, replies and staff notices only during
 * quiet hours or past the daily cap, nothing (-1) past the hard cap. Weak, so the
 * sender builds without the broadcast module. */
int broadcast_max_priority(struct db *db, const char *modem, time_t now) __attribute__((weak));

#endif
