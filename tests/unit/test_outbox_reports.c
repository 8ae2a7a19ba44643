/* test_outbox_reports.c: outbound claimed several at a time (each once), recorded
 * several at a time, and a delivery report that overtakes the record of its send
 * (Kannel's dlr-url racing smsbox's answer) kept and applied when the send is
 * recorded; a report nobody claims is dropped after a day. */
#include "db/modem_status.h"
#include "db/outbox.h"
#include "tests/test.h"

#include <stdio.h>

static struct db *open_db(const char *name)
{
    char path[512], err[256] = "";
    snprintf(path, sizeof path, "%s/%s", test_tmpdir(), name);
    remove(path);
    struct db *db = db_open(path, false, err, sizeof err);
    if (!db)
        test_fail(__FILE__, __LINE__, "db_open: %s", err);
    return db;
}

static char state_buf[32];
static const char *state(struct db *db, int64_t id)
{
    sqlite3_stmt *st = db_prep(db, "SELECT state FROM outbound WHERE id = ?");
    db_bind(st, "i", id);
    state_buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW)
        db_col_text(st, 0, state_buf, sizeof state_buf);
    sqlite3_reset(st);
    return state_buf;
}

TEST(outbox_claim_many_takes_each_due_text_once)
{
    struct db *db = open_db("claim_many.db");
    if (!db)
        return;
    int64_t a = outbox_enqueue(db, "+37126000001", "Paldies", PRIO_REPLY, "reply", 0, 0, 100);
    int64_t b = outbox_enqueue(db, "+37126000002", "Paldies", PRIO_REPLY, "reply", 0, 0, 100);
    int64_t c = outbox_enqueue(db, "+37126000003", "Sveiki", PRIO_BROADCAST, "broadcast", 0, 0,
                               100);
    CHECK(a && b && c);
    struct outbox_msg m[4];
    /* the broadcast is held back (max priority PRIO_STAFF): the two replies only */
    CHECK_INT(outbox_claim_many(db, "kannel0", 200, PRIO_STAFF, m, 4), 2);
    CHECK(m[0].id != m[1].id && (m[0].id == a || m[0].id == b) && (m[1].id == a || m[1].id == b));
    CHECK_INT(m[0].attempts, 1);
    CHECK_STR(state(db, a), "sending");
    CHECK_INT(outbox_claim_many(db, "kannel1", 200, PRIO_BROADCAST, m, 1), 1);
    CHECK_INT(m[0].id, c);
    CHECK_INT(outbox_claim_many(db, "kannel0", 200, PRIO_BROADCAST, m, 4), 0);
    int64_t ids[2] = { a, b };
    const char *refs[2] = { "r-a", "r-b" };
    CHECK(modem_sent_record_many(db, ids, refs, 2, 210));
    CHECK_STR(state(db, a), "sent");
    CHECK_STR(state(db, b), "sent");
    db_close(db);
}

TEST(outbox_report_before_the_send_is_recorded_is_applied_with_the_record)
{
    struct db *db = open_db("early.db");
    if (!db)
        return;
    int64_t a = outbox_enqueue(db, "+37126000001", "Paldies", PRIO_REPLY, "reply", 0, 0, 100);
    int64_t b = outbox_enqueue(db, "+37126000002", "Paldies", PRIO_REPLY, "reply", 0, 0, 100);
    int64_t c = outbox_enqueue(db, "+37126000003", "Paldies", PRIO_REPLY, "reply", 0, 0, 100);
    struct outbox_msg m[3];
    CHECK_INT(outbox_claim_many(db, "kannel0", 200, PRIO_BROADCAST, m, 3), 3);
    /* a's report comes first: kept, the row still 'sending' */
    CHECK_INT(outbox_report_or_keep(db, "kannel0", "ref-a", true, 201), 0);
    CHECK_STR(state(db, a), "sending");
    CHECK_INT(test_int(db, -1, "SELECT count(*) FROM early_reports", ""), 1);
    CHECK(modem_sent_record(db, a, "ref-a", 202));
    CHECK_STR(state(db, a), "delivered");
    CHECK_INT(test_int(db, -1, "SELECT count(*) FROM early_reports", ""), 0);
    /* an undelivered report before the record */
    CHECK_INT(outbox_report_or_keep(db, "kannel0", "ref-b", false, 203), 0);
    CHECK(modem_sent_record(db, b, "ref-b", 204));
    CHECK_STR(state(db, b), "failed");
    /* after the record, applied at once */
    CHECK(modem_sent_record(db, c, "ref-c", 205));
    CHECK_STR(state(db, c), "sent");
    CHECK_INT(outbox_report_or_keep(db, "kannel0", "ref-c", true, 206), 1);
    CHECK_STR(state(db, c), "delivered");
    CHECK_INT(test_int(db, -1, "SELECT count(*) FROM early_reports", ""), 0);
    db_close(db);
}

TEST(outbox_report_for_nothing_sent_is_dropped_after_a_day)
{
    struct db *db = open_db("early_old.db");
    if (!db)
        return;
    CHECK_INT(outbox_report_or_keep(db, "kannel0", "nobody", true, 1000), 0);
    CHECK_INT(outbox_report_or_keep(db, "kannel1", "nobody", true, 1000), 0);
    CHECK_INT(test_int(db, -1, "SELECT count(*) FROM early_reports", ""), 2);
    CHECK_INT(outbox_report_or_keep(db, "kannel0", "later", true, 1000 + 86401), 0);
    CHECK_INT(test_int(db, -1, "SELECT count(*) FROM early_reports", ""), 1);
    db_close(db);
}
