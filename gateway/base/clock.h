/* clock.h: the one clock of talka. Every "now" in the code comes from here, so
 * tests move time without touching the system clock. */
#ifndef TALKA_CLOCK_H
#define TALKA_CLOCK_H

#include <time.h>

/* Wall-clock seconds since the epoch. Tests set TALKA_NOW (epoch seconds or
 * "YYYY-MM-DD HH:MM:SS" UTC) for a fixed time, or TALKA_CLOCK_FILE (a file holding
 * epoch seconds, re-read at each call) for a clock they move while a daemon runs. */
time_t clock_now(void);

/* Monotonic milliseconds, for timeouts and rate limits that must not jump. */
long long clock_mono_ms(void);

/* Sleep for ms milliseconds (interrupted early by signals). */
void clock_sleep_ms(long ms);

/* Format t as RFC 3339 UTC ("2026-05-15T10:00:00Z") into buf (>= 21 bytes). */
void clock_rfc3339(time_t t, char *buf, unsigned len);


#endif
