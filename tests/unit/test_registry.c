/* test_registry.c: the registry uploader's pure parts and its queue: backoff and
 * Retry-After, the loopback rule for http://, the triggers on plantings, records
 * (pseudonyms, no phone numbers), applying an answer, and the upload lock. */
#include "tests/test.h"

#include "db/registry.h"
#include "gateway/base/pseudonym.h"
#include "gateway/registry/registry_backoff.h"
#include "gateway/registry/registry_batch.h"
#include "gateway/registry/registry_config.h"
#include "gateway/registry/registry_lock.h"
#include "parsers/lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

TEST(registry_backoff_schedule)
{
    CHECK_INT(registry_backoff_delay(1, 0.0), 5);
    CHECK(registry_backoff_delay(1, 0.999) <= 10);
    CHECK_INT(registry_backoff_delay(2, 0.0), 10);
    CHECK_INT(registry_backoff_delay(3, 0.0), 20);
    CHECK(registry_backoff_delay(7, 0.999) <= 640);
    for (int a = 8; a < 200; a += 17) {
        long d = registry_backoff_delay(a, registry_jitter());
        CHECK(d >= REGISTRY_BACKOFF_CAP / 2 && d <= REGISTRY_BACKOFF_CAP);
    }
    for (int i = 0; i < 100; i++) {
        double u = registry_jitter();
        CHECK(u >= 0 && u < 1);
    }
}

TEST(registry_retry_after_values)
{
    CHECK_INT(registry_retry_after("120", 1000), 120);
    CHECK_INT(registry_retry_after(" 7 ", 1000), 7);
    CHECK_INT(registry_retry_after("0", 1000), 1);
    CHECK_INT(registry_retry_after("99999999", 1000), REGISTRY_RETRY_AFTER_MAX);
    CHECK_INT(registry_retry_after("soon", 1000), -1);
    CHECK_INT(registry_retry_after("12abc", 1000), -1);
    CHECK_INT(registry_retry_after(NULL, 1000), -1);
    /* Wed, 21 Oct 2015 07:28:00 GMT = 1445412480 */
    CHECK_INT(registry_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 - 30), 30);
    CHECK_INT(registry_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 + 30), 1);
}

TEST(registry_url_rules)
{
    char err[256];
    CHECK(registry_url_allowed("https://registry.example.lv/v1", err, sizeof err));
    CHECK(registry_url_allowed("http://127.0.0.1:8080/v1", err, sizeof err));
    CHECK(registry_url_allowed("http://127.3.4.5/", err, sizeof err));
    CHECK(registry_url_allowed("http://[::1]:9/x", err, sizeof err));
    CHECK(registry_url_allowed("http://localhost/x", err, sizeof err));
    CHECK(!registry_url_allowed("http://10.0.0.1/x", err, sizeof err));
    CHECK(strstr(err, "only https") != NULL);
    CHECK(!registry_url_allowed("http://registry.example.lv/x", err, sizeof err));
    CHECK(!registry_url_allowed("ftp://127.0.0.1/x", err, sizeof err));
    CHECK(!registry_url_allowed("not a url", err, sizeof err));
}

TEST(registry_uuid_shape)
{
    char a[37], b[37];
    registry_uuid(a);
    registry_uuid(b);
    CHECK_INT(strlen(a), 36);
    CHECK(a[14] == '4');
    CHECK(strchr("89ab", a[19]) != NULL);
    CHECK(strcmp(a, b) != 0);
}

static struct db *fresh_db(const char *name)
{
    char path[512], err[512] = "";
    snprintf(path, sizeof path, "%s/%s.db", test_tmpdir(), name);
    remove(path);
    struct db *db = db_open(path, false, err, sizeof err);
    if (!db)
        test_fail(__FILE__, __LINE__, "db_open: %s", err);
    return db;
}

static void add_planting(struct db *db, const char *uuid, const char *status)
{
    db_run(db, "INSERT OR IGNORE INTO volunteers (id, number, created_at) VALUES (1, '+37126000001', 1)",
           "");
    CHECK(db_run(db,
                 "INSERT INTO plantings (uuid, volunteer_id, species, count, place, municipality,"
                 " planted_on, reported_at, channel, status, status_at)"
                 " VALUES (?, 1, 'quercus_robur', 12, 'Cēsis', 'Cēsu novads', '2026-05-01',"
                 " 1780000000, 'sms', ?, 1780000000)",
                 "tt", uuid, status));
}

static int64_t queued(struct db *db, const char *uuid, const char *op, int waiting)
{
    return test_int(db, -1,
                     "SELECT count(*) FROM registry_records WHERE uuid = ? AND op = ?"
                     " AND (batch_id IS NULL) = ?", "ttI", uuid, op, waiting);
}

static void set_status(struct db *db, const char *uuid, const char *status)
{
    CHECK(db_run(db, "UPDATE plantings SET status = ? WHERE uuid = ?", "tt", status, uuid));
}

#define U1 "11111111-1111-4111-8111-111111111111"
#define U2 "22222222-2222-4222-8222-222222222222"
#define U3 "33333333-3333-4333-8333-333333333333"

TEST(registry_triggers_queue_plantings)
{
    struct db *db = fresh_db("triggers");
    if (!db)
        return;
    add_planting(db, U1, "accepted");
    CHECK_INT(queued(db, U1, "upsert", 1), 1);
    add_planting(db, U2, "pending_review");
    CHECK_INT(queued(db, U2, "upsert", 1), 0);
    set_status(db, U2, "accepted");                 /* approved */
    CHECK_INT(queued(db, U2, "upsert", 1), 1);
    add_planting(db, U3, "accepted");
    set_status(db, U3, "cancelled");                /* cancelled before it left */
    CHECK_INT(test_int(db, -1, "SELECT count(*) FROM registry_records WHERE uuid = ?", "t", U3), 0);
    db_close(db);
}

static const char *the_key = "unit-test-secret";

static struct registry_config test_config(void)
{
    struct registry_config rc;
    memset(&rc, 0, sizeof rc);
    snprintf(rc.secret, sizeof rc.secret, "%s", the_key);
    snprintf(rc.gateway_id, sizeof rc.gateway_id, "unit");
    snprintf(rc.timezone, sizeof rc.timezone, "Europe/Riga");
    rc.batch_size = 100;
    return rc;
}

TEST(registry_batch_fixes_records_and_cancel_follows)
{
    struct db *db = fresh_db("batch");
    if (!db)
        return;
    char err[256];
    struct lexicon *lex = lexicon_load("config/species.tsv", "config/places.tsv", err, sizeof err);
    CHECK(lex != NULL);
    struct registry_config rc = test_config();
    add_planting(db, U1, "accepted");
    add_planting(db, U2, "accepted");
    char batch[40] = "";
    CHECK_INT(registry_batch_make(db, lex, &rc, 1780000100, batch), 2);
    CHECK_INT(registry_batch_make(db, lex, &rc, 1780000100, batch), 0); /* all taken */
    struct registry_batch b;
    CHECK(registry_open_batch(db, &b) == DB_FOUND);
    CHECK_INT(b.nrecords, 2);

    size_t len = 0;
    int n = 0;
    char *body = registry_batch_body(db, &rc, b.batch_id, 1780000200, &len, &n);
    CHECK(body != NULL);
    CHECK_INT(n, 2);
    char pseud[65];
    pseudonym_hmac(the_key, strlen(the_key), "+37126000001", pseud);
    if (body) {
        CHECK(strstr(body, "26000001") == NULL);    /* never a phone number */
        CHECK(strstr(body, pseud) != NULL);
        CHECK(strstr(body, "\"sent_at\":\"2026-05-28T20:30:00Z\"") != NULL);
        CHECK(strstr(body, "\"latin\":\"Quercus robur\"") != NULL);
        CHECK(strstr(body, "\"atvk\":\"0026000\"") != NULL);
        CHECK(strstr(body, "\"lat\":57.31188") != NULL);
        CHECK(strstr(body, "\"op\":\"upsert\"") != NULL);
        CHECK(strstr(body, b.batch_id) != NULL);
    }
    free(body);

    /* a cancel of a batched upsert is queued after it, even before the answer */
    set_status(db, U1, "cancelled");
    CHECK_INT(queued(db, U1, "cancel", 1), 1);

    /* the erased volunteer's cancel carries the upsert's pseudonym */
    db_run(db, "UPDATE volunteers SET number = 'erased:0f0f' WHERE id = 1", "");

    struct registry_applied ap;
    char answer[512];
    snprintf(answer, sizeof answer,
             "{\"results\":[{\"id\":\"%s\",\"status\":\"accepted\"},"
             "{\"id\":\"%s\",\"status\":\"rejected\",\"reason\":\"too many\"},"
             "{\"id\":\"%s\",\"status\":\"accepted\"}]}", U1, U2, U3);
    CHECK(registry_batch_apply(db, b.batch_id, answer, 1780000300, &ap, err, sizeof err));
    CHECK_INT(ap.accepted, 1);
    CHECK_INT(ap.rejected, 1);
    CHECK_INT(ap.unknown, 1);                         /* U3 is not in this batch */
    CHECK(ap.closed);
    CHECK(registry_open_batch(db, &b) == DB_NONE);
    /* a repeated answer changes nothing: every result it names is final already */
    CHECK(registry_batch_apply(db, b.batch_id, answer, 1780000300, &ap, err, sizeof err));
    CHECK_INT(ap.accepted, 0);
    CHECK_INT(ap.rejected, 0);
    CHECK_INT(ap.duplicate, 0);
    CHECK_INT(ap.unknown, 3);
    /* an answer that is not JSON is refused */
    CHECK(!registry_batch_apply(db, b.batch_id, "not json", 1780000300, &ap, err, sizeof err));

    char batch2[40];
    CHECK_INT(registry_batch_make(db, lex, &rc, 1780000400, batch2), 1);
    CHECK_INT(test_int(db, 0, "SELECT count(DISTINCT pseudonym) FROM registry_records WHERE uuid = ?",
                     "t", U1), 1);
    struct registry_counts c;
    CHECK(registry_counts(db, &c));
    CHECK_INT(c.accepted, 1);
    CHECK_INT(c.rejected, 1);
    CHECK_INT(c.in_batches, 1);
    CHECK_INT(c.waiting, 0);
    lexicon_free(lex);
    db_close(db);
}

TEST(registry_partial_answer_keeps_batch_open)
{
    struct db *db = fresh_db("partial");
    if (!db)
        return;
    struct registry_config rc = test_config();
    add_planting(db, U1, "accepted");
    add_planting(db, U2, "accepted");
    char batch[40], err[256];
    CHECK_INT(registry_batch_make(db, NULL, &rc, 1780000100, batch), 2);
    struct registry_applied ap;
    char answer[256];
    snprintf(answer, sizeof answer, "{\"results\":[{\"id\":\"%s\",\"status\":\"duplicate\"}]}", U1);
    CHECK(registry_batch_apply(db, batch, answer, 1780000300, &ap, err, sizeof err));
    CHECK_INT(ap.duplicate, 1);
    CHECK_INT(ap.unnamed, 1);
    CHECK(!ap.closed);
    struct registry_batch b;
    CHECK(registry_open_batch(db, &b) == DB_FOUND);
    CHECK_STR(b.batch_id, batch);
    CHECK_INT(b.nrecords, 1);
    /* unknown statuses do not count as an answer */
    snprintf(answer, sizeof answer, "{\"results\":[{\"id\":\"%s\",\"status\":\"maybe\"}]}", U2);
    CHECK(registry_batch_apply(db, batch, answer, 1780000300, &ap, err, sizeof err));
    CHECK_INT(ap.unnamed, 1);
    CHECK(!registry_batch_apply(db, batch, "{\"results\": 3}", 1780000300, &ap, err, sizeof err));
    db_close(db);
}

TEST(registry_lock_one_uploader)
{
    struct db *db = fresh_db("lock");
    if (!db)
        return;
    char who[160];
    CHECK(registry_lock_take(db, "daemon", 1000, who, sizeof who));
    CHECK(registry_lock_take(db, "daemon", 1001, who, sizeof who));   /* renewal */
    CHECK(!registry_lock_take(db, "flush", 1002, who, sizeof who));   /* live holder */
    CHECK(strstr(who, ":daemon") != NULL);
    registry_lock_release(db, "daemon");
    CHECK(registry_lock_take(db, "flush", 1003, who, sizeof who));
    registry_lock_release(db, "flush");
    /* a holder on this host whose process is gone is replaced */
    struct registry_lock_row l;
    CHECK(registry_lock_read(db, &l) == DB_FOUND);
    CHECK_STR(l.holder, "");
    char host[64];
    gethostname(host, sizeof host);
    CHECK(registry_lock_swap(db, "", "dead:999999999:daemon", host, 999999999, 99999999999LL));
    CHECK(registry_lock_take(db, "flush", 1004, who, sizeof who));
    registry_lock_release(db, "flush");
    /* a holder elsewhere keeps it until its lease ends */
    CHECK(registry_lock_swap(db, "", "other:1:daemon", "other-host", 1, 2000));
    CHECK(!registry_lock_take(db, "flush", 1999, who, sizeof who));
    CHECK(registry_lock_take(db, "flush", 2000, who, sizeof who));
    db_close(db);
}
