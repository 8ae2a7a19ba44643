/* test_broadcast.c: broadcast texts per recipient (placeholders, UCS-2 switches),
 * campaign time (quiet hours across midnight and DST, --at), the time-to-send
 * estimate, file: number lists, and recipients at most once in the database. */
#include "db/broadcast.h"
#include "gateway/core/broadcast_eta.h"
#include "gateway/core/broadcast_render.h"
#include "gateway/core/broadcast_segment.h"
#include "gateway/base/localtime.h"
#include "tests/test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *render(const char *tmpl, const char *name)
{
    static char out[400];
    broadcast_render(tmpl, name, 120, 3400, out, sizeof out);
    return out;
}

TEST(broadcast_placeholders_are_filled_per_recipient)
{
    CHECK_STR(render("Sveiki, {name}! Tev {points} punkti, novadā {municipality_total} koki.", "Anna"),
              "Sveiki, Anna! Tev 120 punkti, novadā 3400 koki.");
    CHECK_STR(render("Sveiki, {name}! Talka sestdien.", ""), "Sveiki! Talka sestdien.");
    CHECK_STR(render("Labdien {name}, ņem lāpstu", ""), "Labdien, ņem lāpstu");
    CHECK_STR(render("{name}", ""), "");
    CHECK_STR(render("no placeholders {here", "Anna"), "no placeholders {here");
    CHECK_INT(broadcast_template_needs("{name} {points}"), BC_NEED_NAME | BC_NEED_POINTS);
    CHECK_INT(broadcast_template_needs("plain"), 0);
    char err[128];
    CHECK(broadcast_template_check("Hi {name}, {points} {municipality_total}", err, sizeof err));
    CHECK(!broadcast_template_check("Hi {vards}", err, sizeof err));
    CHECK(strstr(err, "{vards}") != NULL);
}

TEST(broadcast_render_never_cuts_a_character)
{
    char out[8];
    broadcast_render("āāāāāāāā", "", 0, 0, out, sizeof out);
    CHECK_STR(out, "āāā"); /* 6 bytes; the 7th would be half a letter */
}

/* A zero-width space or a direction mark pasted with a text would turn a copy into
 * UCS-2 (a third of the characters a part) while nobody sees it: left out. */
TEST(broadcast_render_leaves_out_invisible_format_characters)
{
    CHECK_STR(render("Talka\u200B sestdien\u202E, {name}\uFEFF!", "An\u200Dna"),
              "Talka sestdien, Anna!");
    struct sms_info info;
    sms_measure(render("Talka sestdien\u200B pie pils", ""), &info);
    CHECK_INT(info.encoding, SMS_GSM7);
}

TEST(broadcast_a_name_with_diacritics_switches_one_copy_to_ucs2)
{
    const char *tmpl = "Sestdien 10:00 talka pie pils, {name}! Nem lapstu un cimdus, "
                       "busim lidz 14:00. Paldies, ka stadi kokus kopa ar mums!!";
    struct broadcast_stats s;
    memset(&s, 0, sizeof s);
    struct sms_info info;
    sms_measure(render(tmpl, "Anna"), &info);
    CHECK_INT(info.encoding, SMS_GSM7);
    CHECK_INT(info.segments, 1);
    broadcast_stats_add(&s, &info);
    sms_measure(render(tmpl, "Jānis"), &info);
    CHECK_INT(info.encoding, SMS_UCS2);
    CHECK_INT(info.segments, 2);
    broadcast_stats_add(&s, &info);
    CHECK_INT(s.recipients, 2);
    CHECK_INT(s.parts, 3);
    CHECK_INT(s.ucs2, 1);
    CHECK_INT(s.max_segments, 2);
    CHECK_INT(s.over, 0);
}

TEST(broadcast_campaign_time_and_quiet_hours)
{
    /* the process zone is Europe/Riga (tests/unit/main.c); summer: UTC+3; winter: UTC+2 */
    CHECK_INT(local_parse_time("2026-05-16 10:00"), 1778914800);      /* 07:00Z */
    CHECK_INT(local_parse_time("2026-01-10 10:00"), 1768032000);      /* 08:00Z */
    CHECK_INT(local_parse_time("2026-05-16T10:00:00+03:00"), 1778914800);
    CHECK_INT(local_parse_time("2026-05-16T07:00:00Z"), 1778914800);
    CHECK_INT(local_parse_time("2026-05-16T09:00:00.5+02:00"), 1778914800);
    CHECK_INT(local_parse_time("2026-05-16T10:00"), -1);  /* RFC 3339 needs an offset */
    CHECK_INT(local_parse_time("16.05.2026 10:00"), -1);
    CHECK_INT(local_parse_time("2026-05-16 25:00"), -1);
    CHECK_INT(local_parse_date("2026-05-16"), 1778878800);            /* 21:00Z the day before */

    struct send_policy p;
    memset(&p, 0, sizeof p);
    CHECK(send_parse_quiet("21:00-09:00", &p.quiet, &p.quiet_from, &p.quiet_to));
    CHECK(p.quiet);
    time_t until = 0;
    CHECK(!send_in_quiet(&p, local_parse_time("2026-05-16 20:59"), &until));
    CHECK(send_in_quiet(&p, local_parse_time("2026-05-16 21:00"), &until));
    CHECK_INT(until, local_parse_time("2026-05-17 09:00"));
    CHECK(send_in_quiet(&p, local_parse_time("2026-05-17 03:00"), &until));
    CHECK_INT(until, local_parse_time("2026-05-17 09:00"));
    CHECK(!send_in_quiet(&p, local_parse_time("2026-05-17 09:00"), &until));
    /* the night the clocks go back (2026-10-25 04:00 → 03:00) */
    CHECK(send_in_quiet(&p, local_parse_time("2026-10-25 02:30"), &until));
    CHECK_INT(until, local_parse_time("2026-10-25 09:00"));
    CHECK_INT(until, 1792911600); /* 07:00Z: winter time again */
    /* empty: no quiet hours; bad: refused */
    CHECK(send_parse_quiet("", &p.quiet, &p.quiet_from, &p.quiet_to));
    CHECK(!p.quiet);
    CHECK(!send_parse_quiet("21-9", &p.quiet, &p.quiet_from, &p.quiet_to));
    CHECK(!send_parse_quiet("21:00-09:00 extra", &p.quiet, &p.quiet_from, &p.quiet_to));
}

TEST(broadcast_eta_follows_rates_quiet_hours_and_caps)
{
    struct send_policy p;
    memset(&p, 0, sizeof p);
    p.assumed_rate = 10;
    p.nlinks = 2;
    p.links[0].rate = 10;
    p.links[1].rate = 10;
    time_t noon = local_parse_time("2026-05-16 12:00");
    CHECK_INT(broadcast_eta(&p, 1000, noon, 0), 50 * 60);                  /* 20 a minute */
    CHECK(send_parse_quiet("21:00-09:00", &p.quiet, &p.quiet_from, &p.quiet_to));
    time_t evening = local_parse_time("2026-05-16 20:30");
    /* 600 parts by 21:00, the other 400 from 09:00 (20 min) */
    CHECK_INT(broadcast_eta(&p, 1000, evening, 0),
              local_parse_time("2026-05-17 09:20") - evening);
    p.daily_cap = 100; /* 200 parts a day over two modems */
    CHECK_INT(broadcast_eta(&p, 300, noon, 0),
              local_parse_time("2026-05-17 09:05") - noon);
    char buf[32];
    broadcast_format_duration(3 * 3600 + 20 * 60, buf, sizeof buf);
    CHECK_STR(buf, "3 h 20 min");
    broadcast_format_duration(45, buf, sizeof buf);
    CHECK_STR(buf, "45 s");
}

TEST(broadcast_file_numbers_are_normalised_and_bad_rows_listed)
{
    char path[512];
    snprintf(path, sizeof path, "%s/numbers.csv", test_tmpdir());
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("\xEF\xBB\xBFnumurs;vards\n26000001;Anna\n\"+371 26 000 002\",x\n\n0037126000001\n"
          "LMT\n12345\n29 999 999\n",
          f);
    fclose(f);
    struct segment s;
    char err[256];
    char spec[600];
    snprintf(spec, sizeof spec, "file:%s", path);
    CHECK(segment_parse(NULL, spec, &s, err, sizeof err));
    CHECK_INT(s.nnumbers, 3);
    if (s.nnumbers == 3) {
        CHECK_STR(s.numbers[0], "+37126000001");
        CHECK_STR(s.numbers[1], "+37126000002");
        CHECK_STR(s.numbers[2], "+37129999999");
    }
    CHECK_INT(s.nbad, 2);
    if (s.nbad == 2) {
        CHECK(strstr(s.bad[0], "line 6") && strstr(s.bad[0], "LMT"));
        CHECK(strstr(s.bad[1], "line 7") && strstr(s.bad[1], "12345"));
    }
    segment_free(&s);
    CHECK(!segment_parse(NULL, "file:/nonexistent/x.csv", &s, err, sizeof err));
    segment_free(&s);
    CHECK(!segment_parse(NULL, "everyone", &s, err, sizeof err));
    CHECK(!segment_parse(NULL, "active:yesterday", &s, err, sizeof err));
    CHECK(segment_parse(NULL, "inactive:2026-05-01", &s, err, sizeof err));
    CHECK_STR(s.kind, "inactive");
}

static bool count_one(void *ctx, const struct bc_recipient *r)
{
    (void)r;
    (*(int *)ctx)++;
    return true;
}

TEST(broadcast_recipients_at_most_once_and_erasure_leaves_pending)
{
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/broadcast.db", test_tmpdir());
    struct db *db = db_open(path, false, err, sizeof err);
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK(db_exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)"
                      " INSERT INTO volunteers (number, created_at, opted_out) SELECT"
                      " printf('+3712%07d', i), 0, i % 10 = 0 FROM n"));
    int n = 0;
    struct bc_segment everyone = { "all", "", NULL, NULL, 0 };
    CHECK(broadcast_walk_segment(db, &everyone, 0, NULL, count_one, &n));
    CHECK_INT(n, 45);
    struct broadcast_row b;
    memset(&b, 0, sizeof b);
    snprintf(b.segment, sizeof b.segment, "all");
    snprintf(b.seg_kind, sizeof b.seg_kind, "all");
    snprintf(b.text, sizeof b.text, "x");
    snprintf(b.state, sizeof b.state, "preparing");
    snprintf(b.created_by, sizeof b.created_by, "test");
    b.fill_by_service = true;
    int64_t id = broadcast_insert(db, &b);
    CHECK(id > 0);
    bool finished = false;
    int added = 0, r;
    while (!finished && (r = broadcast_fill_chunk(db, id, 7, "scheduled", &finished)) >= 0)
        added += r;
    CHECK(finished);
    CHECK_INT(added, 45);
    CHECK(broadcast_get(db, id, &b) == DB_FOUND);
    CHECK_STR(b.state, "scheduled");
    CHECK_INT(b.recipients, 45);
    /* a repeat adds nothing; the schema refuses a second row for one volunteer */
    CHECK(broadcast_add_recipient(db, id, 1, NULL));
    CHECK(!db_run(db, "INSERT INTO broadcast_recipients (broadcast_id, volunteer_id) VALUES (?, 1)",
                  "i", id));
    CHECK(broadcast_add_recipient(db, id, 0, "+37129000001"));
    CHECK(broadcast_add_recipient(db, id, 0, "+37129000001"));
    CHECK_INT(test_int(db, 0, "SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = ?", "i", id), 46);
    /* erasing that number (DZĒST) takes it off the pending list */
    CHECK(db_exec(db, "INSERT INTO volunteers (number, created_at) VALUES ('+37129000001', 0)"));
    CHECK(db_exec(db, "UPDATE volunteers SET number = 'erased:abc', erased_at = 1 WHERE number = '+37129000001'"));
    CHECK_INT(test_int(db, 0, "SELECT count(*) FROM broadcast_recipients WHERE number IS NOT NULL", ""), 0);
    CHECK_INT(test_int(db, 0, "SELECT count(*) FROM broadcast_recipients WHERE reason = 'erased'", ""), 1);
    struct broadcast_counts c;
    CHECK(broadcast_counts(db, id, &c));
    CHECK_INT(c.pending, 45);
    CHECK_INT(c.skipped, 1);
    CHECK(broadcast_cancel(db, id, 5));
    CHECK(broadcast_get(db, id, &b) == DB_FOUND);
    CHECK_STR(b.state, "cancelled");
    db_close(db);
}
