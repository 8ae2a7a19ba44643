/* test_db_faults.c: a database error is never an answer. Each read in db/ (and
 * review_load_report in core) runs against a real SQLite file while
 * sqlite3_progress_handler interrupts it after 0, 1, 2, ... VM steps: before
 * the first row, between rows, after the last. Every cut run must report the
 * failure (DB_ERROR, -1, false), never "not found", 0 or a shorter list; the
 * first budget large enough gives the whole, right answer. */
#include "tests/test.h"

#include "db/askback.h"
#include "db/broadcast.h"
#include "db/inbound.h"
#include "db/modem_aside.h"
#include "db/modem_parts.h"
#include "db/modem_status.h"
#include "db/outbox.h"
#include "db/plantings.h"
#include "db/registry.h"
#include "db/ussd_store.h"
#include "db/volunteers.h"
#include "gateway/core/review.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NUM "+37120000001"
#define MUN "Cēsu novads"

/* ---- the fault: a statement interrupted once its budget of VM steps is spent ---- */

static int budget;
static bool txn_control;   /* the statement running is BEGIN, COMMIT or ROLLBACK */

/* Transaction control is left alone: an interrupt can end a COMMIT after it
 * committed (reported as a failure), which only this way of making faults does;
 * the reads and writes between are what is cut. */
static int traced(unsigned type, void *ctx, void *stmt, void *sql)
{
    (void)type;
    (void)ctx;
    (void)stmt;
    const char *s = sql;
    txn_control = !strncmp(s, "BEGIN", 5) || !strncmp(s, "COMMIT", 6) || !strncmp(s, "ROLLBACK", 8);
    return 0;
}

/* one interruption, when the budget is spent: what runs after it (a ROLLBACK, the
 * next statement) runs as it would after a passing fault */
static int spend(void *arg)
{
    (void)arg;
    return !txn_control && budget-- == 0;
}

static void arm(struct db *db, int steps)
{
    budget = steps;
    txn_control = false;
    sqlite3_trace_v2(db_handle(db), SQLITE_TRACE_STMT, traced, NULL);
    sqlite3_progress_handler(db_handle(db), 1, spend, NULL);
}

static void disarm(struct db *db)
{
    sqlite3_progress_handler(db_handle(db), 0, NULL, NULL);
    sqlite3_trace_v2(db_handle(db), 0, NULL, NULL);
}

/* the interrupted reads are logged as errors: not shown while a sweep runs */
static int saved_stderr = -1;

static void quiet(void)
{
    fflush(stderr);
    saved_stderr = dup(2);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
        dup2(null, 2);
        close(null);
    }
}

static void loud(void)
{
    fflush(stderr);
    if (saved_stderr >= 0) {
        dup2(saved_stderr, 2);
        close(saved_stderr);
        saved_stderr = -1;
    }
}

/* Runs CALL with a budget of 0, 1, 2, ... steps until ANSWER holds (the whole,
 * right answer). Each run before that must satisfy FAILED. At least one run must
 * have been cut, or the fault never reached the read. */
#define SWEEP(db, CALL, ANSWER, FAILED)                                                     \
    do {                                                                                     \
        int cut_ = 0, k_;                                                                    \
        for (k_ = 0; k_ < 20000; k_++) {                                                     \
            arm(db, k_);                                                                     \
            CALL;                                                                            \
            disarm(db);                                                                      \
            if (ANSWER)                                                                      \
                break;                                                                       \
            if (!(FAILED)) {                                                                 \
                test_fail(__FILE__, __LINE__, "cut after %d steps: neither the answer nor"   \
                          " an error (%s) [%s]", k_, #FAILED, sqlite3_errmsg(db_handle(db)));  \
                break;                                                                       \
            }                                                                                \
            cut_++;                                                                          \
        }                                                                                    \
        if (k_ == 20000)                                                                     \
            test_fail(__FILE__, __LINE__, "never the answer (%s)", #ANSWER);                 \
        if (cut_ == 0)                                                                       \
            test_fail(__FILE__, __LINE__, "no cut made the read fail");                      \
    } while (0)

/* ---- the data every read below finds ---- */

struct seed {
    struct db *db;
    int64_t vol, in_report, in_pending, planting, bc[3], out_reply;
    char batch[40];
};

static void plant(struct db *db, int64_t vol, int64_t inbound, int item, const char *species,
                  long count, const char *status, int review_no)
{
    struct planting p;
    memset(&p, 0, sizeof p);
    snprintf(p.uuid, sizeof p.uuid, "00000000-0000-4000-8000-%012lld",
             (long long)(inbound * 10 + item));
    p.volunteer_id = vol;
    p.inbound_id = inbound;
    p.item_no = item;
    snprintf(p.species, sizeof p.species, "%s", species);
    p.count = count;
    snprintf(p.place, sizeof p.place, "Cēsis");
    snprintf(p.place_type, sizeof p.place_type, "pilsēta");
    snprintf(p.municipality, sizeof p.municipality, MUN);
    p.reported_at = 1000 + inbound;
    snprintf(p.channel, sizeof p.channel, "sms");
    snprintf(p.status, sizeof p.status, "%s", status);
    p.review_no = review_no;
    CHECK(planting_insert(db, &p));
    if (!strcmp(status, "accepted")) {
        CHECK(points_add(db, vol, p.id, count, "trees", 1000));
        CHECK(totals_add(db, MUN, count));
    }
}

static int64_t text_in(struct db *db, const char *key, time_t at)
{
    int64_t id = 0;
    bool existed = false;
    CHECK(inbound_insert(db, key, "sms", "gammu0", key, NUM, NUM, "x", 1, at, NULL, &id,
                         &existed));
    return id;
}

static void seed_broadcasts(struct seed *s)
{
    for (int i = 0; i < 3; i++) {
        struct broadcast_row b;
        memset(&b, 0, sizeof b);
        snprintf(b.name, sizeof b.name, "b%d", i);
        snprintf(b.segment, sizeof b.segment, "file:x.csv");
        snprintf(b.seg_kind, sizeof b.seg_kind, "file");
        snprintf(b.text, sizeof b.text, "Sveiki {points}");
        snprintf(b.state, sizeof b.state, "scheduled");
        snprintf(b.created_by, sizeof b.created_by, "test");
        b.recipients = 3;
        b.parts = 3;
        s->bc[i] = broadcast_insert(s->db, &b);
        CHECK(s->bc[i] > 0);
        CHECK(broadcast_add_recipient(s->db, s->bc[i], s->vol, NULL));
        CHECK(broadcast_add_recipient(s->db, s->bc[i], 0, "+37120000002"));
        CHECK(broadcast_add_recipient(s->db, s->bc[i], 0, "+37120000003"));
    }
    for (int i = 0; i < 2; i++)
        CHECK(outbox_enqueue(s->db, i ? "+37120000003" : "+37120000002", "copy", PRIO_BROADCAST, "broadcast", 0,
                             s->bc[0], 900) > 0);
}

static void seed_queue(struct seed *s)
{
    for (int i = 0; i < 3; i++)
        CHECK((s->out_reply = outbox_enqueue(s->db, NUM, "reply", PRIO_REPLY, "reply", 0, 0,
                                             1000 + i)) > 0);
    int64_t sent[2];
    for (int i = 0; i < 2; i++)
        sent[i] = outbox_enqueue(s->db, "+37120000009", "sent", PRIO_STAFF, "notice", 0, 0, 900);
    const char *refs[2] = { "11", "12" };
    CHECK(modem_sent_record_many(s->db, sent, refs, 2, 950));
    CHECK(outbox_mark_failed(s->db, s->out_reply, "no network", 2000, 1500));
    CHECK(db_run(s->db, "UPDATE outbound SET attempts = 1 WHERE id = ?", "i", s->out_reply));
    CHECK(db_run(s->db, "UPDATE outbound SET transport = 'gammu0' WHERE state = 'sent'", ""));
}

static void seed_modems(struct seed *s)
{
    CHECK(modem_status_state(s->db, "gammu0", "/dev/ttyUSB0", "up", NULL, 1000));
    CHECK(modem_status_state(s->db, "gammu1", "/dev/ttyUSB1", "down", "gone", 1000));
    CHECK(modem_status_contact(s->db, "gammu0", 1000));
    CHECK(modem_status_balance(s->db, "gammu0", "5.00 EUR", false, 1234));
    bool dup = false;
    for (int part = 1; part <= 3; part++)
        CHECK(parts_add(s->db, "gammu0", NUM, 9, 3, part, "abc", 3, 900, 900 + part, &dup));
    struct aside_msg m = { .modem = "gammu0", .kind = "other", .sender = "", .pdu = "00AA",
                           .decoded = "{}", .sent_at = 1, .received_at = 2 };
    CHECK(aside_add(s->db, &m, NULL));
    m.pdu = "00BB";
    CHECK(aside_add(s->db, &m, NULL));
}

static void seed_registry(struct seed *s)
{
    /* the three accepted plantings queued three records (triggers); two go in a batch */
    snprintf(s->batch, sizeof s->batch, "batch-1");
    CHECK(registry_batch_insert(s->db, s->batch, 1100));
    struct registry_row rows[8];
    int n = registry_waiting(s->db, 8, rows);
    CHECK_INT(n, 3);
    for (int i = 0; i < 2 && i < n; i++)
        CHECK(registry_record_fix(s->db, rows[i].rec_id, s->batch, "pseudo", "{\"r\":1}"));
    CHECK(db_run(s->db, "UPDATE registry_records SET state = 'rejected', reason = 'bad',"
                        " done_at = 1200 WHERE batch_id = ?", "t", s->batch));
    CHECK(db_run(s->db, "UPDATE registry_records SET state = 'queued' WHERE id ="
                        " (SELECT min(id) FROM registry_records WHERE batch_id = ?)", "t",
                 s->batch));
    CHECK(registry_state_set(s->db, "last_success_at", "2026-12-01T10:00:00Z"));
    CHECK(registry_lock_swap(s->db, "", "host:1:daemon", "host", 1, 5000));
}

static void seed_ussd(struct seed *s)
{
    struct ussd_session u;
    memset(&u, 0, sizeof u);
    snprintf(u.id, sizeof u.id, "sess-1");
    snprintf(u.phone, sizeof u.phone, NUM);
    snprintf(u.lang, sizeof u.lang, "ru");
    snprintf(u.trail, sizeof u.trail, "1*2");
    u.step = USSD_COUNT;
    u.created_at = u.updated_at = 1000;
    char buf[64];
    CHECK(ussd_commit(s->db, &u, "1*2", "CON Cik?", buf, sizeof buf) == USSD_COMMIT_WON);
}

static bool seed(struct seed *s, const char *name)
{
    char path[512], err[256] = "";
    snprintf(path, sizeof path, "%s/%s", test_tmpdir(), name);
    remove(path);
    memset(s, 0, sizeof *s);
    s->db = db_open(path, false, err, sizeof err);
    if (!s->db) {
        test_fail(__FILE__, __LINE__, "db_open: %s", err);
        return false;
    }
    struct volunteer v;
    CHECK(volunteer_get_or_create(s->db, NUM, "ru", 1000, &v));
    CHECK(volunteer_set_name(s->db, v.id, "Ilze"));
    s->vol = v.id;
    s->in_report = text_in(s->db, "k1", 1001);
    s->in_pending = text_in(s->db, "k2", 1002);
    text_in(s->db, "k3", 1003);
    CHECK(inbound_mark_handled(s->db, s->in_report, "delete_asked", s->vol, 1001));
    plant(s->db, s->vol, s->in_report, 0, "ozols", 10, "accepted", 0);
    plant(s->db, s->vol, s->in_report, 1, "liepa", 20, "accepted", 0);
    plant(s->db, s->vol, s->in_report, 2, "bērzs", 30, "accepted", 0);
    plant(s->db, s->vol, s->in_pending, 0, "ozols", 500, "pending_review", 7);
    plant(s->db, s->vol, s->in_pending, 1, "liepa", 600, "pending_review", 0);
    CHECK(points_add(s->db, s->vol, 0, 5, "first_report", 1001));
    CHECK(db_int(s->db, &s->planting, "SELECT id FROM plantings WHERE uuid ="
                                      " '00000000-0000-4000-8000-000000000011'", "") == DB_FOUND);
    CHECK(askback_open(s->db, s->vol, s->in_pending, "count", 0, "500 ozoli", 1002, 99999));
    seed_broadcasts(s);
    seed_queue(s);
    seed_modems(s);
    seed_registry(s);
    seed_ussd(s);
    quiet();
    return true;
}

static void done(struct seed *s)
{
    loud();
    db_close(s->db);
}

/* ---- plantings, points and totals ---- */

TEST(db_fault_plantings_one_row_loaders)
{
    struct seed s;
    if (!seed(&s, "fault_plantings1.db"))
        return;
    struct planting p;
    enum db_status st;
    SWEEP(s.db, st = planting_by_id(s.db, s.planting, &p),
          st == DB_FOUND && !strcmp(p.species, "liepa"), st == DB_ERROR);
    SWEEP(s.db, st = planting_by_review_no(s.db, 7, &p),
          st == DB_FOUND && p.inbound_id == s.in_pending, st == DB_ERROR);
    int no = 0;
    SWEEP(s.db, st = plantings_next_review_no(s.db, &no), st == DB_FOUND && no == 8,
          st == DB_ERROR);
    SWEEP(s.db, st = plantings_has_accepted(s.db, s.vol), st == DB_FOUND, st == DB_ERROR);
    SWEEP(s.db, st = plantings_recent_same(s.db, s.vol, 0, 0, "bērzs=30,liepa=20,ozols=10", "Cēsis"),
          st == DB_FOUND, st == DB_ERROR);
    int64_t n = -1;
    SWEEP(s.db, st = plantings_count_of(s.db, s.vol, &n), st == DB_FOUND && n == 5,
          st == DB_ERROR && n == -1);
    done(&s);
}

TEST(db_fault_points_and_totals_never_read_as_zero)
{
    struct seed s;
    if (!seed(&s, "fault_points.db"))
        return;
    enum db_status st;
    int64_t v = -1;
    SWEEP(s.db, st = points_total(s.db, s.vol, &v), st == DB_FOUND && v == 65,
          st == DB_ERROR && v == -1);
    v = -1;
    SWEEP(s.db, st = points_of_number(s.db, NUM, &v), st == DB_FOUND && v == 65,
          st == DB_ERROR && v == -1);
    v = -1;
    SWEEP(s.db, st = points_first_report_held(s.db, s.vol, &v), st == DB_FOUND && v == 5,
          st == DB_ERROR && v == -1);
    v = -1;
    SWEEP(s.db, st = points_of_planting(s.db, s.planting, &v), st == DB_FOUND && v == 20,
          st == DB_ERROR && v == -1);
    v = -1;
    SWEEP(s.db, st = totals_get(s.db, MUN, &v), st == DB_FOUND && v == 60,
          st == DB_ERROR && v == -1);
    v = -1;
    SWEEP(s.db, st = totals_get(s.db, "", &v), st == DB_FOUND && v == 60,
          st == DB_ERROR && v == -1);
    done(&s);
}

TEST(db_fault_plantings_row_loops)
{
    struct seed s;
    if (!seed(&s, "fault_plantings2.db"))
        return;
    struct planting pl[8];
    int n;
    SWEEP(s.db, n = plantings_last_report(s.db, s.vol, 0, pl, 8),
          n == 2 && pl[0].count == 500 && pl[1].count == 600, n == -1);
    int64_t ids[8];
    SWEEP(s.db, n = plantings_pending_of_report(s.db, s.in_pending, ids, 8), n == 2, n == -1);
    done(&s);
}

/* rows a walk's callback saw; the most any cut run saw (> 0: cut between rows) */
struct walk { int rows, max_cut_rows; };

static bool cut_seen(struct walk *w)
{
    if (w->rows > w->max_cut_rows)
        w->max_cut_rows = w->rows;
    return true;
}

static bool export_seen(void *ctx, const struct planting_export *e)
{
    (void)e;
    ((struct walk *)ctx)->rows++;
    return true;
}

TEST(db_fault_plantings_accepted_each)
{
    struct seed s;
    if (!seed(&s, "fault_export.db"))
        return;
    struct walk w = { 0, 0 };
    enum db_status st;
    SWEEP(s.db, (w.rows = 0, st = plantings_accepted_each(s.db, export_seen, &w)),
          st == DB_DONE && w.rows == 3,
          st == DB_ERROR && cut_seen(&w));
    CHECK(w.max_cut_rows > 0);  /* some runs failed after rows were read */
    done(&s);
}

TEST(db_fault_review_load_report)
{
    struct seed s;
    if (!seed(&s, "fault_review.db"))
        return;
    struct planting pl[8];
    int n;
    SWEEP(s.db, (memset(pl, 0, sizeof pl), n = review_load_report(s.db, 7, pl, 8)),
          n == 2 && pl[0].count == 500 && pl[1].count == 600 && !strcmp(pl[1].species, "liepa"),
          n == -1);
    /* no report under 8: "none" only when the read went through */
    SWEEP(s.db, n = review_load_report(s.db, 8, pl, 8), n == 0, n == -1);
    done(&s);
}

/* ---- volunteers, inbound, askback ---- */

TEST(db_fault_volunteers_inbound_askback)
{
    struct seed s;
    if (!seed(&s, "fault_vol.db"))
        return;
    struct volunteer v;
    enum db_status st;
    SWEEP(s.db, st = volunteer_find(s.db, NUM, &v), st == DB_FOUND && v.id == s.vol,
          st == DB_ERROR);
    SWEEP(s.db, st = volunteer_by_id(s.db, s.vol, &v), st == DB_FOUND && !strcmp(v.name, "Ilze"),
          st == DB_ERROR);
    struct inbound_row row;
    SWEEP(s.db, st = inbound_load(s.db, s.in_report, &row),
          st == DB_FOUND && (inbound_row_free(&row), true), st == DB_ERROR && !row.text);
    int64_t ids[8];
    int n;
    SWEEP(s.db, n = inbound_unhandled(s.db, ids, 8), n == 2 && ids[1] > ids[0], n == -1);
    int64_t c;
    SWEEP(s.db, c = inbound_count_since(s.db, NUM, 0, 5000, 1000), c == 3, c == -1);
    int64_t asked = -1;
    SWEEP(s.db, st = inbound_count_outcome(s.db, s.vol, "delete_asked", 0, 0, &asked),
          st == DB_FOUND && asked == 1, st == DB_ERROR && asked == -1);
    struct askback q;
    SWEEP(s.db, st = askback_waiting(s.db, s.vol, &q), st == DB_FOUND && q.inbound_id == s.in_pending,
          st == DB_ERROR);
    done(&s);
}

/* ---- broadcasts ---- */

static bool recipient_seen(void *ctx, const struct bc_recipient *r)
{
    (void)r;
    ((struct walk *)ctx)->rows++;
    return true;
}

TEST(db_fault_broadcast_reads)
{
    struct seed s;
    if (!seed(&s, "fault_bc.db"))
        return;
    struct broadcast_row b[4];
    enum db_status st;
    int n;
    SWEEP(s.db, st = broadcast_get(s.db, s.bc[1], &b[0]), st == DB_FOUND && !strcmp(b[0].name, "b1"),
          st == DB_ERROR);
    SWEEP(s.db, n = broadcast_recent(s.db, b, 4), n == 3 && b[2].id == s.bc[0], n == -1);
    int64_t ids[4];
    SWEEP(s.db, n = broadcast_ids_in_state(s.db, "scheduled", ids, 4), n == 3, n == -1);
    struct bc_recipient r;
    char name[64];
    SWEEP(s.db, st = broadcast_lookup_number(s.db, NUM, BC_NEED_POINTS, &r, name, sizeof name),
          st == DB_FOUND && r.points == 65 && !strcmp(r.name, "Ilze"), st == DB_ERROR);
    struct broadcast_counts c;
    bool ok;
    SWEEP(s.db, ok = broadcast_counts(s.db, s.bc[0], &c), ok && c.pending == 3 && c.queued == 2,
          !ok);
    long backlog;
    SWEEP(s.db, backlog = broadcast_backlog(s.db), backlog == 2, backlog == -1);
    done(&s);
}

TEST(db_fault_broadcast_walks)
{
    struct seed s;
    if (!seed(&s, "fault_bcwalk.db"))
        return;
    CHECK(volunteer_get_or_create(s.db, "+37120000002", "lv", 1000, &(struct volunteer){ 0 }));
    struct walk w = { 0, 0 };
    bool ok;
    struct bc_segment everyone = { "all", "", NULL, NULL, 0 };
    SWEEP(s.db, (w.rows = 0, ok = broadcast_walk_segment(s.db, &everyone, BC_NEED_POINTS | BC_NEED_MTOTAL,
                                                         NULL, recipient_seen, &w)),
          ok && w.rows == 2,
          !ok && cut_seen(&w));
    CHECK(w.max_cut_rows > 0);
    /* the live count of a filtered segment: a cut read is a failure, never a smaller count */
    struct bc_segment some = { "all", "", "[\"" MUN "\"]", "ru", 1 };
    long by[3], whole[3];
    CHECK(broadcast_count_segment(s.db, &some, whole));
    CHECK(whole[1] == 1 && whole[0] + whole[2] == 0);
    SWEEP(s.db, ok = broadcast_count_segment(s.db, &some, by),
          ok && !memcmp(by, whole, sizeof by), !ok);
    int n;
    w.max_cut_rows = 0;
    SWEEP(s.db, (w.rows = 0, n = broadcast_walk_pending(s.db, s.bc[2], 10, BC_NEED_POINTS, NULL,
                                                        recipient_seen, &w)),
          n == 3 && w.rows == 3,
          n == -1 && cut_seen(&w));
    CHECK(w.max_cut_rows > 0);
    done(&s);
}

/* ---- the outbound queue, modems, parts ---- */

TEST(db_fault_outbox_reads)
{
    struct seed s;
    if (!seed(&s, "fault_outbox.db"))
        return;
    int64_t v = -1;
    enum db_status st;
    SWEEP(s.db, v = outbox_count(s.db, "queued"), v == 5, v == -1);
    v = -1;
    SWEEP(s.db, st = outbox_replies_since(s.db, NUM, 0, &v), st == DB_FOUND && v == 3,
          st == DB_ERROR && v == -1);
    v = -1;
    SWEEP(s.db, st = outbox_parts_sent_since(s.db, "gammu0", 0, &v), st == DB_FOUND && v == 2,
          st == DB_ERROR && v == -1);
    SWEEP(s.db, st = outbox_broadcast_due(s.db, PRIO_BROADCAST, 1000), st == DB_FOUND,
          st == DB_ERROR);
    /* a claim cut short claims nothing: every due message is still there after */
    struct outbox_msg m[8];
    int n;
    SWEEP(s.db, n = outbox_claim_many(s.db, "gammu0", 5000, PRIO_BROADCAST, m, 2), n == 2,
          n == -1 && outbox_count(s.db, "sending") == 0);
    CHECK_INT(outbox_count(s.db, "sending"), 2);
    done(&s);
}

static void line_seen(void *ctx, const char *recipient, const char *text)
{
    (void)recipient;
    (void)text;
    ((struct walk *)ctx)->rows++;
}

TEST(db_fault_modem_reads)
{
    struct seed s;
    if (!seed(&s, "fault_modem.db"))
        return;
    enum db_status st;
    time_t at = -1;
    SWEEP(s.db, st = modem_status_balance_at(s.db, "gammu0", &at), st == DB_FOUND && at == 1234,
          st == DB_ERROR && at == -1);
    struct modem_row rows[4];
    int n;
    SWEEP(s.db, n = modem_status_list(s.db, rows, 4), n == 2 && !strcmp(rows[1].name, "gammu1"),
          n == -1);
    struct queue_stats q;
    bool ok;
    SWEEP(s.db, ok = modem_queue_stats(s.db, 5000, 0, &q),
          ok && q.queued == 5 && q.sent == 2 && q.retrying == 1 && q.parts_waiting == 3 &&
              !strcmp(q.retry_error, "no network"),
          !ok);
    struct walk w = { 0, 0 };
    SWEEP(s.db, (w.rows = 0, n = modem_sent_each(s.db, line_seen, &w)), n == 2 && w.rows == 2,
          n == -1 && cut_seen(&w));
    CHECK(w.max_cut_rows > 0);
    SWEEP(s.db, st = modem_status_up_since(s.db, "gammu0", 900), st == DB_FOUND, st == DB_ERROR);
    int64_t c;
    SWEEP(s.db, c = aside_count(s.db, "gammu0"), c == 2, c == -1);
    SWEEP(s.db, c = aside_count(s.db, NULL), c == 2, c == -1);
    done(&s);
}

TEST(db_fault_modem_parts_reads)
{
    struct seed s;
    if (!seed(&s, "fault_parts.db"))
        return;
    struct parts_group g[4];
    int n;
    SWEEP(s.db, n = parts_due(s.db, "gammu0", 0, g, 4), n == 1 && g[0].have == 3, n == -1);
    char list[32], *text = NULL;
    size_t len = 0;
    /* parts_join says NULL for an error and for nothing waiting alike: cut runs must not
     * hand over a shorter text */
    SWEEP(s.db, text = parts_join(s.db, &g[0], &len, list, sizeof list),
          text && len == 9 && !strcmp(list, "1,2,3") && (free(text), true), !text);
    int64_t c;
    SWEEP(s.db, c = parts_waiting(s.db), c == 3, c == -1);
    done(&s);
}

/* ---- the registry queue ---- */

static void record_seen(void *arg, const char *uuid, const char *op, const char *json)
{
    (void)uuid;
    (void)op;
    (void)json;
    ((struct walk *)arg)->rows++;
}

static void rejected_seen(void *arg, const char *uuid, const char *op, const char *reason,
                          int64_t at)
{
    (void)uuid;
    (void)op;
    (void)reason;
    (void)at;
    ((struct walk *)arg)->rows++;
}

TEST(db_fault_registry_reads)
{
    struct seed s;
    if (!seed(&s, "fault_registry.db"))
        return;
    struct registry_row rows[8];
    int n;
    SWEEP(s.db, n = registry_waiting(s.db, 8, rows), n == 1 && rows[0].planting_exists, n == -1);
    struct registry_batch b;
    enum db_status st;
    SWEEP(s.db, st = registry_open_batch(s.db, &b), st == DB_FOUND && b.nrecords == 1,
          st == DB_ERROR);
    struct walk w = { 0, 0 };
    bool ok;
    SWEEP(s.db, (w.rows = 0, ok = registry_batch_records(s.db, s.batch, record_seen, &w)),
          ok && w.rows == 2,
          !ok && cut_seen(&w));
    CHECK(w.max_cut_rows > 0);
    struct registry_counts c;
    SWEEP(s.db, ok = registry_counts(s.db, &c),
          ok && c.waiting == 1 && c.in_batches == 1 && c.rejected == 1, !ok);
    w.rows = 0;
    SWEEP(s.db, (w.rows = 0, ok = registry_rejected(s.db, 10, rejected_seen, &w)), ok && w.rows == 1,
          !ok);
    char buf[64];
    SWEEP(s.db, st = registry_state_get(s.db, "last_success_at", buf, sizeof buf),
          st == DB_FOUND && !strcmp(buf, "2026-12-01T10:00:00Z"), st == DB_ERROR && !buf[0]);
    struct registry_lock_row l;
    SWEEP(s.db, st = registry_lock_read(s.db, &l), st == DB_FOUND && !strcmp(l.holder, "host:1:daemon"),
          st == DB_ERROR);
    done(&s);
}

/* ---- USSD ---- */

TEST(db_fault_ussd_reads)
{
    struct seed s;
    if (!seed(&s, "fault_ussd.db"))
        return;
    struct ussd_session u;
    enum db_status st;
    SWEEP(s.db, st = ussd_session_load(s.db, "sess-1", &u),
          st == DB_FOUND && u.step == USSD_COUNT && !strcmp(u.trail, "1*2"), st == DB_ERROR);
    char buf[64];
    SWEEP(s.db, st = ussd_answer_get(s.db, "sess-1", "1*2", buf, sizeof buf),
          st == DB_FOUND && !strcmp(buf, "CON Cik?"), st == DB_ERROR);
    char lang[4];
    SWEEP(s.db, st = ussd_volunteer_lang(s.db, NUM, lang), st == DB_FOUND && !strcmp(lang, "ru"),
          st == DB_ERROR);
    struct ussd_standing sg = { -1, -1, -1 };
    SWEEP(s.db, st = ussd_volunteer_standing(s.db, NUM, &sg),
          st == DB_FOUND && sg.points == 65 && sg.accepted == 3 && sg.pending_reports == 1,
          st == DB_ERROR && sg.points == -1);
    /* a session owned by another number stays another's, and a failed read is no "new" */
    u.lang_changed = false;
    snprintf(u.phone, sizeof u.phone, "+37120000005");
    enum ussd_commit_result r;
    SWEEP(s.db, r = ussd_commit(s.db, &u, "1*2*3", "END x", buf, sizeof buf),
          r == USSD_COMMIT_FOREIGN, r == USSD_COMMIT_ERROR);
    done(&s);
}
