/* test_modem_parts.c: long texts joined in the database: parts in any order,
 * several groups at once, a part read twice, a missing part after the timeout,
 * and a reused reference once the earlier text is done. */
#include "db/modem_parts.h"
#include "tests/test.h"

#include <stdio.h>
#include <stdlib.h>

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

/* an inbound row for parts to point at */
static int64_t inbound_row(struct db *db, const char *key)
{
    CHECK(db_run(db, "INSERT INTO inbound (channel, transport, dedupe_key, sender, text,"
                     " received_at) VALUES ('sms', 'gammu0', ?, '+37126000001', x'41', 1)",
                 "t", key));
    return db_last_id(db);
}

static void add(struct db *db, const char *sender, int ref, int part, const char *text,
                time_t sent, time_t now, bool want_dup)
{
    bool dup = !want_dup;
    CHECK(parts_add(db, "gammu0", sender, ref, 3, part, text, strlen(text), sent, now, &dup));
    CHECK(dup == want_dup);
}

TEST(modem_parts_join_in_order_from_concurrent_groups)
{
    struct db *db = open_db("parts1.db");
    if (!db)
        return;
    add(db, "+37126000001", 7, 3, "gala.", 100, 1000, false);
    add(db, "+37126000002", 7, 1, "Otrs ", 100, 1000, false);
    add(db, "+37126000001", 7, 1, "Sākums ", 100, 1000, false);
    add(db, "+37126000001", 7, 1, "Sākums ", 100, 1001, true);   /* read twice */
    struct parts_group g[4];
    CHECK_INT(parts_due(db, "gammu0", 0, g, 4), 0);              /* nothing complete yet */
    add(db, "+37126000001", 7, 2, "vidus ", 100, 1002, false);
    int n = parts_due(db, "gammu0", 0, g, 4);
    CHECK_INT(n, 1);
    CHECK_STR(g[0].sender, "+37126000001");
    CHECK_INT(g[0].have, 3);
    char list[64];
    size_t len = 0;
    char *text = parts_join(db, &g[0], &len, list, sizeof list);
    CHECK_STR(text, "Sākums vidus gala.");
    CHECK_INT(len, strlen("Sākums vidus gala."));
    CHECK_STR(list, "1,2,3");
    free(text);
    CHECK(parts_done(db, &g[0], inbound_row(db, "k1"), 1003));
    CHECK_INT(parts_due(db, "gammu0", 0, g, 4), 0);
    /* a late re-read of a part of the finished text is still recognised */
    add(db, "+37126000001", 7, 2, "vidus ", 100, 1004, true);
    /* the same reference reused later by the same phone is a new text */
    add(db, "+37126000001", 7, 1, "Jauns ", 5000, 5000, false);
    CHECK_INT(parts_waiting(db), 2);   /* the other sender's part and the new one */
    db_close(db);
}

TEST(modem_parts_incomplete_group_is_due_after_the_timeout)
{
    struct db *db = open_db("parts2.db");
    if (!db)
        return;
    add(db, "+37126000003", 200, 1, "Pirmā daļa ", 100, 1000, false);
    add(db, "+37126000003", 200, 3, "trešā daļa", 100, 1010, false);
    struct parts_group g[2];
    CHECK_INT(parts_due(db, "gammu0", 1000, g, 2), 0);   /* cutoff: first part at 1000 */
    CHECK_INT(parts_due(db, "gammu0", 1001, g, 2), 1);
    CHECK_INT(g[0].have, 2);
    CHECK_INT(g[0].total, 3);
    CHECK_INT(parts_due(db, "gammu1", 1001, g, 2), 0);   /* only the modem's own groups */
    char list[64];
    size_t len;
    char *text = parts_join(db, &g[0], &len, list, sizeof list);
    CHECK_STR(text, "Pirmā daļa trešā daļa");
    CHECK_STR(list, "1,3");
    free(text);
    CHECK(parts_done(db, &g[0], inbound_row(db, "k2"), 2000));
    CHECK_INT(parts_prune(db, 1999), 0);
    CHECK_INT(parts_prune(db, 2001), 2);
    db_close(db);
}
