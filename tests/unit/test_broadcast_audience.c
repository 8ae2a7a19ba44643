/* test_broadcast_audience.c: a broadcast's audience as the AND of filters
 * (municipalities, language, reported since, and the segment language's kinds):
 * how specs are read and refused, and that the live count, the walk a plan
 * measures and the recipients a broadcast is filled with are the same people,
 * each filter alone and combined, down to nobody. */
#include "db/broadcast.h"
#include "gateway/base/localtime.h"
#include "gateway/core/broadcast_segment.h"
#include "parsers/lexicon.h"
#include "tests/test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct lexicon *lex(void)
{
    static struct lexicon *l;
    char err[256];
    if (!l)
        l = lexicon_load("config/species.tsv", "config/places.tsv", err, sizeof err);
    if (!l)
        test_fail(__FILE__, __LINE__, "lexicon_load: %s", err);
    return l;
}

static struct segment seg;
static char err[512];

static bool parse(const char *spec)
{
    segment_free(&seg);
    return segment_parse(lex(), spec, &seg, err, sizeof err);
}

TEST(audience_each_filter_alone_keeps_its_kind)
{
    CHECK(parse("municipality:Cēsīs"));
    CHECK_STR(seg.kind, "municipality");          /* as broadcasts stored before */
    CHECK_STR(seg.value, "Cēsu novads");
    CHECK_INT(seg.nmunis, 0);
    CHECK(parse("municipality:Cēsis, Valmierā"));
    CHECK_STR(seg.kind, "all");
    CHECK_INT(seg.nmunis, 2);
    CHECK_STR(seg.munis[0], "Cēsu novads");
    CHECK_STR(seg.munis[1], "Valmieras novads");
    CHECK(parse("municipality:Cēsis,Cēsu novads"));  /* one municipality named twice */
    CHECK_STR(seg.kind, "municipality");
    CHECK(parse("lang:ru"));
    CHECK_STR(seg.kind, "all");
    CHECK_STR(seg.lang, "ru");
    CHECK(parse("active:2026-05-01"));
    CHECK_STR(seg.kind, "active");
    CHECK_INT(strtoll(seg.value, NULL, 10), local_parse_date("2026-05-01"));
    CHECK_INT(seg.since, 0);
    CHECK(parse("all"));
    CHECK_STR(seg.kind, "all");
    CHECK(!seg.nmunis && !seg.lang[0] && !seg.since);
}

TEST(audience_filters_combine_with_and)
{
    CHECK(parse("municipality:Cēsis,Valmiera & lang:ru & active:2026-05-01"));
    CHECK_STR(seg.kind, "all");
    CHECK_INT(seg.nmunis, 2);
    CHECK_STR(seg.lang, "ru");
    CHECK_INT(seg.since, local_parse_date("2026-05-01"));
    char said[256];
    segment_describe(&seg, said, sizeof said);
    CHECK_STR(said, "municipality Cēsu novads, Valmieras novads & lang ru & active since 2026-05-01");
    CHECK(parse("species:ozols & municipality:Cēsis & LANG:en"));
    CHECK_STR(seg.kind, "species");
    CHECK_STR(seg.value, "quercus_robur");
    CHECK_INT(seg.nmunis, 1);
    CHECK_STR(segment_total_municipality(&seg), "Cēsu novads");
    segment_describe(&seg, said, sizeof said);
    CHECK_STR(said, "species quercus_robur & municipality Cēsu novads & lang en");
    CHECK(parse("inactive:2026-05-01 & lang:lv"));
    CHECK_STR(seg.kind, "inactive");
    CHECK_STR(seg.lang, "lv");
    char json[256];
    CHECK(parse("municipality:Cēsis,Valmiera & lang:ru"));
    struct bc_segment q = segment_query(&seg, json, sizeof json);
    CHECK_STR(q.munis, "[\"Cēsu novads\",\"Valmieras novads\"]");
    CHECK_STR(q.lang, "ru");
    CHECK(segment_total_municipality(&seg) == NULL);
}

TEST(audience_bad_terms_are_refused_with_the_reason)
{
    CHECK(!parse("active:2026-02-30"));
    CHECK_INT(seg.error, SEG_E_DATE);
    CHECK_STR(seg.error_arg, "2026-02-30");
    CHECK_STR(err, "active: '2026-02-30' is no date: write YYYY-MM-DD, e.g. 2026-05-01");
    CHECK(!parse("lang:ru & active:01.05.2026"));
    CHECK_INT(seg.error, SEG_E_DATE);
    CHECK(strstr(err, "'01.05.2026' is no date") != NULL);
    CHECK(!parse("inactive:soon"));
    CHECK_INT(seg.error, SEG_E_DATE);
    CHECK(!parse("lang:de"));
    CHECK_INT(seg.error, SEG_E_LANG);
    CHECK_STR(err, "lang: 'de': expected lv, ru or en");
    CHECK(!parse("municipality:Cēsis & municipality:Valmiera"));
    CHECK_INT(seg.error, SEG_E_TWICE);
    CHECK(!parse("lang:ru & lang:en"));
    CHECK_INT(seg.error, SEG_E_TWICE);
    CHECK(!parse("species:ozols & inactive:2026-05-01"));
    CHECK_INT(seg.error, SEG_E_KINDS);
    CHECK(!parse("municipality:Nekurienes"));
    CHECK_INT(seg.error, SEG_E_PLACE);
    CHECK_STR(seg.error_arg, "Nekurienes");
    CHECK(!parse("lang:ru & file:/tmp/x.csv"));
    CHECK_INT(seg.error, SEG_E_FILE_ALONE);
    CHECK(!parse("everyone"));
    CHECK_INT(seg.error, SEG_E_UNKNOWN);
    CHECK(!parse("lang:ru & & active:2026-05-01"));
    CHECK_INT(seg.error, SEG_E_UNKNOWN);
    CHECK(!parse("municipality:"));
    CHECK_INT(seg.error, SEG_E_NO_VALUE);
    segment_free(&seg);
}

/* ---- the same people counted, walked and filled ---- */

static struct db *seeded(void)
{
    char path[512], e[256];
    snprintf(path, sizeof path, "%s/audience.db", test_tmpdir());
    struct db *db = db_open(path, false, e, sizeof e);
    if (!db)
        return NULL;
    long long fresh = local_parse_date("2026-05-10"), old = local_parse_date("2026-04-01");
    char sql[2048];
    /* id: lang, home, opted out, erased; and where and when each planted */
    CHECK(db_exec(db, "INSERT INTO volunteers (id, number, lang, home_municipality, opted_out,"
                      " erased_at, created_at) VALUES"
                      " (1, '+37120000001', 'lv', 'Cēsu novads', 0, NULL, 0),"
                      " (2, '+37120000002', 'ru', NULL, 0, NULL, 0),"
                      " (3, '+37120000003', 'ru', 'Valmieras novads', 0, NULL, 0),"
                      " (4, '+37120000004', 'ru', NULL, 0, NULL, 0),"
                      " (5, '+37120000005', 'en', NULL, 0, NULL, 0),"
                      " (6, '+37120000006', 'ru', NULL, 1, NULL, 0),"
                      " (7, '+37120000007', 'ru', NULL, 0, NULL, 0),"
                      " (8, 'erased:8', 'lv', NULL, 0, 5, 0)"));
    snprintf(sql, sizeof sql,
             "INSERT INTO plantings (uuid, volunteer_id, species, count, place, municipality,"
             " reported_at, channel, status) VALUES"
             " ('u1', 1, 'quercus_robur', 3, 'Cēsis', 'Cēsu novads', %lld, 'sms', 'accepted'),"
             " ('u2', 2, 'tilia_cordata', 2, 'Valmiera', 'Valmieras novads', %lld, 'sms', 'pending_review'),"
             " ('u4', 4, 'quercus_robur', 5, 'Cēsis', 'Cēsu novads', %lld, 'sms', 'accepted'),"
             " ('u5', 5, 'quercus_robur', 1, 'Rīga', 'Rīga', %lld, 'sms', 'accepted'),"
             " ('u6', 6, 'quercus_robur', 1, 'Cēsis', 'Cēsu novads', %lld, 'sms', 'accepted'),"
             " ('u7', 7, 'quercus_robur', 1, 'Valmiera', 'Valmieras novads', %lld, 'sms', 'rejected'),"
             " ('u8', 8, 'quercus_robur', 1, 'Cēsis', 'Cēsu novads', %lld, 'sms', 'accepted')",
             fresh, fresh, old, fresh, fresh, fresh, fresh);
    CHECK(db_exec(db, sql));
    return db;
}

struct ids {
    char list[64];
};

static bool note(void *ctx, const struct bc_recipient *r)
{
    struct ids *w = ctx;
    size_t l = strlen(w->list);
    snprintf(w->list + l, sizeof w->list - l, "%s%lld", l ? "," : "", (long long)r->volunteer_id);
    return true;
}

/* the volunteers spec selects, as counted ("lv/ru/en") and walked ("1,2"); and
 * filled into a stored broadcast, which must be the walked ones */
static void audience(struct db *db, const char *spec, const char *counts, const char *walked)
{
    if (!parse(spec)) {
        test_fail(__FILE__, __LINE__, "%s: %s", spec, err);
        return;
    }
    char json[512], got[32];
    struct bc_segment q = segment_query(&seg, json, sizeof json);
    long by[3];
    CHECK(broadcast_count_segment(db, &q, by));
    snprintf(got, sizeof got, "%ld/%ld/%ld", by[0], by[1], by[2]);
    if (strcmp(got, counts))
        test_fail(__FILE__, __LINE__, "%s: counted %s, expected %s", spec, got, counts);
    struct ids w = { "" };
    CHECK(broadcast_walk_segment(db, &q, 0, NULL, note, &w));
    if (strcmp(w.list, walked))
        test_fail(__FILE__, __LINE__, "%s: walked %s, expected %s", spec, w.list, walked);
    struct broadcast_row *b = calloc(1, sizeof *b);
    if (!b)
        return;
    snprintf(b->segment, sizeof b->segment, "%s", spec);
    snprintf(b->seg_kind, sizeof b->seg_kind, "%s", seg.kind);
    snprintf(b->seg_value, sizeof b->seg_value, "%s", seg.value);
    snprintf(b->seg_munis, sizeof b->seg_munis, "%s", json);
    snprintf(b->seg_lang, sizeof b->seg_lang, "%s", seg.lang);
    b->seg_since = seg.since;
    snprintf(b->text, sizeof b->text, "x");
    snprintf(b->state, sizeof b->state, "preparing");
    snprintf(b->created_by, sizeof b->created_by, "test");
    b->fill_by_service = true;
    int64_t id = broadcast_insert(db, b);
    bool finished = false;
    while (id && !finished && broadcast_fill_chunk(db, id, 3, "scheduled", &finished) >= 0)
        ;
    CHECK(finished);
    CHECK(broadcast_get(db, id, b) == DB_FOUND);
    CHECK_STR(b->seg_lang, seg.lang);
    CHECK_INT(b->seg_since, seg.since);
    char filled[64] = "", one[24];
    for (int64_t v = 1; v <= 8; v++)
        if (test_int(db, 0, "SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = ?"
                            " AND volunteer_id = ?", "ii", id, v)) {
            snprintf(one, sizeof one, "%s%lld", filled[0] ? "," : "", (long long)v);
            strncat(filled, one, sizeof filled - strlen(filled) - 1);
        }
    if (strcmp(filled, walked))
        test_fail(__FILE__, __LINE__, "%s: filled %s, expected %s", spec, filled, walked);
    CHECK_INT(b->recipients, by[0] + by[1] + by[2]);
    free(b);
}

TEST(audience_counts_walks_and_fills_the_same_people)
{
    struct db *db = seeded();
    CHECK(db != NULL);
    if (!db)
        return;
    /* never the opted out (6) or erased (8) one; a rejected report (7) counts for nothing */
    audience(db, "all", "1/4/1", "1,2,3,4,5,7");
    audience(db, "municipality:Cēsis", "1/1/0", "1,4");
    audience(db, "municipality:Cēsis,Valmiera", "1/3/0", "1,2,3,4");
    audience(db, "lang:ru", "0/4/0", "2,3,4,7");
    audience(db, "active:2026-05-01", "1/1/1", "1,2,5");
    audience(db, "municipality:Cēsis,Valmiera & lang:ru", "0/3/0", "2,3,4");
    audience(db, "municipality:Cēsis,Valmiera & active:2026-05-01", "1/1/0", "1,2");
    audience(db, "municipality:Cēsis,Valmiera & lang:ru & active:2026-05-01", "0/1/0", "2");
    audience(db, "species:ozols & lang:ru", "0/1/0", "4");
    audience(db, "inactive:2026-05-01 & lang:ru", "0/3/0", "3,4,7");
    /* nobody */
    audience(db, "municipality:Rīga & lang:ru", "0/0/0", "");
    audience(db, "lang:en & active:2026-06-01", "0/0/0", "");
    /* the municipality a stored broadcast's {municipality_total} names */
    struct broadcast_row b;
    memset(&b, 0, sizeof b);
    snprintf(b.seg_kind, sizeof b.seg_kind, "all");
    snprintf(b.seg_munis, sizeof b.seg_munis, "[\"Cēsu novads\"]");
    char buf[64];
    CHECK(broadcast_total_municipality(&b, buf, sizeof buf) != NULL);
    CHECK_STR(buf, "Cēsu novads");
    snprintf(b.seg_munis, sizeof b.seg_munis, "[\"Cēsu novads\",\"Rīga\"]");
    CHECK(broadcast_total_municipality(&b, buf, sizeof buf) == NULL);
    segment_free(&seg);
    db_close(db);
}
