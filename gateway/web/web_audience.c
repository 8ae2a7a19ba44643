/* web_audience.c: the audience of a reminder on the Atgādinājumi page (see
 * web_audience.h). The controls make a segment spec; core parses it and the
 * same query counts, previews and fills it, so the live count is the number
 * that get the broadcast. */
#include "gateway/web/web_audience.h"

#include "gateway/base/localtime.h"
#include "gateway/web/web_page.h"
#include "parsers/places.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *fv(const struct web_req *rq, const char *name)
{
    const char *v = web_field(rq, name);
    return v ? v : "";
}

/* name is one of the lines of list */
static bool listed(const char *list, const char *name)
{
    size_t l = strlen(name);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == l && !strncmp(p, name, l))
            return true;
        if (!e)
            break;
        p = e + 1;
    }
    return false;
}

/* every municipality of the places list (a place that is its own municipality), once */
static void muni_boxes(struct web_req *rq)
{
    const struct lexicon *lex = rq->site->app->lex;
    const char *chosen = fv(rq, "aud_muni");
    struct buf *b = &rq->out;
    size_t n = lex ? lexicon_place_count(lex) : 0;
    for (size_t i = 0; i < n; i++) {
        const struct place *p = lexicon_place_at(lex, i);
        if (strcmp(p->name, p->municipality) || lexicon_place_by_name(lex, p->name) != p)
            continue;
        buf_put(b, "<label class=\"check\"><input type=\"checkbox\" name=\"aud_muni\" data-count value=\"");
        buf_esc(b, p->name);
        buf_printf(b, "\"%s> ", listed(chosen, p->name) ? " checked" : "");
        buf_esc(b, p->name);
        buf_put(b, "</label>");
    }
}

static void lang_select(struct web_req *rq)
{
    static const char *const codes[] = { "", "lv", "ru", "en" };
    const char *lv[] = { "visas", "latviešu", "krievu", "angļu" };
    const char *en[] = { "any", "Latvian", "Russian", "English" };
    const char *chosen = fv(rq, "aud_lang");
    buf_printf(&rq->out, "<label for=\"aud_lang\">%s</label><select id=\"aud_lang\" name=\"aud_lang\""
                         " data-count>", TR(rq, "Valoda", "Language"));
    for (int i = 0; i < 4; i++)
        buf_printf(&rq->out, "<option value=\"%s\"%s>%s</option>", codes[i],
                   !strcmp(chosen, codes[i]) ? " selected" : "", rq->en ? en[i] : lv[i]);
    buf_put(&rq->out, "</select>");
}

void audience_controls(struct web_req *rq)
{
    struct buf *b = &rq->out;
    buf_printf(b, "<fieldset class=\"audience\"><legend>%s</legend><p class=\"hint\">%s</p>"
                  "<details class=\"munis\"%s><summary id=\"aud_muni_label\">%s <span class=\"chosen\""
                  " id=\"aud_muni_chosen\">",
               TR(rq, "Kam", "To"),
               TR(rq, "Saņems tie, kam atbilst viss izvēlētais; neko neizvēloties — visi.",
                  "Those who match everything chosen get it; nothing chosen: everyone."),
               *fv(rq, "aud_muni") ? " open" : "",
               TR(rq, "Novadi (dzīvo vai stādīja tajos)", "Municipalities (live or planted there)"));
    char *chosen = strdup(fv(rq, "aud_muni"));   /* what is ticked, seen with the list closed */
    for (char *p = chosen, *next; p && *p; p = next) {
        next = strchr(p, '\n');
        if (next)
            *next++ = '\0';
        buf_put(b, p == chosen ? "" : ", ");
        buf_esc(b, p);
    }
    free(chosen);
    buf_put(b, "</span></summary><div class=\"checks\" role=\"group\" aria-labelledby=\"aud_muni_label\">");
    muni_boxes(rq);
    buf_put(b, "</div></details>");
    lang_select(rq);
    buf_printf(b, "<label for=\"aud_since\">%s</label><input id=\"aud_since\" name=\"aud_since\""
                  " data-count placeholder=\"dd.mm.gggg\" inputmode=\"numeric\" value=\"",
               TR(rq, "Ziņoja stādījumu kopš (dd.mm.gggg, nav obligāti)",
                  "Reported a planting since (dd.mm.yyyy, optional)"));
    buf_esc(b, fv(rq, "aud_since"));
    buf_printf(b, "\"><details%s><summary>%s</summary><label for=\"segment\">%s</label>"
                  "<input id=\"segment\" name=\"segment\" data-count value=\"", *fv(rq, "segment") ? " open" : "",
               TR(rq, "Papildu: segmenta valoda", "Advanced: segment language"),
               TR(rq, "Segments (kopā ar izvēli augstāk)", "Segment (together with the choice above)"));
    buf_esc(b, fv(rq, "segment"));
    buf_printf(b, "\"><p class=\"hint\">%s</p></details><p class=\"count\">%s: <output id=\"live-recipients\""
                  " aria-live=\"polite\">—</output> <span id=\"live-langs\" class=\"hint\"></span></p></fieldset>",
               TR(rq, "all · municipality:Cēsis,Valmiera · lang:ru · active:2026-05-01 (ziņoja kopš) ·"
                      " inactive:2026-05-01 · species:quercus_robur; vairākus savieno ar &amp;",
                  "all · municipality:Cēsis,Valmiera · lang:ru · active:2026-05-01 (reported since) ·"
                  " inactive:2026-05-01 · species:quercus_robur; join several with &amp;"),
               TR(rq, "Saņēmēji", "Recipients"));
}

void audience_hidden(struct web_req *rq)
{
    static const char *const keep[] = { "segment", "aud_lang", "aud_since" };
    struct buf *b = &rq->out;
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", keep[i]);
        buf_esc(b, fv(rq, keep[i]));
        buf_put(b, "\">");
    }
    char *m = strdup(fv(rq, "aud_muni"));
    for (char *p = m, *next; p && *p; p = next) {
        next = strchr(p, '\n');
        if (next)
            *next++ = '\0';
        buf_put(b, "<input type=\"hidden\" name=\"aud_muni\" value=\"");
        buf_esc(b, p);
        buf_put(b, "\">");
    }
    free(m);
}

/* dd.mm.gggg (or YYYY-MM-DD), a day that exists, into "YYYY-MM-DD" */
static bool since_date(const char *s, char out[11])
{
    int d, mo, y, n = 0;
    if (sscanf(s, " %2d.%2d.%4d %n", &d, &mo, &y, &n) == 3 && !s[n])
        snprintf(out, 11, "%04d-%02d-%02d", y, mo, d);
    else if (sscanf(s, " %4d-%2d-%2d %n", &y, &mo, &d, &n) == 3 && !s[n])
        snprintf(out, 11, "%04d-%02d-%02d", y, mo, d);
    else
        return false;
    time_t t = local_parse_date(out);
    char back[11];
    if (t == (time_t)-1)
        return false;
    local_date(t, back);
    return !strcmp(back, out);
}

static size_t join(char *spec, size_t n, size_t len, const char *term)
{
    return n + (size_t)snprintf(spec + n, n < len ? len - n : 0, "%s%s", n ? " & " : "", term);
}

bool audience_spec_of(struct web_req *rq, char *spec, size_t len, char *err, size_t errlen)
{
    const char *adv = fv(rq, "segment"), *munis = fv(rq, "aud_muni"), *lang = fv(rq, "aud_lang"),
               *since = fv(rq, "aud_since");
    size_t n = 0;
    spec[0] = '\0';
    if (adv[strspn(adv, " \t")])
        n = join(spec, n, len, adv);
    if (*munis) {
        char t[2048];
        snprintf(t, sizeof t, "municipality:%s", munis);
        for (char *c = t; *c; c++)
            if (*c == '\n')
                *c = ',';
        n = join(spec, n, len, t);
    }
    if (*lang) {
        char t[16];
        snprintf(t, sizeof t, "lang:%.4s", lang);
        n = join(spec, n, len, t);
    }
    if (since[strspn(since, " \t")]) {
        char d[11], t[32];
        if (!since_date(since, d)) {
            snprintf(err, errlen, TR(rq, "Datums “%.40s” nav derīgs: rakstiet dd.mm.gggg, piem. 01.05.2026.",
                                     "“%.40s” is no date: write dd.mm.yyyy, e.g. 01.05.2026."), since);
            return false;
        }
        snprintf(t, sizeof t, "active:%s", d);
        n = join(spec, n, len, t);
    }
    if (!n)
        n = join(spec, n, len, "all");
    if (n >= len) {
        snprintf(err, errlen, "%s", TR(rq, "Izvēle ir par garu.", "The choice is too long."));
        return false;
    }
    return true;
}

void audience_error(const struct web_req *rq, const struct segment *s, char *err, size_t errlen)
{
    const char *a = s->error_arg, *f;
    switch (s->error) {
    case SEG_E_PLACE: f = TR(rq, "Nav vietas “%s”.", "No place called “%s”."); break;
    case SEG_E_AMBIGUOUS: f = TR(rq, "Vieta “%s” ir vairākos novados: nosauciet novadu.",
                                 "“%s” is in several municipalities: name its novads."); break;
    case SEG_E_SPECIES: f = TR(rq, "Nav sugas “%s” (piem. quercus_robur).", "No species “%s” (e.g. quercus_robur)."); break;
    case SEG_E_DATE: f = TR(rq, "“%s” nav datums: rakstiet GGGG-MM-DD.", "“%s” is no date: write YYYY-MM-DD."); break;
    case SEG_E_LANG: f = TR(rq, "Valoda “%s”: jābūt lv, ru vai en.", "Language “%s”: use lv, ru or en."); break;
    case SEG_E_TWICE: f = TR(rq, "“%s” norādīts divreiz (novadus var izvēlēties sarakstā).",
                             "“%s” given twice (municipalities can be picked from the list)."); break;
    case SEG_E_KINDS: f = TR(rq, "“%s” nevar apvienot ar inactive:/species: otru.",
                             "“%s” cannot be combined with the other of inactive:/species:."); break;
    case SEG_E_FILE_ALONE: case SEG_E_READ:
        f = TR(rq, "Segments file: ir pieejams tikai komandrindā.", "A file: segment is for the command line only.");
        break;
    case SEG_E_NO_VALUE: f = TR(rq, "Segmenta daļai “%s” trūkst vērtības.", "The segment term “%s” lacks a value."); break;
    case SEG_E_TOO_MANY: f = TR(rq, "Par daudz novadu.", "Too many municipalities."); break;
    default: f = TR(rq, "Nezināma segmenta daļa “%s”.", "Unknown segment term “%s”."); break;
    }
    snprintf(err, errlen, f, a);
}

struct json_t *audience_count(struct web_req *rq)
{
    char spec[2048], err[512] = "", munis[2048];
    struct segment *sg = calloc(1, sizeof *sg);
    json_t *o = NULL;
    long by[3];
    if (!sg) {
        o = json_pack("{s:s}", "error", page_db_failure(rq, DB_ERROR));
    } else if (!audience_spec_of(rq, spec, sizeof spec, err, sizeof err)) {
        o = json_pack("{s:s}", "error", err);
    } else if (!segment_parse(rq->site->app->lex, spec, sg, err, sizeof err) ||
               !strcmp(sg->kind, "file")) {
        if (!sg->error)
            sg->error = SEG_E_FILE_ALONE;
        audience_error(rq, sg, err, sizeof err);
        o = json_pack("{s:s}", "error", err);
    } else {
        struct bc_segment q = segment_query(sg, munis, sizeof munis);
        o = broadcast_count_segment(rq->db, &q, by)
                ? json_pack("{s:I, s:I, s:I, s:I}", "recipients", (json_int_t)(by[0] + by[1] + by[2]),
                            "lv", (json_int_t)by[0], "ru", (json_int_t)by[1], "en", (json_int_t)by[2])
                : json_pack("{s:s}", "error", page_db_failure(rq, DB_ERROR));
    }
    if (sg)
        segment_free(sg);
    free(sg);
    return o;
}

void audience_say(struct web_req *rq, const struct broadcast_row *b)
{
    struct buf *out = &rq->out;
    char d[11], day[16];
    const char *sep = "";
    bool dated = !strcmp(b->seg_kind, "active") || !strcmp(b->seg_kind, "inactive");
    local_date(dated ? (time_t)strtoll(b->seg_value, NULL, 10) : 0, d);
    snprintf(day, sizeof day, "%.2s.%.2s.%.4s", d + 8, d + 5, d);   /* dd.mm.gggg */
    if (!strcmp(b->seg_kind, "municipality") || !strcmp(b->seg_kind, "file")) {
        buf_esc(out, b->seg_kind[0] == 'm' ? b->seg_value : TR(rq, "saraksts no faila", "a list from a file"));
        sep = " · ";
    } else if (dated) {
        buf_printf(out, "%s %s", b->seg_kind[0] == 'a' ? TR(rq, "ziņoja kopš", "reported since")
                                                       : TR(rq, "nav ziņojuši kopš", "no report since"), day);
        sep = " · ";
    } else if (!strcmp(b->seg_kind, "species")) {
        buf_esc(out, page_species(rq, b->seg_value));
        sep = " · ";
    }
    json_t *a = b->seg_munis[0] ? json_loads(b->seg_munis, 0, NULL) : NULL;
    for (size_t i = 0; i < json_array_size(a); i++) {
        buf_put(out, i ? ", " : sep);
        buf_esc(out, json_string_value(json_array_get(a, i)) ? json_string_value(json_array_get(a, i)) : "");
        sep = " · ";
    }
    json_decref(a);
    if (b->seg_lang[0]) {
        enum lang l = lang_from_code(b->seg_lang);
        buf_printf(out, "%s%s", sep, l == LANG_RU ? TR(rq, "krievu val.", "Russian")
                                     : l == LANG_EN ? TR(rq, "angļu val.", "English") : TR(rq, "latviešu val.", "Latvian"));
        sep = " · ";
    }
    if (b->seg_since) {
        local_date((time_t)b->seg_since, d);
        buf_printf(out, "%s%s %.2s.%.2s.%.4s", sep, TR(rq, "ziņoja kopš", "reported since"), d + 8, d + 5, d);
        sep = " · ";
    }
    if (!*sep)
        buf_put(out, TR(rq, "visi", "everyone"));
}
