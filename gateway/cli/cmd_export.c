/* cmd_export.c: `talka export csv|geojson [--since DATE]`: accepted plantings for
 * bulk entry into MapMyTree (CSV, columns in docs/registry.md) or as map points
 * (GeoJSON, only places with known coordinates). Never a phone number, never a
 * volunteer pseudonym: nothing here identifies a person. */
#include "gateway/core/app.h"
#include "gateway/base/clock.h"
#include "gateway/cli/cmd_export.h"
#include "gateway/core/export.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"


#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: talka [-c FILE] export csv [--since YYYY-MM-DD]\n"
            "       talka [-c FILE] export geojson [--since YYYY-MM-DD]\n\n"
            "Writes accepted plantings to stdout (UTF-8), oldest first; --since keeps those\n"
            "planted on or after DATE. CSV columns (header line first):\n"
            "  id, count, species_latin, species_lv, planted_on, place, municipality,\n"
            "  atvk, lat, lon, channel\n"
            "lat/lon/atvk are empty when the place has none. GeoJSON holds one Point per\n"
            "planting whose place has coordinates. No phone numbers or volunteer data.\n"
            "Exit status: 0 written, 1 failed, 2 usage or configuration error.\n");
}

static bool valid_date(const char *s)
{
    int y, m, d;
    char tail;
    return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 &&
           m <= 12 && d >= 1 && d <= 31;
}

int cmd_export(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 2 || (strcmp(argv[1], "csv") && strcmp(argv[1], "geojson"))) {
        usage(stderr);
        return 2;
    }
    bool csv = !strcmp(argv[1], "csv");
    const char *since = NULL;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--since") && i + 1 < argc && valid_date(argv[i + 1])) {
            since = argv[++i];
        } else if (!strncmp(argv[i], "--since=", 8) && valid_date(argv[i] + 8)) {
            since = argv[i] + 8;
        } else {
            fprintf(stderr, "talka export: expected --since YYYY-MM-DD, got '%s'\n", argv[i]);
            return 2;
        }
    }
    struct app a;
    int rc = app_open(&a, APP_LEXICON | APP_DB);
    if (rc)
        return rc;
    long n = 0, skipped = 0;
    bool ok = export_plantings(a.db, a.lex, csv, since, stdout, &n, &skipped);
    int out = (ok && fflush(stdout) == 0) ? 0 : 1;
    fprintf(stderr, "talka export: %ld plantings%s", n, csv ? "\n" : "");
    if (!csv)
        fprintf(stderr, " (%ld without coordinates left out)\n", skipped);
    app_close(&a);
    return out;
}
