/* test_web.c: the dashboard's pieces that need no listener: HTML escaping, role
 * names, account names and passwords, yescrypt accounts with the login limits,
 * sessions with idle expiry, and the municipality points of the map. */
#include "db/db.h"
#include "db/lockout.h"
#include "gateway/web/web_accounts.h"
#include "gateway/web/web_buf.h"
#include "gateway/web/web_map.h"
#include "gateway/web/web_session.h"
#include "tests/test.h"

#include <stdio.h>
#include <string.h>

TEST(web_buf_escapes_html)
{
    struct buf b = { 0 };
    buf_esc(&b, "<script>alert('x') & \"y\"</script>");
    CHECK_STR(b.p, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    buf_free(&b);
    buf_url(&b, "/a b?c=ā");
    CHECK_STR(b.p, "%2Fa%20b%3Fc%3D%C4%81");
    buf_free(&b);
}

TEST(web_roles_and_names)
{
    CHECK_INT(web_role_parse("admin"), ROLE_ADMIN);
    CHECK_INT(web_role_parse("viewer"), ROLE_VIEWER);
    CHECK_INT(web_role_parse("Admin"), ROLE_NONE);
    CHECK_INT(web_role_parse(NULL), ROLE_NONE);
    CHECK(web_account_name_ok("anna.b-2_x"));
    CHECK(!web_account_name_ok(""));
    CHECK(!web_account_name_ok("Anna"));
    CHECK(!web_account_name_ok("a/b"));
    CHECK(!web_account_name_ok("abcdefghijabcdefghijabcdefghijabc"));
    char err[160];
    CHECK(!web_password_ok("short", err, sizeof err));
    CHECK(web_password_ok("long enough", err, sizeof err));
    char pw[21];
    CHECK(web_random_password(pw, 20));
    CHECK_INT(strlen(pw), 20);
}

static struct db *open_db(const char *name)
{
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/%s", test_tmpdir(), name);
    return db_open(path, false, err, sizeof err);
}

TEST(web_login_locks_after_ten_failures)
{
    struct db *db = open_db("web_login.db");
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK_INT(web_account_add(db, "anna", ROLE_COORDINATOR, "right password", 1000), DB_FOUND);
    CHECK_INT(web_account_add(db, "anna", ROLE_VIEWER, "other password", 1000), DB_NONE);
    struct web_account a;
    CHECK_INT(web_login_check(db, "anna", "right password", "10.0.0.1", 1000, &a), LOGIN_OK);
    CHECK_INT(a.role, ROLE_COORDINATOR);
    for (int i = 0; i < lockout_limit(LOCKOUT_WEB_ACCOUNT); i++)
        CHECK_INT(web_login_check(db, "anna", "wrong", "10.0.0.2", 1001, &a), LOGIN_BAD);
    /* the account is locked even from another address, with the right password */
    CHECK_INT(web_login_check(db, "anna", "right password", "10.0.0.3", 1002, &a), LOGIN_LOCKED);
    /* and the address for any account */
    CHECK_INT(web_account_add(db, "bob", ROLE_VIEWER, "bob password", 1000), DB_FOUND);
    CHECK_INT(web_login_check(db, "bob", "bob password", "10.0.0.2", 1003, &a), LOGIN_LOCKED);
    CHECK_INT(web_login_check(db, "bob", "bob password", "10.0.0.4", 1003, &a), LOGIN_OK);
    /* 15 minutes later both may try again */
    CHECK_INT(web_login_check(db, "anna", "right password", "10.0.0.2", 1001 + lockout_seconds(LOCKOUT_WEB_ADDRESS) + 1, &a),
              LOGIN_OK);
    /* unknown names count against the address too */
    CHECK_INT(web_login_check(db, "nobody", "x", "10.0.0.9", 5000, &a), LOGIN_BAD);
    CHECK_INT(web_account_passwd(db, "anna", "new password!", 5000), DB_FOUND);
    CHECK_INT(web_login_check(db, "anna", "right password", "10.0.0.5", 5001, &a), LOGIN_BAD);
    CHECK_INT(web_login_check(db, "anna", "new password!", "10.0.0.5", 5002, &a), LOGIN_OK);
    CHECK_INT(web_admin_count(db), 0);
    db_close(db);
}

/* names that are no account lock like accounts (issue 25, item 9); their rows
 * are capped at 1000 (the oldest go first) and forgotten a day after the last try */
TEST(web_login_unknown_names_lock_like_accounts_capped_and_expiring)
{
    struct db *db = open_db("web_unknown.db");
    CHECK(db != NULL);
    if (!db)
        return;
    struct web_account a;
    for (int i = 0; i < lockout_limit(LOCKOUT_WEB_UNKNOWN); i++)
        CHECK_INT(web_login_check(db, "ghost", "wrong", i < 5 ? "10.0.1.1" : "10.0.1.2", 1000, &a),
                  LOGIN_BAD);
    CHECK_INT(web_login_check(db, "ghost", "wrong", "10.0.1.3", 1001, &a), LOGIN_LOCKED);
    CHECK(db_begin(db));
    char name[32];
    for (int i = 0; i < 1005; i++) {
        snprintf(name, sizeof name, "n%d", i);
        CHECK(!DB_FAILED(lockout_failed(db, LOCKOUT_WEB_UNKNOWN, name, 2000 + i, NULL)));
    }
    CHECK(db_commit(db));
    CHECK(test_int(db, -1, "SELECT count(*) FROM web_login_unknown", "") <= 1001);
    CHECK_INT(test_int(db, -1, "SELECT count(*) FROM web_login_unknown WHERE name = 'n1004'", ""), 1);
    CHECK_INT(test_int(db, -1, "SELECT count(*) FROM web_login_unknown WHERE name = 'n0'", ""), 0);
    /* a day after the last try, one more failure of any name forgets the old rows */
    CHECK(!DB_FAILED(lockout_failed(db, LOCKOUT_WEB_UNKNOWN, "late", 2000 + 1005 + 86401, NULL)));
    CHECK_INT(test_int(db, -1, "SELECT count(*) FROM web_login_unknown", ""), 1);
    db_close(db);
}

TEST(web_sessions_expire_when_idle)
{
    struct db *db = open_db("web_session.db");
    CHECK(db != NULL);
    if (!db)
        return;
    CHECK_INT(web_account_add(db, "anna", ROLE_ADMIN, "right password", 1000), DB_FOUND);
    struct web_account a;
    CHECK_INT(web_account_get(db, "anna", &a), DB_FOUND);
    char cookie[WEB_TOKEN_HEX], csrf[WEB_TOKEN_HEX];
    CHECK(web_session_open(db, a.id, "10.0.0.1", 1000, cookie, csrf));
    CHECK_INT(strlen(cookie), 64);
    CHECK(strcmp(cookie, csrf) != 0);
    struct web_user u;
    CHECK_INT(web_session_find(db, cookie, 1500, 600, &u), DB_FOUND);
    CHECK_STR(u.name, "anna");
    CHECK_STR(u.csrf, csrf);
    /* used at 1500: still alive at 2000, gone after 2100 */
    CHECK_INT(web_session_find(db, cookie, 2000, 600, &u), DB_FOUND);
    CHECK_INT(web_session_find(db, cookie, 2601, 600, &u), DB_NONE);
    CHECK_INT(web_session_find(db, "not-a-cookie", 1000, 600, &u), DB_NONE);
    /* only a hash of the cookie is stored */
    CHECK_INT(test_int(db, -1, "SELECT count(*) FROM web_sessions WHERE id_hash = ?", "t", cookie), 0);
    /* removing the account ends its sessions */
    CHECK(web_session_open(db, a.id, "10.0.0.1", 3000, cookie, csrf));
    bool last = false;   /* the last admin stays, checked where it is deleted */
    CHECK_INT(web_account_remove(db, "anna", &last), DB_NONE);
    CHECK(last);
    CHECK_INT(web_session_find(db, cookie, 3001, 600, &u), DB_FOUND);
    CHECK_INT(web_account_add(db, "bert", ROLE_ADMIN, "other password", 3000), DB_FOUND);
    CHECK_INT(web_account_remove(db, "anna", &last), DB_FOUND);
    CHECK(!last);
    CHECK_INT(web_session_find(db, cookie, 3001, 600, &u), DB_NONE);
    db_close(db);
}

TEST(web_map_points_of_municipalities)
{
    struct web_map *m = web_map_load(TEST_ROOT "/config/places.tsv");
    double x, y, x2, y2;
    CHECK(web_map_point(m, "Rīga", &x, &y));
    CHECK(x > 0 && x < WEB_MAP_W && y > 0 && y < WEB_MAP_H);
    CHECK(web_map_point(m, "Daugavpils", &x2, &y2));
    CHECK(x2 > x && y2 > y);   /* south-east of Rīga */
    CHECK(!web_map_point(m, "Atlantis", &x, &y));
    web_map_free(m);
}
