/* broadcast_policy.c: quiet hours, caps, rates and the time to send (see
 * broadcast_policy.h). */
#include "gateway/broadcast/broadcast_policy.h"

#include "db/outbox.h"
#include "gateway/base/clock.h"
#include "gateway/core/transport.h"

#include <pthread.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool broadcast_parse_quiet(const char *s, bool *quiet, int *from, int *to)
{
    *quiet = false;
    *from = *to = 0;
    while (*s == ' ')
        s++;
    if (!*s)
        return true;
    int h1, m1, h2, m2;
    char tail;
    if (sscanf(s, "%d:%d-%d:%d %c", &h1, &m1, &h2, &m2, &tail) != 4 || h1 < 0 || h1 > 24 ||
        h2 < 0 || h2 > 24 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59)
        return false;
    *from = (h1 * 60 + m1) % 1440;
    *to = (h2 * 60 + m2) % 1440;
    *quiet = *from != *to;
    return true;
}

bool broadcast_policy_load(const struct config *cfg, struct broadcast_policy *p, char *err,
                           size_t errlen)
{
    memset(p, 0, sizeof *p);
    snprintf(p->tz, sizeof p->tz, "%s",
             config_get(cfg, "broadcast", "timezone", config_get(cfg, "talka", "timezone", "Europe/Riga")));
    /* libgammu's INI reader drops a bare empty value ("quiet_hours =") as if the
     * key were absent: "none", "off" or "" say there are no quiet hours */
    const char *q = config_get(cfg, "broadcast", "quiet_hours", "21:00-09:00");
    if (!strcasecmp(q, "none") || !strcasecmp(q, "off") || !strcmp(q, "\"\"") || !strcmp(q, "-"))
        q = "";
    if (!broadcast_parse_quiet(q, &p->quiet, &p->quiet_from, &p->quiet_to)) {
        snprintf(err, errlen, "[broadcast] quiet_hours must look like 21:00-09:00 (or be empty)");
        return false;
    }
    if (p->quiet)
        snprintf(p->quiet_text, sizeof p->quiet_text, "%02d:%02d-%02d:%02d", p->quiet_from / 60,
                 p->quiet_from % 60, p->quiet_to / 60, p->quiet_to % 60);
    p->daily_cap = config_get_int(cfg, "broadcast", "daily_cap", 0);
    p->reply_hard_cap = config_get_int(cfg, "broadcast", "reply_hard_cap", 0);
    p->assumed_rate = config_get_int(cfg, "broadcast", "assumed_rate", 10);
    if (p->daily_cap < 0 || p->reply_hard_cap < 0 || p->assumed_rate < 1) {
        snprintf(err, errlen, "[broadcast] daily_cap and reply_hard_cap must be >= 0, assumed_rate >= 1");
        return false;
    }
    /* the modems, as the modem service will see them */
    for (int k = 0; transport_kind_at(k); k++) {
        const struct transport_kind *kind = transport_kind_at(k);
        char names[BROADCAST_MAX_MODEMS][32];
        int n = kind->configured(cfg, names, BROADCAST_MAX_MODEMS - p->nmodems);
        for (int i = 0; i < n && p->nmodems < BROADCAST_MAX_MODEMS; i++) {
            char section[32];
            snprintf(section, sizeof section, "%s", names[i]);
            if (kind->section)
                kind->section(names[i], section, sizeof section);
            snprintf(p->modems[p->nmodems], sizeof p->modems[0], "%s", names[i]);
            p->rates[p->nmodems] = config_get_int(cfg, section, "rate", 0);
            p->nmodems++;
        }
    }
    return true;
}

/* ------------------------------------------------------------ local time */

static pthread_mutex_t off_lock = PTHREAD_MUTEX_INITIALIZER;
static char off_tz[64];
static time_t off_hour = -1;
static long off_value;

long broadcast_tz_offset(const char *tz, time_t t)
{
    /* zones change offset on the hour: one lookup per hour is enough */
    time_t hour = t - ((t % 3600) + 3600) % 3600;
    pthread_mutex_lock(&off_lock);
    if (hour == off_hour && !strcmp(off_tz, tz)) {
        long v = off_value;
        pthread_mutex_unlock(&off_lock);
        return v;
    }
    pthread_mutex_unlock(&off_lock);
    struct tm tm;
    clock_local_tm(t, tz, &tm);
    long v = (long)(timegm(&tm) - t);
    pthread_mutex_lock(&off_lock);
    snprintf(off_tz, sizeof off_tz, "%s", tz);
    off_hour = hour;
    off_value = v;
    pthread_mutex_unlock(&off_lock);
    return v;
}

time_t broadcast_local_time(const char *tz, int y, int mon, int d, int h, int min)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mon - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = min;
    time_t as_utc = timegm(&tm);
    time_t t = as_utc - broadcast_tz_offset(tz, as_utc);
    return as_utc - broadcast_tz_offset(tz, t);
}

static void local_tm(const char *tz, time_t t, struct tm *out)
{
    time_t shifted = t + broadcast_tz_offset(tz, t);
    gmtime_r(&shifted, out);
}

time_t broadcast_day_start(const char *tz, time_t t)
{
    struct tm tm;
    local_tm(tz, t, &tm);
    return broadcast_local_time(tz, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0, 0);
}

time_t broadcast_next_day(const char *tz, time_t t)
{
    struct tm tm;
    local_tm(tz, t, &tm);
    return broadcast_local_time(tz, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + 1, 0, 0);
}

time_t broadcast_parse_date(const char *s, const char *tz)
{
    int y, mo, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 || mo < 1 || mo > 12 || d < 1 ||
        d > 31 || y < 2000 || y > 2100)
        return -1;
    return broadcast_local_time(tz, y, mo, d, 0, 0);
}

time_t broadcast_parse_time(const char *s, const char *tz)
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
    if (!*rest) /* campaign time */
        return sep == ' ' ? broadcast_local_time(tz, y, mo, d, h, mi) + sec : -1;
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

void broadcast_format_local(time_t t, const char *tz, char *out, size_t len)
{
    struct tm tm;
    local_tm(tz, t, &tm);
    strftime(out, len, "%Y-%m-%d %H:%M", &tm);
}

bool broadcast_in_quiet(const struct broadcast_policy *p, time_t t, time_t *until)
{
    if (!p->quiet)
        return false;
    struct tm tm;
    local_tm(p->tz, t, &tm);
    int m = tm.tm_hour * 60 + tm.tm_min;
    bool in = p->quiet_from < p->quiet_to ? (m >= p->quiet_from && m < p->quiet_to)
                                          : (m >= p->quiet_from || m < p->quiet_to);
    if (in && until) {
        int day = tm.tm_mday + (m >= p->quiet_to ? 1 : 0);
        *until = broadcast_local_time(p->tz, tm.tm_year + 1900, tm.tm_mon + 1, day,
                                      p->quiet_to / 60, p->quiet_to % 60);
    }
    return in;
}

long broadcast_sent_today(struct db *db, const struct broadcast_policy *p, const char *modem,
                          time_t now)
{
    return (long)db_int(db, 0, "SELECT coalesce(sum(segments), 0) FROM outbound"
                               " WHERE transport = ? AND sent_at >= ? AND sent_at IS NOT NULL",
                        "ti", modem, (int64_t)broadcast_day_start(p->tz, now));
}

/* ------------------------------------------------------------ estimate */

long broadcast_eta(const struct broadcast_policy *p, long parts, time_t start, long already_today)
{
    if (parts <= 0)
        return 0;
    int n = p->nmodems > 0 ? p->nmodems : 1;
    double per_min = 0;
    for (int i = 0; i < n; i++)
        per_min += (p->nmodems > 0 && p->rates[i] > 0) ? p->rates[i] : p->assumed_rate;
    double per_s = per_min / 60.0;
    long cap = p->daily_cap > 0 ? p->daily_cap * n : 0;
    double left = (double)parts;
    time_t t = start;
    long today = already_today;
    for (int guard = 0; guard < 10000 && left > 0; guard++) {
        time_t until;
        if (broadcast_in_quiet(p, t, &until)) {
            if (broadcast_day_start(p->tz, until) != broadcast_day_start(p->tz, t))
                today = 0;
            t = until;
            continue;
        }
        time_t day_end = broadcast_next_day(p->tz, t);
        /* the window until quiet hours begin or the day (and its cap) ends */
        time_t end = day_end;
        if (p->quiet) {
            struct tm tm;
            local_tm(p->tz, t, &tm);
            time_t q = broadcast_local_time(p->tz, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                            p->quiet_from / 60, p->quiet_from % 60);
            if (q > t && q < end)
                end = q;
        }
        double can = per_s * (double)(end - t);
        if (cap > 0 && can > (double)(cap - today))
            can = cap - today > 0 ? (double)(cap - today) : 0;
        if (can >= left) {
            t += (time_t)(left / per_s + 0.5);
            left = 0;
            break;
        }
        left -= can;
        today += (long)can;
        if (end == day_end) {
            today = 0;
        }
        t = end;
        if (cap > 0 && today >= cap) { /* capped: wait for tomorrow */
            t = day_end;
            today = 0;
        }
    }
    return (long)(t - start);
}

void broadcast_format_duration(long s, char *out, size_t len)
{
    if (s < 60)
        snprintf(out, len, "%ld s", s);
    else if (s < 3600)
        snprintf(out, len, "%ld min", (s + 59) / 60);
    else if (s < 86400 * 2)
        snprintf(out, len, "%ld h %ld min", s / 3600, (s % 3600) / 60);
    else
        snprintf(out, len, "%ld d %ld h", s / 86400, (s % 86400) / 3600);
}

/* ------------------------------------------------------------ the sender's limit */

static pthread_mutex_t pol_lock = PTHREAD_MUTEX_INITIALIZER;
static struct broadcast_policy installed;
static bool have_installed;

void broadcast_policy_install(const struct broadcast_policy *p)
{
    pthread_mutex_lock(&pol_lock);
    if (p)
        installed = *p;
    have_installed = p != NULL;
    pthread_mutex_unlock(&pol_lock);
}

int broadcast_max_priority(struct db *db, const char *modem, time_t now)
{
    pthread_mutex_lock(&pol_lock);
    if (!have_installed) {
        pthread_mutex_unlock(&pol_lock);
        return 1000;
    }
    struct broadcast_policy p = installed;
    pthread_mutex_unlock(&pol_lock);
    if (p.daily_cap > 0 || p.reply_hard_cap > 0) {
        long sent = broadcast_sent_today(db, &p, modem, now);
        if (p.reply_hard_cap > 0 && sent >= p.reply_hard_cap)
            return -1;
        if (p.daily_cap > 0 && sent >= p.daily_cap)
            return PRIO_BROADCAST - 1;
    }
    /* The service defers queued copies (next_try_at) when quiet hours begin; this
     * covers the moment before it does. Only copies of talka's broadcasts
     * (broadcast_id set) hold the sender back. */
    if (broadcast_in_quiet(&p, now, NULL) &&
        db_int(db, 0, "SELECT EXISTS (SELECT 1 FROM outbound WHERE state = 'queued' AND"
                      " priority = ? AND next_try_at <= ? AND broadcast_id IS NOT NULL)",
               "Ii", PRIO_BROADCAST, (int64_t)now))
        return PRIO_BROADCAST - 1;
    return 1000;
}
