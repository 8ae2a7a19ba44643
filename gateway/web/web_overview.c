/* web_overview.c: the overview page and /api/overview (see web_overview.h). The
 * totals come from the running totals per municipality (tree_totals) and per
 * species (species_totals, 008_web), per day from a covering index, so the page
 * stays fast with hundreds of thousands of plantings. */
#include "gateway/web/web_overview.h"

#include "db/overview.h"
#include "gateway/base/localtime.h"
#include "gateway/web/web_map.h"
#include "gateway/web/web_page.h"
#include "parsers/species.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define DAYS 30

static void figures(struct web_req *rq, struct overview_totals *f)
{
    overview_totals(rq->db, (int64_t)local_day_start(rq->now), f);
}

/* a figure for /api/overview: null when it could not be read */
static json_t *json_figure(struct figure f)
{
    return f.ok ? json_integer((json_int_t)f.v) : json_null();
}

void web_api_overview(struct web_req *rq)
{
    struct overview_totals f;
    figures(rq, &f);
    char when[32];
    page_time(rq->now, when);
    json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:s}", "accepted", json_figure(f.accepted),
                          "waiting", json_figure(f.waiting), "volunteers", json_figure(f.volunteers),
                          "texts_today", json_figure(f.texts_today), "updated", when);
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    rq->type = "application/json";
    buf_put(&rq->out, s ? s : "{}");
    buf_put(&rq->out, "\n");
    free(s);
    json_decref(o);
}

static void card(struct web_req *rq, const char *key, const char *label, struct figure f)
{
    struct buf *b = &rq->out;
    char n[32];
    buf_printf(b, "<div class=\"card\"><div class=\"figure\" id=\"fig-%s\">", key);
    if (f.ok)
        buf_put(b, page_num(rq, f.v, n));
    else
        buf_put(b, "—");
    buf_printf(b, "</div><div class=\"label\">%s</div></div>", label);
}

struct by_municipality {
    struct web_req *rq;
    struct buf *map;
    long long total, max;
    int n;
};

static int municipality_row(const struct tree_count *c, void *arg)
{
    struct by_municipality *m = arg;
    struct buf *b = &m->rq->out;
    long long trees = c->trees;
    if (!m->max)
        m->max = trees;
    m->n++;
    buf_put(b, "<tr><td>");
    buf_esc(b, c->name);
    char n[32], share[16];
    snprintf(share, sizeof share, "%.1f", m->total ? 100.0 * (double)trees / (double)m->total : 0.0);
    char *dot = strchr(share, '.');
    if (dot && !m->rq->en)
        *dot = ',';   /* 12,5 in Latvian */
    buf_printf(b, "</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>", page_num(m->rq, trees, n),
               share);
    double x, y;
    if (web_map_point(m->rq->site->map, c->name, &x, &y)) {
        double r = 3 + 17 * sqrt((double)trees / (double)m->max);
        buf_printf(m->map, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"><title>", x, y, r);
        buf_esc(m->map, c->name);
        buf_printf(m->map, ": %s</title></circle>", page_num(m->rq, trees, n));
    }
    return 0;
}

static void municipalities(struct web_req *rq, struct figure total)
{
    struct buf *b = &rq->out;
    struct buf map = { 0 };
    buf_printf(&map, "<svg class=\"map\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
               WEB_MAP_W, WEB_MAP_H, TR(rq, "Latvijas karte", "Map of Latvia"));
    web_map_outline(&map);
    buf_printf(b, "<section class=\"half\"><h2>%s</h2><table class=\"sortable\" id=\"by-municipality\">"
                  "<thead><tr><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%%</th></tr>"
                  "</thead><tbody>", TR(rq, "Pa pašvaldībām", "By municipality"),
               TR(rq, "Pašvaldība", "Municipality"), TR(rq, "Koki", "Trees"));
    /* without the total the shares are 0.0, as with no trees at all */
    struct by_municipality m = { rq, &map, total.ok ? total.v : 0, 0, 0 };
    enum db_status st = overview_municipalities(rq->db, municipality_row, &m);
    if (DB_FAILED(st))
        page_db_error_row(rq, 3, st);
    else if (!m.n)
        buf_printf(b, "<tr><td colspan=\"3\">%s</td></tr>", TR(rq, "Vēl nav koku.", "No trees yet."));
    buf_put(b, "</tbody></table></section>");
    buf_put(&map, "</svg>");
    buf_printf(b, "<section class=\"half\"><h2>%s</h2>", TR(rq, "Karte", "Map"));
    if (map.p)
        buf_put(b, map.p);
    buf_put(b, "</section>");
    buf_free(&map);
}

static int species_row(const struct tree_count *c, void *arg)
{
    struct web_req *rq = arg;
    struct buf *b = &rq->out;
    const struct species *sp = lexicon_species_by_id(rq->site->app->lex, c->name);
    buf_put(b, "<tr><td>");
    buf_esc(b, sp ? (rq->en ? sp->name_en : sp->name_lv) : c->name);
    char n[32];
    buf_printf(b, "</td><td class=\"num\">%s</td></tr>", page_num(rq, c->trees, n));
    return 0;
}

static void species(struct web_req *rq)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<section class=\"half\"><h2>%s</h2><table class=\"sortable\" id=\"by-species\">"
                  "<thead><tr><th>%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
               TR(rq, "Pa sugām", "By species"), TR(rq, "Suga", "Species"), TR(rq, "Koki", "Trees"));
    enum db_status st = overview_species(rq->db, species_row, rq);
    if (DB_FAILED(st))
        page_db_error_row(rq, 2, st);
    buf_put(b, "</tbody></table></section>");
}

/* the 30 days' starts (start[DAYS] is tomorrow's) and trees accepted in each */
struct days {
    time_t start[DAYS + 1];
    long long trees[DAYS];
    int d;
};

static int day_row(int64_t reported_at, int64_t trees, void *arg)
{
    struct days *w = arg;
    time_t t = (time_t)reported_at;
    if (t >= w->start[DAYS])
        return 0;
    while (w->d > 0 && t < w->start[w->d])
        w->d--;
    while (w->d < DAYS - 1 && t >= w->start[w->d + 1])
        w->d++;
    w->trees[w->d] += trees;
    return 0;
}

static void per_day(struct web_req *rq)
{
    struct buf *b = &rq->out;
    struct days w = { .d = 0 };
    w.start[DAYS] = local_next_day(rq->now);
    for (int i = DAYS - 1; i >= 0; i--)
        w.start[i] = local_day_start(w.start[i + 1] - 1);
    enum db_status st = overview_accepted_since(rq->db, (int64_t)w.start[0], day_row, &w);
    long long max = 1;
    for (int i = 0; i < DAYS; i++)
        if (w.trees[i] > max)
            max = w.trees[i];
    buf_printf(b, "<section><h2>%s</h2>", TR(rq, "Pa dienām (30 dienas)", "Per day (30 days)"));
    if (DB_FAILED(st)) {
        page_db_error_line(rq, st);
        buf_put(b, "</section>");
        return;
    }
    buf_printf(b, "<svg class=\"bars\" viewBox=\"0 0 %d 140\" role=\"img\" aria-label=\"%s\">",
               DAYS * 24, TR(rq, "Koki dienā", "Trees a day"));
    for (int i = 0; i < DAYS; i++) {
        double h = 110.0 * (double)w.trees[i] / (double)max;
        char day[32], n[32];
        page_time(w.start[i], day);
        day[10] = '\0';   /* 16.05.2026 */
        buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"18\" height=\"%.1f\"><title>%s: %s"
                      "</title></rect>", i * 24 + 3, 115 - h, h, day, page_num(rq, w.trees[i], n));
        if (i % 5 == 4 || i == DAYS - 1)
            buf_printf(b, "<text x=\"%d\" y=\"134\">%.5s</text>", i * 24 + 12, day);   /* 16.05 */
    }
    buf_put(b, "</svg></section>");
}

void web_overview(struct web_req *rq)
{
    struct overview_totals f;
    figures(rq, &f);
    struct buf *b = &rq->out;
    page_begin(rq, TR(rq, "Kopskats", "Overview"), "/overview");
    /* the figures, tables, map and chart refresh together from this same page
     * (app.js), so they never drift apart */
    buf_put(b, "<div id=\"overview-live\" data-refresh=\"/overview\"><div class=\"cards\">");
    card(rq, "accepted", TR(rq, "koki pieņemti", "trees accepted"), f.accepted);
    card(rq, "waiting", TR(rq, "koki gaida pārbaudi", "trees waiting for review"), f.waiting);
    card(rq, "volunteers", TR(rq, "brīvprātīgie", "volunteers"), f.volunteers);
    card(rq, "texts_today", TR(rq, "īsziņas šodien", "texts today"), f.texts_today);
    buf_put(b, "</div><div class=\"grid\">");
    municipalities(rq, f.accepted);
    species(rq);
    buf_put(b, "</div>");
    per_day(rq);
    char when[32];
    page_time(rq->now, when);
    buf_printf(b, "<p class=\"muted\">%s <span id=\"updated\">%s</span> (%s)</p></div>",
               TR(rq, "Atjaunots", "Updated"), when, localtime_zone());
    page_end(rq);
}
