/* web_map.c: municipality points and the outline of Latvia (see web_map.h). */
#include "gateway/web/web_map.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mpoint {
    char name[96];
    double lat, lon;
    int n;
};

struct web_map {
    struct mpoint *pts;
    size_t n, cap;
};

#define LON0 20.8
#define LON1 28.4
#define LAT0 55.55
#define LAT1 58.2

static void project(double lat, double lon, double *x, double *y)
{
    /* a degree of longitude is cos(57°) of a degree of latitude here */
    double sx = WEB_MAP_W / (LON1 - LON0);
    double sy = sx / cos(57.0 * M_PI / 180.0);
    *x = (lon - LON0) * sx;
    *y = (LAT1 - lat) * sy;
}

static struct mpoint *find(const struct web_map *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->pts[i].name, name))
            return &m->pts[i];
    return NULL;
}

struct web_map *web_map_load(const char *places_tsv)
{
    struct web_map *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    FILE *f = fopen(places_tsv, "r");
    if (!f)
        return m;
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        char *col[12] = { 0 };
        int n = 0;
        for (char *p = line; n < 12; n++) {
            col[n] = p;
            p = strchr(p, '\t');
            if (!p)
                break;
            *p++ = '\0';
        }
        if (n < 10 || !col[4][0] || !col[9][0] || !col[10][0])
            continue;
        char *e1, *e2;
        double lat = strtod(col[9], &e1), lon = strtod(col[10], &e2);
        if (e1 == col[9] || e2 == col[10] || lat < 55 || lat > 59 || lon < 20 || lon > 29)
            continue;
        struct mpoint *p = find(m, col[4]);
        if (!p) {
            if (m->n == m->cap) {
                size_t cap = m->cap ? m->cap * 2 : 64;
                struct mpoint *np = realloc(m->pts, cap * sizeof *np);
                if (!np)
                    break;
                m->pts = np;
                m->cap = cap;
            }
            p = &m->pts[m->n++];
            memset(p, 0, sizeof *p);
            snprintf(p->name, sizeof p->name, "%s", col[4]);
        }
        p->lat += lat;
        p->lon += lon;
        p->n++;
    }
    fclose(f);
    return m;
}

void web_map_free(struct web_map *m)
{
    if (!m)
        return;
    free(m->pts);
    free(m);
}

bool web_map_point(const struct web_map *m, const char *municipality, double *x, double *y)
{
    const struct mpoint *p = m ? find(m, municipality) : NULL;
    if (!p || !p->n)
        return false;
    project(p->lat / p->n, p->lon / p->n, x, y);
    return true;
}

/* a rough border (lon, lat), clockwise from Liepāja's coast */
static const double outline[][2] = {
    { 21.05, 56.07 }, { 21.6, 56.31 }, { 22.1, 56.42 }, { 22.9, 56.38 }, { 23.6, 56.36 },
    { 24.1, 56.26 }, { 24.6, 56.28 }, { 25.1, 56.17 }, { 25.7, 56.0 }, { 26.3, 55.72 },
    { 26.62, 55.67 }, { 27.2, 55.85 }, { 27.65, 55.93 }, { 28.15, 56.15 }, { 28.2, 56.45 },
    { 27.95, 56.8 }, { 27.85, 57.3 }, { 27.55, 57.45 }, { 27.3, 57.55 }, { 26.9, 57.6 },
    { 26.5, 57.52 }, { 26.05, 57.8 }, { 25.6, 57.95 }, { 25.25, 58.07 }, { 24.8, 57.98 },
    { 24.35, 57.87 }, { 24.4, 57.5 }, { 24.35, 57.2 }, { 24.05, 57.03 }, { 23.6, 56.97 },
    { 23.25, 57.1 }, { 23.0, 57.3 }, { 22.65, 57.58 }, { 22.6, 57.76 }, { 22.2, 57.62 },
    { 21.7, 57.56 }, { 21.45, 57.3 }, { 21.35, 57.0 }, { 21.05, 56.75 }, { 21.0, 56.4 },
};

void web_map_outline(struct buf *b)
{
    buf_put(b, "<path class=\"land\" d=\"");
    for (size_t i = 0; i < sizeof outline / sizeof outline[0]; i++) {
        double x, y;
        project(outline[i][1], outline[i][0], &x, &y);
        buf_printf(b, "%c%.1f %.1f ", i ? 'L' : 'M', x, y);
    }
    buf_put(b, "Z\"/>");
}
