/* clock.c: the single time source (see clock.h): real time, or a fixed or
 * file-driven time for tests. */
#include "gateway/base/clock.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static time_t parse_time(const char *s)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno == 0 && end != s && (*end == '\0' || *end == '\n' || *end == '.'))
        return (time_t)v;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (sscanf(s, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec) >= 3) {
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        return timegm(&tm);
    }
    return (time_t)-1;
}

time_t clock_now(void)
{
    const char *fixed = getenv("TALKA_NOW");
    if (fixed && *fixed) {
        time_t t = parse_time(fixed);
        if (t != (time_t)-1)
            return t;
    }
    const char *file = getenv("TALKA_CLOCK_FILE");
    if (file && *file) {
        /* A test rewriting the file may leave it empty for a moment: then the last
         * time read stands, never the real clock. */
        static _Atomic long long last = -1;
        for (int tries = 0; tries < 3; tries++) {
            FILE *f = fopen(file, "r");
            if (!f)
                continue;
            char buf[64] = "";
            if (!fgets(buf, sizeof buf, f))
                buf[0] = '\0';
            fclose(f);
            time_t t = parse_time(buf);
            if (t != (time_t)-1) {
                last = (long long)t;
                return t;
            }
        }
        if (last >= 0)
            return (time_t)last;
    }
    return time(NULL);
}

long long clock_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void clock_sleep_ms(long ms)
{
    if (ms <= 0)
        return;
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

void clock_rfc3339(time_t t, char *buf, unsigned len)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

