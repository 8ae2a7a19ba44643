/* localtime.h: the process's one local time zone (the campaign's, `[talka]
 * timezone`), set once at start-up before any thread exists and then read only
 * through localtime_r/mktime. Everything that shows or reads civil time (quiet
 * hours, day caps, dates in reports, --at times) goes through here; storage
 * stays in UTC epoch seconds. */
#ifndef TALKA_LOCALTIME_H
#define TALKA_LOCALTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Sets the zone (a name from the zone database, e.g. "Europe/Riga"). Call once,
 * before any thread starts; a second call with the same zone does nothing, with
 * another zone it fails. False with a message for an unknown zone. */
bool localtime_setup(const char *tz, char *err, size_t errlen);
/* Whether tz names a zone in the zone database (or is UTC). */
bool localtime_zone_known(const char *tz);
/* The zone set by localtime_setup ("UTC" before it). */
const char *localtime_zone(void);

/* Civil time of t in the local zone. */
void local_tm(time_t t, struct tm *out);
/* Seconds east of UTC at t. */
long local_offset(time_t t);
/* The instant of local civil time (y, mon 1-12, d, h, min); days past the end of
 * the month roll over. A time skipped by a DST change counts as after it. */
time_t local_time(int y, int mon, int d, int h, int min);
/* Local midnight that starts the day of t, and the next one. */
time_t local_day_start(time_t t);
time_t local_next_day(time_t t);
/* "YYYY-MM-DD HH:MM[:SS]" local, or RFC 3339 with Z or an offset. -1 when neither. */
time_t local_parse_time(const char *s);
/* "YYYY-MM-DD" → local midnight; -1 when bad. */
time_t local_parse_date(const char *s);
/* "2026-05-16 14:30" local time. */
void local_format(time_t t, char *out, size_t len);
/* "2026-05-16" local date. */
void local_date(time_t t, char out[11]);

#endif
