/* broadcast_segment.c: parses a segment (terms joined by '&') and reads file:
 * number lists (see broadcast_segment.h). */
#include "gateway/core/broadcast_segment.h"

#include "gateway/core/broadcast_eta.h"
#include "gateway/base/localtime.h"
#include "gateway/base/phone.h"
#include "parsers/lookup.h"
#include "parsers/species.h"

#include <jansson.h>

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

static bool refuse(struct segment *s, enum seg_error e, const char *arg, char *err,
                   size_t errlen, const char *fmt)
{
    s->error = e;
    snprintf(s->error_arg, sizeof s->error_arg, "%s", arg ? arg : "");
    snprintf(err, errlen, fmt, s->error_arg);
    return false;
}

#define KINDS "all, municipality:NAME, lang:lv|ru|en, active:DATE, inactive:DATE, species:ID or file:PATH"

/* a place name → its municipality, added once to s->munis */
static bool add_muni(const struct lexicon *lex, const char *name, struct segment *s, char *err,
                     size_t errlen)
{
    bool ambiguous = false;
    const struct place *pl = lex && *name ? lexicon_find_place(lex, name, &ambiguous) : NULL;
    if (!pl)
        return refuse(s, ambiguous ? SEG_E_AMBIGUOUS : SEG_E_PLACE, name, err, errlen,
                      ambiguous ? "place '%s' is ambiguous: name its novads"
                                : "no place called '%s'");
    for (size_t i = 0; i < s->nmunis; i++)
        if (!strcmp(s->munis[i], pl->municipality))
            return true;
    if (s->nmunis == SEG_MAX_MUNIS)
        return refuse(s, SEG_E_TOO_MANY, name, err, errlen, "too many municipalities (at '%s')");
    snprintf(s->munis[s->nmunis++], sizeof s->munis[0], "%s", pl->municipality);
    return true;
}

static char *trim(char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    size_t l = strlen(p);
    while (l && (p[l - 1] == ' ' || p[l - 1] == '\t'))
        p[--l] = '\0';
    return p;
}

/* DATE (YYYY-MM-DD, a day that exists) → its local midnight; -1 when none */
static time_t date_of(const char *arg)
{
    time_t t = local_parse_date(arg);
    char back[11];
    if (t == (time_t)-1)
        return t;
    local_date(t, back);
    return strncmp(back, arg, 10) ? (time_t)-1 : t;   /* 2026-02-30 is no day */
}

static bool term_munis(const struct lexicon *lex, char *arg, struct segment *s, char *err,
                       size_t errlen)
{
    if (s->nmunis)
        return refuse(s, SEG_E_TWICE, "municipality", err, errlen,
                      "%s: given twice (list them in one term: municipality:Cēsis,Valmiera)");
    for (char *name = arg, *next; name; name = next) {
        next = strchr(name, ',');
        if (next)
            *next++ = '\0';
        if (!add_muni(lex, trim(name), s, err, errlen))
            return false;
    }
    return true;
}

/* one term "kind:arg" (kind already lower case) */
static bool term(const struct lexicon *lex, const char *kind, char *arg, struct segment *s,
                 char *err, size_t errlen)
{
    if (!strcmp(kind, "municipality"))
        return term_munis(lex, arg, s, err, errlen);
    if (!strcmp(kind, "lang")) {
        if (s->lang[0])
            return refuse(s, SEG_E_TWICE, "lang", err, errlen, "%s: given twice");
        if (strcmp(arg, "lv") && strcmp(arg, "ru") && strcmp(arg, "en"))
            return refuse(s, SEG_E_LANG, arg, err, errlen, "lang: '%s': expected lv, ru or en");
        snprintf(s->lang, sizeof s->lang, "%s", arg);
        return true;
    }
    bool active = !strcmp(kind, "active");
    if (active || !strcmp(kind, "inactive")) {
        time_t t = date_of(arg);
        if (t == (time_t)-1)
            return refuse(s, SEG_E_DATE, arg, err, errlen,
                          active ? "active: '%s' is no date: write YYYY-MM-DD, e.g. 2026-05-01"
                                 : "inactive: '%s' is no date: write YYYY-MM-DD, e.g. 2026-05-01");
        if (active) {
            if (s->since)
                return refuse(s, SEG_E_TWICE, "active", err, errlen, "%s: given twice");
            s->since = t;
            return true;
        }
    }
    if (strcmp(s->kind, "all"))
        return refuse(s, strcmp(s->kind, kind) ? SEG_E_KINDS : SEG_E_TWICE, kind, err, errlen,
                      "%s: cannot be combined with the other of inactive: and species:"
                      " (or is given twice)");
    if (!strcmp(kind, "inactive")) {
        snprintf(s->kind, sizeof s->kind, "inactive");
        snprintf(s->value, sizeof s->value, "%lld", (long long)date_of(arg));
        return true;
    }
    if (!strcmp(kind, "species")) {
        const struct species *sp = lex ? lexicon_species_by_id(lex, arg) : NULL;
        bool ambiguous = false;
        if (!sp && lex)
            sp = lexicon_find_species(lex, arg, &ambiguous);
        if (!sp)
            return refuse(s, SEG_E_SPECIES, arg, err, errlen,
                          "no species '%s' (use an id from species.tsv, e.g. quercus_robur)");
        snprintf(s->kind, sizeof s->kind, "species");
        snprintf(s->value, sizeof s->value, "%s", sp->id);
        return true;
    }
    return refuse(s, SEG_E_UNKNOWN, kind, err, errlen, "unknown segment term '%s'");
}

/* A spec that is one municipality alone, or active: alone, keeps that kind. */
static void as_before(struct segment *s)
{
    if (strcmp(s->kind, "all") || s->lang[0] || (s->nmunis && s->since))
        return;
    if (s->nmunis == 1) {
        snprintf(s->kind, sizeof s->kind, "municipality");
        snprintf(s->value, sizeof s->value, "%s", s->munis[0]);
        s->nmunis = 0;
    } else if (!s->nmunis && s->since) {
        snprintf(s->kind, sizeof s->kind, "active");
        snprintf(s->value, sizeof s->value, "%lld", (long long)s->since);
        s->since = 0;
    }
}

static bool one_term(const struct lexicon *lex, char *t, struct segment *s, char *err,
                     size_t errlen)
{
    char *colon = strchr(t, ':');
    char *arg = colon ? trim(colon + 1) : NULL;
    if (colon)
        *colon = '\0';
    char *kind = trim(t);
    for (char *c = kind; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    if (!strcmp(kind, "all")) {
        if (colon)
            return refuse(s, SEG_E_NO_VALUE, "all", err, errlen, "segment '%s' takes no value");
        return true;
    }
    if (!strcmp(kind, "file"))
        return refuse(s, SEG_E_FILE_ALONE, "file", err, errlen,
                      "%s: stands alone (it cannot be combined with other terms)");
    bool known = !strcmp(kind, "municipality") || !strcmp(kind, "lang") ||
                 !strcmp(kind, "active") || !strcmp(kind, "inactive") || !strcmp(kind, "species");
    if (!known)
        return refuse(s, SEG_E_UNKNOWN, kind, err, errlen,
                      "unknown segment term '%s': expected " KINDS);
    if (!colon || !*arg)
        return refuse(s, SEG_E_NO_VALUE, kind, err, errlen, "segment '%s' needs a value: expected " KINDS);
    return term(lex, kind, arg, s, err, errlen);
}

bool segment_parse(const struct lexicon *lex, const char *spec,
                   struct segment *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    snprintf(s->spec, sizeof s->spec, "%s", spec);
    snprintf(s->kind, sizeof s->kind, "all");
    const char *p = spec + strspn(spec, " \t");
    if (!strncasecmp(p, "file:", 5)) {   /* a path may hold '&': the rest is the path */
        snprintf(s->kind, sizeof s->kind, "file");
        snprintf(s->value, sizeof s->value, "%s", p + 5);
        if (!p[5])
            return refuse(s, SEG_E_NO_VALUE, "file", err, errlen, "segment '%s': expected file:PATH");
        if (segment_read_file(p + 5, s, err, errlen))
            return true;
        s->error = SEG_E_READ;
        snprintf(s->error_arg, sizeof s->error_arg, "%s", p + 5);
        return false;
    }
    char buf[sizeof s->spec];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *t = buf, *next; t; t = next) {
        next = strchr(t, '&');
        if (next)
            *next++ = '\0';
        if (!*trim(t) && !next && t != buf)
            break;   /* a trailing '&' */
        if (!*trim(t))
            return refuse(s, SEG_E_UNKNOWN, "", err, errlen, "an empty segment term%s: expected " KINDS);
        if (!one_term(lex, t, s, err, errlen))
            return false;
    }
    as_before(s);
    return true;
}

struct bc_segment segment_query(const struct segment *s, char *munis_json, size_t len)
{
    munis_json[0] = '\0';
    if (s->nmunis) {
        json_t *a = json_array();
        for (size_t i = 0; a && i < s->nmunis; i++)
            json_array_append_new(a, json_string(s->munis[i]));
        char *d = a ? json_dumps(a, JSON_COMPACT) : NULL;
        snprintf(munis_json, len, "%s", d ? d : "[]");
        free(d);
        json_decref(a);
    }
    struct bc_segment q = { s->kind, s->value, s->nmunis ? munis_json : NULL,
                            s->lang[0] ? s->lang : NULL, s->since };
    return q;
}

const char *segment_total_municipality(const struct segment *s)
{
    if (!strcmp(s->kind, "municipality"))
        return s->value;
    return s->nmunis == 1 ? s->munis[0] : NULL;
}

const char *broadcast_total_municipality(const struct broadcast_row *b, char *buf, size_t len)
{
    if (!strcmp(b->seg_kind, "municipality"))
        return b->seg_value;
    json_t *a = b->seg_munis[0] ? json_loads(b->seg_munis, 0, NULL) : NULL;
    const char *one = json_array_size(a) == 1 ? json_string_value(json_array_get(a, 0)) : NULL;
    if (one)
        snprintf(buf, len, "%s", one);
    json_decref(a);
    return one ? buf : NULL;
}

struct bc_segment broadcast_row_query(const struct broadcast_row *b)
{
    struct bc_segment q = { b->seg_kind, b->seg_value, b->seg_munis[0] ? b->seg_munis : NULL,
                            b->seg_lang[0] ? b->seg_lang : NULL, b->seg_since };
    return q;
}

void segment_describe(const struct segment *s, char *out, size_t len)
{
    size_t n = 0;
    char d[11];
    const char *sep = "";
#define ADD(...) (n += (size_t)snprintf(out + n, n < len ? len - n : 0, __VA_ARGS__))
    out[0] = '\0';
    if (!strcmp(s->kind, "active") || !strcmp(s->kind, "inactive")) {
        local_date((time_t)strtoll(s->value, NULL, 10), d);
        ADD("%s since %s", s->kind, d);
        sep = " & ";
    } else if (strcmp(s->kind, "all") || (!s->nmunis && !s->lang[0] && !s->since)) {
        ADD("%s", s->kind);
        if (strcmp(s->kind, "all") && strcmp(s->kind, "file"))
            ADD(" %s", s->value);
        sep = " & ";
    }
    for (size_t i = 0; i < s->nmunis; i++)
        ADD("%s%s", i ? ", " : sep, i ? "" : "municipality "), ADD("%s", s->munis[i]);
    if (s->nmunis)
        sep = " & ";
    if (s->lang[0])
        ADD("%slang %s", sep, s->lang), sep = " & ";
    if (s->since) {
        local_date((time_t)s->since, d);
        ADD("%sactive since %s", sep, d);
    }
#undef ADD
    if (n >= len && len > 4)
        memcpy(out + len - 4, "...", 4);
}

void broadcast_row_describe(const struct broadcast_row *b, char *out, size_t len)
{
    struct segment *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(out, len, "%s", b->segment);
        return;
    }
    snprintf(s->kind, sizeof s->kind, "%s", b->seg_kind);
    snprintf(s->value, sizeof s->value, "%s", b->seg_value);
    snprintf(s->lang, sizeof s->lang, "%s", b->seg_lang);
    s->since = b->seg_since;
    json_t *a = b->seg_munis[0] ? json_loads(b->seg_munis, 0, NULL) : NULL;
    for (size_t i = 0; i < json_array_size(a) && s->nmunis < SEG_MAX_MUNIS; i++) {
        const char *m = json_string_value(json_array_get(a, i));
        if (m)
            snprintf(s->munis[s->nmunis++], sizeof s->munis[0], "%s", m);
    }
    json_decref(a);
    segment_describe(s, out, len);
    free(s);
}
