/* metrics.c: the figures of metrics.h, collected and written as Prometheus text
 * or JSON. Counters come from the database's metric_counters (never going
 * backwards); gauges are read at the moment. */
#include "gateway/metrics/metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the kinds of texts_sent shown even before the first of each is sent */
static const char *const sent_kinds[] = { "reply", "broadcast", "staff" };

enum db_status metrics_collect(struct db *db, struct metrics_snapshot *s)
{
    memset(s, 0, sizeof *s);
    enum db_status st = metrics_read(db, &s->f);
    if (DB_FAILED(st))
        return st;
    s->nlinks = modem_status_list(db, s->links, TRANSPORT_MAX_LINKS);
    return s->nlinks < 0 ? DB_ERROR : DB_FOUND;
}

static int64_t counter(const struct metrics_snapshot *s, const char *name, const char *label)
{
    for (int i = 0; i < s->f.ncounters; i++)
        if (!strcmp(s->f.counters[i].name, name) && !strcmp(s->f.counters[i].label, label))
            return s->f.counters[i].value;
    return 0;
}

/* a label value with \, " and newlines escaped as the text format asks */
static void label(FILE *f, const char *v)
{
    for (; *v; v++) {
        if (*v == '\\' || *v == '"')
            fputc('\\', f);
        if (*v == '\n')
            fputs("\\n", f);
        else
            fputc(*v, f);
    }
}

static void family(FILE *f, const char *name, const char *type, const char *help)
{
    fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void sample(FILE *f, const char *name, const char *lname, const char *lvalue, long long v)
{
    fputs(name, f);
    if (lname) {
        fprintf(f, "{%s=\"", lname);
        label(f, lvalue);
        fputs("\"}", f);
    }
    fprintf(f, " %lld\n", v);
}

static void write_counters(FILE *f, const struct metrics_snapshot *s)
{
    family(f, "talka_texts_received_total", "counter", "Texts received and stored, every channel.");
    sample(f, "talka_texts_received_total", NULL, NULL, counter(s, "texts_received", ""));
    family(f, "talka_texts_sent_total", "counter", "Texts sent, by kind (reply, broadcast, staff).");
    for (size_t i = 0; i < sizeof sent_kinds / sizeof sent_kinds[0]; i++)
        sample(f, "talka_texts_sent_total", "kind", sent_kinds[i],
               counter(s, "texts_sent", sent_kinds[i]));
    family(f, "talka_ussd_sessions_total", "counter", "USSD sessions begun.");
    sample(f, "talka_ussd_sessions_total", NULL, NULL, counter(s, "ussd_sessions", ""));
    family(f, "talka_parse_outcomes_total", "counter", "Texts handled, by what talka made of them.");
    for (int i = 0; i < s->f.ncounters; i++)
        if (!strcmp(s->f.counters[i].name, "parse_outcomes"))
            sample(f, "talka_parse_outcomes_total", "outcome", s->f.counters[i].label,
                   s->f.counters[i].value);
}

static void write_links(FILE *f, const struct metrics_snapshot *s)
{
    family(f, "talka_link_up", "gauge", "1 when the link (modem or Kannel) is up.");
    for (int i = 0; i < s->nlinks; i++)
        sample(f, "talka_link_up", "link", s->links[i].name, !strcmp(s->links[i].state, "up"));
    family(f, "talka_link_signal_percent", "gauge", "The modem's signal, when known.");
    for (int i = 0; i < s->nlinks; i++)
        if (s->links[i].signal >= 0)
            sample(f, "talka_link_signal_percent", "link", s->links[i].name, s->links[i].signal);
    family(f, "talka_sim_messages", "gauge", "Messages on the modem's SIM at the last look.");
    for (int i = 0; i < s->nlinks; i++)
        if (s->links[i].sim_used >= 0)
            sample(f, "talka_sim_messages", "link", s->links[i].name, s->links[i].sim_used);
}

char *metrics_prometheus(const struct metrics_snapshot *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    write_counters(f, s);
    family(f, "talka_outbound_queued", "gauge", "Texts waiting in the outbound queue.");
    sample(f, "talka_outbound_queued", NULL, NULL, s->f.outbound_queued);
    write_links(f, s);
    family(f, "talka_registry_pending", "gauge", "Plantings not yet accepted by the registry.");
    sample(f, "talka_registry_pending", NULL, NULL, s->f.registry_pending);
    family(f, "talka_askback_waiting", "gauge", "Reports waiting for their sender's yes or no.");
    sample(f, "talka_askback_waiting", NULL, NULL, s->f.askback_waiting);
    family(f, "talka_inbox_unresolved", "gauge", "Texts in the dashboard's inbox nobody has resolved.");
    sample(f, "talka_inbox_unresolved", NULL, NULL, s->f.inbox_unresolved);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static json_t *by_label(const struct metrics_snapshot *s, const char *name)
{
    json_t *o = json_object();
    for (int i = 0; i < s->f.ncounters; i++)
        if (!strcmp(s->f.counters[i].name, name))
            json_object_set_new(o, s->f.counters[i].label, json_integer(s->f.counters[i].value));
    return o;
}

static json_t *per_link(const struct metrics_snapshot *s, int what)
{
    json_t *o = json_object();
    for (int i = 0; i < s->nlinks; i++) {
        const struct modem_row *r = &s->links[i];
        int v = what == 0 ? !strcmp(r->state, "up") : what == 1 ? r->signal : r->sim_used;
        if (v >= 0)
            json_object_set_new(o, r->name, json_integer(v));
    }
    return o;
}

json_t *metrics_json(const struct metrics_snapshot *s)
{
    json_t *sent = json_object();
    for (size_t i = 0; i < sizeof sent_kinds / sizeof sent_kinds[0]; i++)
        json_object_set_new(sent, sent_kinds[i], json_integer(counter(s, "texts_sent", sent_kinds[i])));
    return json_pack("{s:I, s:o, s:I, s:o, s:o, s:o, s:I, s:I, s:o, s:I, s:I}",
                     "talka_texts_received_total", (json_int_t)counter(s, "texts_received", ""),
                     "talka_texts_sent_total", sent,
                     "talka_outbound_queued", (json_int_t)s->f.outbound_queued,
                     "talka_link_up", per_link(s, 0),
                     "talka_link_signal_percent", per_link(s, 1),
                     "talka_sim_messages", per_link(s, 2),
                     "talka_registry_pending", (json_int_t)s->f.registry_pending,
                     "talka_ussd_sessions_total", (json_int_t)counter(s, "ussd_sessions", ""),
                     "talka_parse_outcomes_total", by_label(s, "parse_outcomes"),
                     "talka_askback_waiting", (json_int_t)s->f.askback_waiting,
                     "talka_inbox_unresolved", (json_int_t)s->f.inbox_unresolved);
}
