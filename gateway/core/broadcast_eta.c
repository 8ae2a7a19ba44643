/* broadcast_eta.c: how long a broadcast takes to send at the links' rates,
 * through quiet hours and daily caps (see broadcast_eta.h). */
#include "gateway/core/broadcast_eta.h"

#include "gateway/base/localtime.h"

#include <stdio.h>

/* ------------------------------------------------------------ estimate */

long broadcast_eta(const struct send_policy *p, long parts, time_t start, long already_today)
{
    if (parts <= 0)
        return 0;
    int n = p->nlinks > 0 ? p->nlinks : 1;
    double per_s = (double)send_total_rate(p) / 60.0;
    long cap = p->daily_cap > 0 ? p->daily_cap * n : 0;
    double left = (double)parts;
    time_t t = start;
    long today = already_today;
    for (int guard = 0; guard < 10000 && left > 0; guard++) {
        time_t until;
        if (send_in_quiet(p, t, &until)) {
            if (local_day_start(until) != local_day_start(t))
                today = 0;
            t = until;
            continue;
        }
        time_t day_end = local_next_day(t);
        /* the window until quiet hours begin or the day (and its cap) ends */
        time_t end = day_end;
        if (p->quiet) {
            struct tm tm;
            local_tm(t, &tm);
            time_t q = local_time(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
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

long broadcast_sent_today_all(const struct send_policy *p, struct db *db, time_t now)
{
    long all = 0;
    for (int i = 0; i < p->nlinks; i++) {
        long n = 0;
        if (send_sent_today(db, p->links[i].name, now, &n))
            all += n;
    }
    return all;
}
