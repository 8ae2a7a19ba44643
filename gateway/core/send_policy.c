/* send_policy.c: quiet hours, caps and rates for every sender (see send_policy.h). */
#include "gateway/core/send_policy.h"

#include "db/modem_status.h"
#include "db/outbox.h"
#include "gateway/base/localtime.h"
#include "gateway/base/log.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

bool send_parse_quiet(const char *s, bool *quiet, int *from, int *to)
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

bool send_policy_load(const struct config *cfg, struct send_policy *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    /* an empty value, "none" or "off": no quiet hours */
    const char *q = config_str(cfg, "broadcast", "quiet_hours");
    if (!strcasecmp(q, "none") || !strcasecmp(q, "off") || !strcmp(q, "\"\"") || !strcmp(q, "-"))
        q = "";
    if (!send_parse_quiet(q, &p->quiet, &p->quiet_from, &p->quiet_to)) {
        snprintf(err, errlen, "[broadcast] quiet_hours must look like 21:00-09:00 (or be empty)");
        return false;
    }
    if (p->quiet)
        snprintf(p->quiet_text, sizeof p->quiet_text, "%02d:%02d-%02d:%02d", p->quiet_from / 60,
                 p->quiet_from % 60, p->quiet_to / 60, p->quiet_to % 60);
    p->daily_cap = config_int(cfg, "broadcast", "daily_cap");
    p->reply_hard_cap = config_int(cfg, "broadcast", "reply_hard_cap");
    p->assumed_rate = config_int(cfg, "broadcast", "assumed_rate");
    p->prefer_factor = config_int(cfg, "broadcast", "prefer_factor");
    p->nlinks = transport_links(cfg, p->links, TRANSPORT_MAX_LINKS);
    return true;
}

bool send_in_quiet(const struct send_policy *p, time_t t, time_t *until)
{
    if (!p->quiet)
        return false;
    struct tm tm;
    local_tm(t, &tm);
    int m = tm.tm_hour * 60 + tm.tm_min;
    bool in = p->quiet_from < p->quiet_to ? (m >= p->quiet_from && m < p->quiet_to)
                                          : (m >= p->quiet_from || m < p->quiet_to);
    if (in && until) {
        int day = tm.tm_mday + (m >= p->quiet_to ? 1 : 0);
        *until = local_time(tm.tm_year + 1900, tm.tm_mon + 1, day, p->quiet_to / 60,
                            p->quiet_to % 60);
    }
    return in;
}

bool send_sent_today(struct db *db, const char *link, time_t now, long *parts)
{
    int64_t v = 0;
    if (outbox_parts_sent_since(db, link, local_day_start(now), &v) != DB_FOUND)
        return false;
    *parts = (long)v;
    return true;
}

long send_total_rate(const struct send_policy *p)
{
    long r = 0;
    int n = p->nlinks > 0 ? p->nlinks : 1;
    for (int i = 0; i < n; i++)
        r += (p->nlinks > 0 && p->links[i].rate > 0) ? p->links[i].rate : p->assumed_rate;
    return r;
}

/* parts a minute a link is counted at (assumed_rate when it has no rate) */
static long link_rate(const struct send_policy *p, const struct transport_link *l)
{
    return l->rate > 0 ? l->rate : p->assumed_rate;
}

/* Broadcasts prefer the faster links: true when some other link, at least
 * [broadcast] prefer_factor times faster than this one, is up (reported in the
 * last two minutes). A link that is slower sends replies and staff notices but
 * leaves broadcast copies to it. */
static bool faster_link_up(const struct send_policy *p, struct db *db, const char *link,
                           time_t now)
{
    if (p->prefer_factor <= 0)
        return false;
    const struct transport_link *me = NULL;
    for (int i = 0; i < p->nlinks; i++)
        if (!strcmp(p->links[i].name, link))
            me = &p->links[i];
    if (!me)
        return false;
    long mine = link_rate(p, me);
    for (int i = 0; i < p->nlinks; i++) {
        const struct transport_link *l = &p->links[i];
        if (l == me || link_rate(p, l) < mine * p->prefer_factor)
            continue;
        if (modem_status_up_since(db, l->name, now - 120) == DB_FOUND)
            return true;
    }
    return false;
}

bool send_capped(const struct send_policy *p)
{
    return p->daily_cap > 0 || p->reply_hard_cap > 0;
}

int send_max_priority(const struct send_policy *p, struct db *db, const char *link,
                      long in_flight, time_t now)
{
    if (faster_link_up(p, db, link, now))
        return PRIO_BROADCAST - 1;
    if (send_capped(p)) {
        long sent;
        if (!send_sent_today(db, link, now, &sent)) {
            log_error("%s: cannot read today's sent count; sending nothing until it can", link);
            return -1;
        }
        sent += in_flight;
        if (p->reply_hard_cap > 0 && sent >= p->reply_hard_cap)
            return -1;
        if (p->daily_cap > 0 && sent >= p->daily_cap)
            return PRIO_BROADCAST - 1;
    }
    /* The broadcast service defers queued copies (next_try_at) when quiet hours
     * begin; this covers the moment before it does (and a start inside quiet hours
     * with copies queued by an earlier run). Only copies of talka's broadcasts
     * (broadcast_id set) hold the sender back. */
    if (send_in_quiet(p, now, NULL)) {
        /* a failed read holds broadcasts back too */
        if (outbox_broadcast_due(db, PRIO_BROADCAST, now) != DB_NONE)
            return PRIO_BROADCAST - 1;
    }
    return 1000;
}
