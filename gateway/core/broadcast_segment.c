/* broadcast_segment.c: parses a segment and reads file: number lists (see
 * broadcast_segment.h). */
#include "gateway/core/broadcast_segment.h"

#include "gateway/core/broadcast_eta.h"
#include "gateway/base/localtime.h"
#include "gateway/base/phone.h"
#include "parsers/lookup.h"
#include "parsers/species.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void segment_free(struct segment *s)
{
    free(s->numbers);
    for (size_t i = 0; i < s->nbad; i++)
        free(s->bad[i]);
    free(s->bad);
    s->numbers = NULL;
    s->bad = NULL;
    s->nnumbers = s->nbad = 0;
}

static bool add_bad(struct segment *s, const char *fmt, long line, const char *field)
{
    char buf[160];
    snprintf(buf, sizeof buf, fmt, line, field);
    char **nb = realloc(s->bad, (s->nbad + 1) * sizeof *nb);
    if (!nb)
        return false;
    s->bad = nb;
    s->bad[s->nbad] = strdup(buf);
    return s->bad[s->nbad++] != NULL;
}

static int cmp_num(const void *a, const void *b) { return strcmp(a, b); }

bool segment_read_file(const char *path, struct segment *s, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read %s", path);
        return false;
    }
    size_t cap = 0;
    char line[1024];
    long no = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        no++;
        size_t l = strlen(line);
        bool cut = l == sizeof line - 1 && line[l - 1] != '\n';
        if (cut) { /* skip the rest of an absurd line */
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
        }
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = '\0';
        char *p = line;
        if (no == 1 && !strncmp(p, "\xEF\xBB\xBF", 3)) /* a BOM from spreadsheets */
            p += 3;
        char field[64];
        size_t fl = 0;
        bool quoted = false;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '"') {
            quoted = true;
            p++;
        }
        for (; *p && fl + 1 < sizeof field; p++) {
            if (quoted ? *p == '"' : (*p == ',' || *p == ';' || *p == '\t'))
                break;
            field[fl++] = *p;
        }
        while (fl && field[fl - 1] == ' ')
            fl--;
        field[fl] = '\0';
        bool digits = strpbrk(line, "0123456789") != NULL;
        if (!line[strspn(line, " \t")])
            continue; /* an empty line is no row */
        if (no == 1 && !digits)
            continue; /* a header */
        char e164[20]; /* E.164: at most 16 bytes with the + */
        enum phone_kind k = phone_normalize(field, e164, sizeof e164);
        if (k != PHONE_E164 || strlen(e164) >= sizeof s->numbers[0]) {
            ok = add_bad(s, "line %ld: \"%s\" is not a phone number we can text", no, field);
            continue;
        }
        if (s->nnumbers == cap) {
            cap = cap ? cap * 2 : 256;
            void *nn = realloc(s->numbers, cap * sizeof s->numbers[0]);
            if (!nn) {
                ok = false;
                break;
            }
            s->numbers = nn;
        }
        snprintf(s->numbers[s->nnumbers++], sizeof s->numbers[0], "%s", e164);
    }
    fclose(f);
    if (!ok) {
        snprintf(err, errlen, "out of memory reading %s", path);
        return false;
    }
    /* a number listed twice is texted once */
    if (s->nnumbers > 1) {
        qsort(s->numbers, s->nnumbers, sizeof s->numbers[0], cmp_num);
        size_t w = 1;
        for (size_t i = 1; i < s->nnumbers; i++)
            if (strcmp(s->numbers[i], s->numbers[w - 1]))
                memcpy(s->numbers[w++], s->numbers[i], sizeof s->numbers[0]);
        s->nnumbers = w;
    }
    return true;
}

bool segment_parse(const struct lexicon *lex, const char *spec,
                   struct segment *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    snprintf(s->spec, sizeof s->spec, "%s", spec);
    const char *colon = strchr(spec, ':');
    size_t kl = colon ? (size_t)(colon - spec) : strlen(spec);
    const char *arg = colon ? colon + 1 : "";
    if (kl >= sizeof s->kind)
        kl = sizeof s->kind - 1;
    memcpy(s->kind, spec, kl);
    s->kind[kl] = '\0';
    for (char *c = s->kind; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    if (!strcmp(s->kind, "all")) {
        if (colon) {
            snprintf(err, errlen, "segment 'all' takes no value");
            return false;
        }
        return true;
    }
    if (!colon || !*arg) {
        snprintf(err, errlen, "segment '%s': expected all, municipality:NAME, active:DATE,"
                              " inactive:DATE, species:ID or file:PATH", spec);
        return false;
    }
    if (!strcmp(s->kind, "municipality")) {
        bool ambiguous = false;
        const struct place *pl = lex ? lexicon_find_place(lex, arg, &ambiguous) : NULL;
        if (!pl) {
            snprintf(err, errlen, ambiguous ? "place '%s' is ambiguous: name its novads"
                                            : "no place called '%s'", arg);
            return false;
        }
        snprintf(s->value, sizeof s->value, "%s", pl->municipality);
        return true;
    }
    if (!strcmp(s->kind, "species")) {
        const struct species *sp = lex ? lexicon_species_by_id(lex, arg) : NULL;
        bool ambiguous = false;
        if (!sp && lex)
            sp = lexicon_find_species(lex, arg, &ambiguous);
        if (!sp) {
            snprintf(err, errlen, "no species '%s' (use an id from species.tsv, e.g. quercus_robur)", arg);
            return false;
        }
        snprintf(s->value, sizeof s->value, "%s", sp->id);
        return true;
    }
    if (!strcmp(s->kind, "active") || !strcmp(s->kind, "inactive")) {
        time_t t = local_parse_date(arg);
        if (t == (time_t)-1) {
            snprintf(err, errlen, "segment %s: DATE must be YYYY-MM-DD", s->kind);
            return false;
        }
        snprintf(s->value, sizeof s->value, "%lld", (long long)t);
        return true;
    }
    if (!strcmp(s->kind, "file")) {
        snprintf(s->value, sizeof s->value, "%s", arg);
        return segment_read_file(arg, s, err, errlen);
    }
    snprintf(err, errlen, "unknown segment '%s': expected all, municipality:NAME, active:DATE,"
                          " inactive:DATE, species:ID or file:PATH", spec);
    return false;
}
