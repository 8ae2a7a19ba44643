/* export.c: accepted plantings as CSV (MapMyTree bulk entry, columns in
 * docs/registry.md) or GeoJSON (places with coordinates), shared by `talka export`
 * and the dashboard's downloads. Never a phone number or a volunteer pseudonym. */
#include "gateway/core/export.h"

#include "gateway/base/localtime.h"
#include "parsers/places.h"
#include "parsers/species.h"

#include <jansson.h>

#include <stdio.h>
#include <string.h>

struct row {
    char uuid[64], species[64], place[128], municipality[128], planted_on[16], channel[16];
    long count;
    const struct species *sp;
    const struct place *pl;
};

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
    if (r->pl && r->pl->has_coords) {
        snprintf(lat, sizeof lat, "%.6f", r->pl->lat);
        snprintf(lon, sizeof lon, "%.6f", r->pl->lon);
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
    json_object_set_new(props, "atvk",
                        r->pl->atvk && r->pl->atvk[0] ? json_string(r->pl->atvk) : json_null());
    return json_pack("{s:s, s:{s:s, s:[f,f]}, s:o}", "type", "Feature", "geometry", "type",
                     "Point", "coordinates", r->pl->lon, r->pl->lat, "properties", props);
}

bool export_plantings(struct db *db, const struct lexicon *lex, bool csv, const char *since,
                      FILE *out, long *written, long *skipped_out)
{
    static const char sql[] =
        "SELECT uuid, count, species, place, municipality, coalesce(planted_on, ''), reported_at,"
        "       channel FROM plantings WHERE status = 'accepted' ORDER BY reported_at, id";
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return false;
    json_t *features = csv ? NULL : json_array();
    if (csv)
        fputs("id,count,species_latin,species_lv,planted_on,place,municipality,atvk,lat,lon,"
              "channel\r\n", out);
    long n = 0, skipped = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct row r;
        memset(&r, 0, sizeof r);
        db_col_text(st, 0, r.uuid, sizeof r.uuid);
        r.count = (long)sqlite3_column_int64(st, 1);
        db_col_text(st, 2, r.species, sizeof r.species);
        db_col_text(st, 3, r.place, sizeof r.place);
        db_col_text(st, 4, r.municipality, sizeof r.municipality);
        db_col_text(st, 5, r.planted_on, sizeof r.planted_on);
        if (!r.planted_on[0])
            local_date((time_t)sqlite3_column_int64(st, 6), r.planted_on);
        db_col_text(st, 7, r.channel, sizeof r.channel);
        if (since && strcmp(r.planted_on, since) < 0)
            continue;
        r.sp = lexicon_species_by_id(lex, r.species);
        r.pl = lexicon_place_by_name(lex, r.place);
        if (csv) {
            csv_row(out, &r);
            n++;
        } else if (r.pl && r.pl->has_coords) {
            json_array_append_new(features, feature(&r));
            n++;
        } else {
            skipped++;
        }
    }
    sqlite3_reset(st);
    if (!csv) {
        json_t *root = json_pack("{s:s, s:o}", "type", "FeatureCollection", "features", features);
        json_dumpf(root, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9));
        fputc('\n', out);
        json_decref(root);
    }
    *written = n;
    *skipped_out = skipped;
    return step == SQLITE_DONE && !ferror(out);
}
