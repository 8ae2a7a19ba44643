/* web_overview.c: the overview page and /api/overview (see web_overview.h). The
 * totals come from the running totals per municipality (tree_totals) and per
 * species (species_totals, 008_web), per day from a covering index, so the page
 * stays fast with hundreds of thousands of plantings. */
#include "gateway/web/web_overview.h"

#include "gateway/base/localtime.h"
#include "gateway/web/web_map.h"
#include "gateway/web/web_page.h"
#include "parsers/species.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define DAYS 30

struct figures {
    long long accepted, waiting, volunteers, texts_today;
};

static void figures(struct web_req *rq, struct figures *f)
{
    struct db *db = rq->db;
    /* the running total kept with every accepted planting (talka stats sums the rows;
     * the browser scenario checks that both agree) */
    f->accepted = db_int_or(db, 0, "SELECT trees FROM tree_totals WHERE municipality = ''", "");
    f->waiting = db_int_or(db, 0, "SELECT coalesce(sum(count),0) FROM plantings WHERE status='pending_review'", "");
    f->volunteers = db_int_or(db, 0, "SELECT count(*) FROM volunteers WHERE erased_at IS NULL", "");
    f->texts_today = db_int_or(db, 0, "SELECT count(*) FROM inbound WHERE received_at >= ?", "i",
                               (int64_t)local_day_start(rq->now));
}

void web_api_overview(struct web_req *rq)
{
    struct figures f;
    figures(rq, &f);
    char when[32];
    page_time(rq->now, when);
    json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:s}", "accepted", (json_int_t)f.accepted,
                          "waiting", (json_int_t)f.waiting, "volunteers", (json_int_t)f.volunteers,
                          "texts_today", (json_int_t)f.texts_today, "updated", when);
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    rq->type = "application/json";
    buf_put(&rq->out, s ? s : "{}");
    buf_put(&rq->out, "\n");
    free(s);
    json_decref(o);
}

static void card(struct buf *b, const char *key, const char *label, long long v)
{
    buf_printf(b, "<div class=\"card\"><div class=\"figure\" data-k=\"%s\" id=\"fig-%s\">%lld"
                  "</div><div class=\"label\">%s</div></div>", key, key, v, label);
}

static void municipalities(struct web_req *rq, long long total)
{
    struct buf *b = &rq->out;
    sqlite3_stmt *st = db_prep(rq->db, "SELECT municipality, trees FROM tree_totals"
                                       " WHERE municipality <> '' AND trees > 0 ORDER BY trees DESC");
    if (!st)
        return;
    struct buf map = { 0 };
    buf_printf(&map, "<svg class=\"map\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
               WEB_MAP_W, WEB_MAP_H, TR(rq, "Latvijas karte", "Map of Latvia"));
    web_map_outline(&map);
    buf_printf(b, "<section class=\"half\"><h2>%s</h2><table class=\"sortable\" id=\"by-municipality\">"
                  "<thead><tr><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%%</th></tr>"
                  "</thead><tbody>", TR(rq, "Pa pašvaldībām", "By municipality"),
               TR(rq, "Pašvaldība", "Municipality"), TR(rq, "Koki", "Trees"));
    long long max = 0;
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        long long trees = sqlite3_column_int64(st, 1);
        if (!max)
            max = trees;
        n++;
        buf_put(b, "<tr><td>");
        buf_esc(b, name);
        buf_printf(b, "</td><td class=\"num\">%lld</td><td class=\"num\">%.1f</td></tr>", trees,
                   total ? 100.0 * (double)trees / (double)total : 0.0);
        double x, y;
        if (web_map_point(rq->site->map, name, &x, &y)) {
            double r = 3 + 17 * sqrt((double)trees / (double)max);
            buf_printf(&map, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"><title>", x, y, r);
            buf_esc(&map, name);
            buf_printf(&map, ": %lld</title></circle>", trees);
        }
    }
    sqlite3_reset(st);
    if (!n)
        buf_printf(b, "<tr><td colspan=\"3\">%s</td></tr>", TR(rq, "Vēl nav koku.", "No trees yet."));
    buf_put(b, "</tbody></table></section>");
    buf_put(&map, "</svg>");
    buf_printf(b, "<section class=\"half\"><h2>%s</h2>", TR(rq, "Karte", "Map"));
    if (map.p)
        buf_put(b, map.p);
    buf_put(b, "</section>");
    buf_free(&map);
}

static void species(struct web_req *rq)
{
    struct buf *b = &rq->out;
    sqlite3_stmt *st = db_prep(rq->db, "SELECT species, trees FROM species_totals"
                                       " WHERE trees > 0 ORDER BY trees DESC");
    if (!st)
        return;
    buf_printf(b, "<section class=\"half\"><h2>%s</h2><table class=\"sortable\" id=\"by-species\">"
                  "<thead><tr><th>%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
               TR(rq, "Pa sugām", "By species"), TR(rq, "Suga", "Species"), TR(rq, "Koki", "Trees"));
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        const struct species *sp = lexicon_species_by_id(rq->site->app->lex, id);
        buf_put(b, "<tr><td>");
        buf_esc(b, sp ? (rq->en ? sp->name_en : sp->name_lv) : id);
        buf_printf(b, "</td><td class=\"num\">%lld</td></tr>", (long long)sqlite3_column_int64(st, 1));
    }
    sqlite3_reset(st);
    buf_put(b, "</tbody></table></section>");
}

static void per_day(struct web_req *rq)
{
    struct buf *b = &rq->out;
    time_t start[DAYS + 1];
    start[DAYS] = local_next_day(rq->now);
    for (int i = DAYS - 1; i >= 0; i--)
        start[i] = local_day_start(start[i + 1] - 1);
    long long trees[DAYS] = { 0 };
    sqlite3_stmt *st = db_prep(rq->db, "SELECT reported_at, count FROM plantings"
                                       " WHERE status = 'accepted' AND reported_at >= ?");
    if (!st)
        return;
    db_bind(st, "i", (int64_t)start[0]);
    int d = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        time_t t = (time_t)sqlite3_column_int64(st, 0);
        if (t >= start[DAYS])
            continue;
        while (d > 0 && t < start[d])
            d--;
        while (d < DAYS - 1 && t >= start[d + 1])
            d++;
        trees[d] += sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    long long max = 1;
    for (int i = 0; i < DAYS; i++)
        if (trees[i] > max)
            max = trees[i];
    buf_printf(b, "<section><h2>%s</h2><svg class=\"bars\" viewBox=\"0 0 %d 140\" role=\"img\""
                  " aria-label=\"%s\">", TR(rq, "Pa dienām (30 dienas)", "Per day (30 days)"),
               DAYS * 24, TR(rq, "Koki dienā", "Trees a day"));
    for (int i = 0; i < DAYS; i++) {
        double h = 110.0 * (double)trees[i] / (double)max;
        char day[11];
        local_date(start[i], day);
        buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"18\" height=\"%.1f\"><title>%s: %lld"
                      "</title></rect>", i * 24 + 3, 115 - h, h, day, trees[i]);
        if (i % 5 == 4 || i == DAYS - 1)
            buf_printf(b, "<text x=\"%d\" y=\"134\">%s</text>", i * 24 + 12, day + 5);
    }
    buf_put(b, "</svg></section>");
}

void web_overview(struct web_req *rq)
{
    struct figures f;
    figures(rq, &f);
    struct buf *b = &rq->out;
    page_begin(rq, TR(rq, "Kopskats", "Overview"), "/overview");
    buf_put(b, "<div class=\"cards\" data-refresh=\"/api/overview\">");
    card(b, "accepted", TR(rq, "koki pieņemti", "trees accepted"), f.accepted);
    card(b, "waiting", TR(rq, "koki gaida pārbaudi", "trees waiting for review"), f.waiting);
    card(b, "volunteers", TR(rq, "brīvprātīgie", "volunteers"), f.volunteers);
    card(b, "texts_today", TR(rq, "īsziņas šodien", "texts today"), f.texts_today);
    buf_put(b, "</div><div class=\"grid\">");
    municipalities(rq, f.accepted);
    species(rq);
    buf_put(b, "</div>");
    per_day(rq);
    char when[32];
    page_time(rq->now, when);
    buf_printf(b, "<p class=\"muted\">%s <span data-k=\"updated\">%s</span></p>",
               TR(rq, "Atjaunots", "Updated"), when);
    page_end(rq);
}
