/* export.c: accepted plantings as CSV (MapMyTree bulk entry, columns in
 * docs/registry.md) or GeoJSON, shared by `talka export` and the dashboard's
 * downloads. A place without coordinates of its own (parishes, municipalities) is
 * placed at its municipality's administrative-centre town, else the mean of the
 * municipality's towns, with a precision property; else its geometry is null.
 * Never a phone number or a volunteer pseudonym. */
#include "gateway/core/export.h"

#include "db/plantings.h"

#include "gateway/base/localtime.h"
#include "gateway/base/sms_text.h"
#include "parsers/places.h"
#include "parsers/species.h"

#include <jansson.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

struct row {
    char uuid[64], species[64], place[128], municipality[128], planted_on[16], channel[16];
    long count;
    const struct species *sp;
    const struct place *pl;
    bool located;
    double lat, lon;
    const char *precision;   /* place | municipality_centre | none */
};

/* Whether town names its municipality's centre: "Cēsis" for "Cēsu novads" — the
 * municipality's first word is the town's genitive, so they differ only in the
 * last two letters (compared with Latvian letters folded). */
static bool is_centre(const char *town, const char *municipality)
{
    char t[128], m[128];
    sms_fold_latvian(town, t, sizeof t);
    sms_fold_latvian(municipality, m, sizeof m);
    char *sp = strchr(m, ' ');
    if (sp)
        *sp = '\0';
    size_t tl = strlen(t), ml = strlen(m), k = 0;
    while (k < tl && k < ml && tolower((unsigned char)t[k]) == tolower((unsigned char)m[k]))
        k++;
    return k >= 3 && tl - k <= 2 && ml - k <= 2;
}

/* The point of a place without coordinates: its municipality's centre town (a
 * state city of its own for Jelgavas, Rēzeknes or Ventspils novads), else the mean
 * of the municipality's towns with coordinates. */
static bool municipality_point(const struct lexicon *lex, const char *municipality, double *lat,
                               double *lon)
{
    double sl = 0, so = 0;
    int n = 0;
    const struct place *centre = NULL;
    for (size_t i = 0; i < lexicon_place_count(lex); i++) {
        const struct place *p = lexicon_place_at(lex, i);
        bool city = !strcmp(p->type, "valstspilsēta");
        if (!p->has_coords || (strcmp(p->type, "pilsēta") && !city))
            continue;
        bool inside = !strcmp(p->municipality, municipality);
        if ((inside || city) && is_centre(p->name, municipality) && (!centre || inside))
            centre = p;
        if (inside) {
            sl += p->lat;
            so += p->lon;
            n++;
        }
    }
    if (centre) {
        *lat = centre->lat;
        *lon = centre->lon;
        return true;
    }
    if (!n)
        return false;
    *lat = sl / n;
    *lon = so / n;
    return true;
}

static void locate(const struct lexicon *lex, struct row *r)
{
    r->precision = "none";
    r->located = false;
    if (r->pl && r->pl->has_coords) {
        r->lat = r->pl->lat;
        r->lon = r->pl->lon;
        r->located = true;
        r->precision = "place";
    } else if (municipality_point(lex, r->municipality, &r->lat, &r->lon)) {
        r->located = true;
        r->precision = "municipality_centre";
    }
}

static void csv_field(FILE *f, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputs(last ? "\r\n" : ",", f);
}

static void csv_row(FILE *f, const struct row *r)
{
    char n[32], lat[32] = "", lon[32] = "";
    snprintf(n, sizeof n, "%ld", r->count);
    if (r->located) {
        snprintf(lat, sizeof lat, "%.6f", r->lat);
        snprintf(lon, sizeof lon, "%.6f", r->lon);
    }
    csv_field(f, r->uuid, false);
    csv_field(f, n, false);
    csv_field(f, r->sp ? r->sp->latin : "", false);
    csv_field(f, r->sp ? r->sp->name_lv : "", false);
    csv_field(f, r->planted_on, false);
    csv_field(f, r->place, false);
    csv_field(f, r->municipality, false);
    csv_field(f, r->pl && r->pl->atvk ? r->pl->atvk : "", false);
    csv_field(f, lat, false);
    csv_field(f, lon, false);
    csv_field(f, r->precision, false);
    csv_field(f, r->channel, true);
}

static json_t *feature(const struct row *r)
{
    json_t *props = json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:s}", "id", r->uuid, "count",
                              (json_int_t)r->count, "species_id", r->species, "planted_on",
                              r->planted_on, "place", r->place, "municipality", r->municipality,
                              "channel", r->channel);
    if (!props)
        return NULL;
    json_object_set_new(props, "species_latin", r->sp ? json_string(r->sp->latin) : json_null());
    json_object_set_new(props, "species_lv", r->sp ? json_string(r->sp->name_lv) : json_null());
    json_object_set_new(props, "atvk", r->pl && r->pl->atvk && r->pl->atvk[0]
                                           ? json_string(r->pl->atvk) : json_null());
    json_object_set_new(props, "precision", json_string(r->precision));
    json_t *geometry = r->located ? json_pack("{s:s, s:[f,f]}", "type", "Point", "coordinates",
                                              r->lon, r->lat)
                                  : json_null();
    return json_pack("{s:s, s:o, s:o}", "type", "Feature", "geometry", geometry, "properties",
                     props);
}

/* what the walk over accepted plantings carries */
struct export_walk {
    const struct lexicon *lex;
    bool csv;
    const char *since;
    FILE *out;
    json_t *features;
    long n, skipped;
};

static bool export_one(void *ctx, const struct planting_export *e)
{
    struct export_walk *w = ctx;
    struct row r;
    memset(&r, 0, sizeof r);
    snprintf(r.uuid, sizeof r.uuid, "%s", e->uuid);
    r.count = e->count;
    snprintf(r.species, sizeof r.species, "%s", e->species);
    snprintf(r.place, sizeof r.place, "%s", e->place);
    snprintf(r.municipality, sizeof r.municipality, "%s", e->municipality);
    snprintf(r.planted_on, sizeof r.planted_on, "%s", e->planted_on);
    if (!r.planted_on[0])
        local_date(e->reported_at, r.planted_on);
    snprintf(r.channel, sizeof r.channel, "%s", e->channel);
    if (w->since && strcmp(r.planted_on, w->since) < 0)
        return true;
    r.sp = lexicon_species_by_id(w->lex, r.species);
    r.pl = lexicon_place_by_name(w->lex, r.place);
    locate(w->lex, &r);
    if (!r.located)
        w->skipped++;
    if (w->csv)
        csv_row(w->out, &r);
    else
        json_array_append_new(w->features, feature(&r));
    w->n++;
    return true;
}

bool export_plantings(struct db *db, const struct lexicon *lex, bool csv, const char *since,
                      FILE *out, long *written, long *skipped_out)
{
    struct export_walk w = { .lex = lex, .csv = csv, .since = since, .out = out,
                             .features = csv ? NULL : json_array() };
    if (csv)
        fputs("id,count,species_latin,species_lv,planted_on,place,municipality,atvk,lat,lon,"
              "precision,channel\r\n", out);
    enum db_status s = plantings_accepted_each(db, export_one, &w);
    if (!csv) {
        json_t *root = json_pack("{s:s, s:o}", "type", "FeatureCollection", "features",
                                 w.features);
        json_dumpf(root, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9));
        fputc('\n', out);
        json_decref(root);
    }
    *written = w.n;
    *skipped_out = w.skipped;
    return s == DB_DONE && !ferror(out);
}
