/* localtime.c: the process's one local time zone (see localtime.h). */
#include "gateway/base/localtime.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char zone[64] = "UTC";
static bool zone_set;

static bool zone_known(const char *tz)
{
    if (!strcmp(tz, "UTC"))
        return true;
    /* names only: no absolute paths, no climbing out of the zone database */
    if (tz[0] == '/' || tz[0] == ':' || strstr(tz, "..") || strlen(tz) >= sizeof zone)
        return false;
    char path[256];
    const char *dir = getenv("TZDIR");
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
    return access(path, R_OK) == 0;
}

bool localtime_setup(const char *tz, char *err, size_t errlen)
{
    if (!tz || !*tz)
        tz = "UTC";
    if (zone_set) {
        if (!strcmp(zone, tz))
            return true;
        snprintf(err, errlen, "time zone already set to %s, cannot switch to %s", zone, tz);
        return false;
    }
    if (!zone_known(tz)) {
        snprintf(err, errlen, "unknown time zone '%s' (a name from /usr/share/zoneinfo, e.g. Europe/Riga)", tz);
        return false;
    }
    snprintf(zone, sizeof zone, "%s", tz);
    setenv("TZ", zone, 1);
    tzset();
    zone_set = true;
    return true;
}

const char *localtime_zone(void) { return zone; }

void local_tm(time_t t, struct tm *out)
{
    if (!zone_set)
        gmtime_r(&t, out);
    else
        localtime_r(&t, out);
}

long local_offset(time_t t)
{
    struct tm tm;
    local_tm(t, &tm);
    return zone_set ? tm.tm_gmtoff : 0;
}

time_t local_time(int y, int mon, int d, int h, int min)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mon - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = min;
    time_t as_utc = timegm(&tm);
    /* offset at the guessed instant, then at the corrected one (DST edges) */
    time_t t = as_utc - local_offset(as_utc);
    return as_utc - local_offset(t);
}

time_t local_day_start(time_t t)
{
    struct tm tm;
    local_tm(t, &tm);
    return local_time(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0, 0);
}

time_t local_next_day(time_t t)
{
    struct tm tm;
    local_tm(t, &tm);
    time_t next = local_time(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + 1, 0, 0);
    assert(next > t);
    return next;
}

time_t local_parse_date(const char *s)
{
    int y, mo, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 || mo < 1 || mo > 12 || d < 1 ||
        d > 31 || y < 2000 || y > 2100)
        return -1;
    return local_time(y, mo, d, 0, 0);
}

time_t local_parse_time(const char *s)
{
    int y, mo, d, h, mi, sec = 0, n = 0;
    char sep;
    if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) != 6 ||
        (sep != ' ' && sep != 'T' && sep != 't') || mo < 1 || mo > 12 || d < 1 || d > 31 ||
        h > 23 || mi > 59 || y < 2000 || y > 2100 || h < 0 || mi < 0)
        return -1;
    const char *rest = s + n;
    if (*rest == ':') {
        int m2 = 0;
        if (sscanf(rest, ":%2d%n", &sec, &m2) != 1 || sec > 60 || sec < 0)
            return -1;
        rest += m2;
        if (*rest == '.') { /* fractions of a second */
            rest++;
            while (*rest >= '0' && *rest <= '9')
                rest++;
        }
    }
    if (!*rest) /* local time */
        return sep == ' ' ? local_time(y, mo, d, h, mi) + sec : -1;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    time_t t = timegm(&tm);
    if ((rest[0] == 'Z' || rest[0] == 'z') && !rest[1])
        return t;
    int oh, om;
    char sign;
    if (sscanf(rest, "%c%2d:%2d%c", &sign, &oh, &om, &sep) != 3 || (sign != '+' && sign != '-') ||
        oh > 23 || om > 59 || strlen(rest) != 6)
        return -1;
    long off = (long)oh * 3600 + om * 60;
    return sign == '+' ? t - off : t + off;
}

void local_format(time_t t, char *out, size_t len)
{
    struct tm tm;
    local_tm(t, &tm);
    strftime(out, len, "%Y-%m-%d %H:%M", &tm);
}

void local_date(time_t t, char out[11])
{
    struct tm tm;
    local_tm(t, &tm);
    if (strftime(out, 11, "%Y-%m-%d", &tm) == 0)
        out[0] = '\0'; /* a year past 9999 */
}
