/* cmd_web.c: `talka web`: dashboard accounts from the shell. Passwords come from
 * the terminal (asked twice, not echoed) or as one line on stdin with
 * --password-stdin; they are stored only as yescrypt hashes. `bootstrap` is what
 * `make run` uses: an admin with a random password, printed once, when no
 * account exists yet. */
#include "gateway/cli/cmd_web.h"

#include "db/audit.h"
#include "gateway/base/clock.h"
#include "gateway/base/localtime.h"
#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/web/web_accounts.h"

#include <openssl/crypto.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] web user add NAME --role admin|coordinator|viewer [--password-stdin]\n"
               "       talka [-c FILE] web user list\n"
               "       talka [-c FILE] web user passwd NAME [--password-stdin]\n"
               "       talka [-c FILE] web user remove NAME\n"
               "       talka [-c FILE] web bootstrap\n\n"
               "Accounts of the staff dashboard ([web] listen, docs/dashboard.md). NAME is 1-32 of\n"
               "a-z 0-9 . _ -. The password is asked twice on the terminal, or read as one line\n"
               "from stdin with --password-stdin; at least %d characters. Roles: viewer (overview,\n"
               "health, downloads), coordinator (also moderation, broadcasts, volunteers), admin\n"
               "(also accounts and erasure). 'remove' ends the account's sessions; the last admin\n"
               "cannot be removed. 'bootstrap' creates 'admin' with a random password and prints\n"
               "it once, only when no account exists (make run uses it).\n"
               "Exit status: 0 done, 1 failed (name taken, no such account), 2 usage or\n"
               "configuration error.\n", WEB_PASSWORD_MIN);
}

static void actor(char *out, size_t len)
{
    const char *user = getenv("SUDO_USER") ? getenv("SUDO_USER") : getenv("USER");
    snprintf(out, len, "cli:%s", user ? user : "unknown");
}

static bool read_line(FILE *f, char *buf, size_t len)
{
    if (!fgets(buf, (int)len, f))
        return false;
    size_t n = strlen(buf);
    if (n && buf[n - 1] != '\n' && !feof(f))
        return false;    /* longer than the buffer */
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    return true;
}

static bool ask(FILE *tty, const char *prompt, char *buf, size_t len)
{
    struct termios old, quiet;
    int fd = fileno(tty);
    bool echo_off = tcgetattr(fd, &old) == 0;
    if (echo_off) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    fprintf(stderr, "%s", prompt);
    bool ok = read_line(tty, buf, len);
    if (echo_off)
        tcsetattr(fd, TCSAFLUSH, &old);
    fprintf(stderr, "\n");
    return ok;
}

/* the new password into pw (len bytes); 0, or the exit code */
static int get_password(bool from_stdin, char *pw, size_t len)
{
    char err[160];
    if (from_stdin) {
        if (!read_line(stdin, pw, len)) {
            fprintf(stderr, "talka web: no password line on stdin\n");
            return 2;
        }
    } else {
        FILE *tty = fopen("/dev/tty", "r+");
        if (!tty) {
            fprintf(stderr, "talka web: no terminal to ask the password on; use --password-stdin\n");
            return 2;
        }
        char again[256];
        bool ok = ask(tty, "New password: ", pw, len) && ask(tty, "Again: ", again, sizeof again);
        fclose(tty);
        if (!ok || strcmp(pw, again)) {
            OPENSSL_cleanse(again, sizeof again);
            fprintf(stderr, "talka web: the passwords differ\n");
            return 1;
        }
        OPENSSL_cleanse(again, sizeof again);
    }
    if (!web_password_ok(pw, err, sizeof err)) {
        fprintf(stderr, "talka web: %s\n", err);
        return 2;
    }
    return 0;
}

static int list(struct db *db)
{
    struct web_account *a = calloc(500, sizeof *a);
    int n = a ? web_account_list(db, a, 500) : -1;
    if (n < 0) {
        fprintf(stderr, "talka web: database error\n");
        free(a);
        return 1;
    }
    if (!n)
        printf("no accounts (add one with: talka web user add NAME --role admin)\n");
    else
        printf("%-32s %-12s %s\n", "NAME", "ROLE", "LAST SIGN-IN");
    time_t now = clock_now();
    for (int i = 0; i < n; i++) {
        char last[32] = "never";
        if (a[i].last_login_at)
            local_format(a[i].last_login_at, last, sizeof last);
        printf("%-32s %-12s %s%s\n", a[i].name, web_role_name(a[i].role), last,
               a[i].locked_until > now ? " (locked)" : "");
    }
    free(a);
    return 0;
}

static int bootstrap(struct db *db)
{
    struct web_account first;
    int n = web_account_list(db, &first, 1);
    if (n < 0) {
        fprintf(stderr, "talka web: database error\n");
        return 1;
    }
    if (n > 0)
        return 0;
    char pw[21], who[96];
    if (!web_random_password(pw, 20) || web_account_add(db, "admin", ROLE_ADMIN, pw, clock_now()) != DB_FOUND) {
        fprintf(stderr, "talka web: could not create the first account\n");
        return 1;
    }
    actor(who, sizeof who);
    audit(db, clock_now(), who, "web_user_add", "admin", "bootstrap: random password");
    printf("dashboard account created: admin / %s\n"
           "(shown only this once; change it on the Accounts page or with 'talka web user passwd admin')\n", pw);
    OPENSSL_cleanse(pw, sizeof pw);
    return 0;
}

static int user_add(struct db *db, const char *name, const char *role, bool from_stdin,
                    const char *who, time_t now)
{
    char pw[256];
    int rc;
    enum web_role r = web_role_parse(role);
    if (r == ROLE_NONE) {
        fprintf(stderr, "talka web: --role admin, coordinator or viewer is required\n");
        return 2;
    }
    if ((rc = get_password(from_stdin, pw, sizeof pw)))
        return rc;
    enum db_status st = web_account_add(db, name, r, pw, now);
    OPENSSL_cleanse(pw, sizeof pw);
    if (st != DB_FOUND) {
        fprintf(stderr, "talka web: %s\n", st == DB_NONE ? "that name is taken" : "database error");
        return 1;
    }
    audit(db, now, who, "web_user_add", name, web_role_name(r));
    printf("added %s (%s)\n", name, web_role_name(r));
    return 0;
}

static int user_passwd(struct db *db, const char *name, const char *role, bool from_stdin,
                       const char *who, time_t now)
{
    char pw[256];
    int rc;
    if (role) {
        fprintf(stderr, "talka web: passwd takes no --role\n");
        return 2;
    }
    struct web_account a;
    if (web_account_get(db, name, &a) != DB_FOUND) {
        fprintf(stderr, "talka web: no account '%s'\n", name);
        return 1;
    }
    if ((rc = get_password(from_stdin, pw, sizeof pw)))
        return rc;
    enum db_status st = web_account_passwd(db, name, pw, now);
    OPENSSL_cleanse(pw, sizeof pw);
    if (st != DB_FOUND) {
        fprintf(stderr, "talka web: %s\n", st == DB_NONE ? "no such account" : "database error");
        return 1;
    }
    audit(db, now, who, "web_user_passwd", name, NULL);
    printf("new password for %s (its sessions are closed)\n", name);
    return 0;
}

static int user_remove(struct db *db, const char *name, const char *who, time_t now)
{
    struct web_account a;
    if (web_account_get(db, name, &a) != DB_FOUND) {
        fprintf(stderr, "talka web: no account '%s'\n", name);
        return 1;
    }
    if (a.role == ROLE_ADMIN && web_admin_count(db) <= 1) {
        fprintf(stderr, "talka web: '%s' is the last admin; add another admin first\n", name);
        return 1;
    }
    bool last = false;
    enum db_status st = web_account_remove(db, name, &last);
    if (st != DB_FOUND) {   /* another command may have removed the other admin meanwhile */
        fprintf(stderr, last ? "talka web: '%s' is the last admin; add another admin first\n"
                             : st == DB_NONE ? "talka web: no account '%s'\n"
                                             : "talka web: database error (%s not removed)\n",
                name);
        return 1;
    }
    audit(db, now, who, "web_user_remove", name, NULL);
    printf("removed %s\n", name);
    return 0;
}

static int user(struct db *db, int argc, char **argv)
{
    const char *sub = argv[0], *name = argc > 1 ? argv[1] : NULL, *role = NULL;
    bool from_stdin = false;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--role") && i + 1 < argc)
            role = argv[++i];
        else if (!strncmp(argv[i], "--role=", 7))
            role = argv[i] + 7;
        else if (!strcmp(argv[i], "--password-stdin"))
            from_stdin = true;
        else {
            fprintf(stderr, "talka web: unexpected '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!strcmp(sub, "list"))
        return argc == 1 ? list(db) : (usage(stderr), 2);
    if (!name || !web_account_name_ok(name)) {
        fprintf(stderr, "talka web: %s%s%s: a name is 1-32 of a-z 0-9 . _ -\n", name ? "'" : "",
                name ? name : "no name", name ? "'" : "");
        return 2;
    }
    char who[96];
    actor(who, sizeof who);
    time_t now = clock_now();
    if (!strcmp(sub, "add"))
        return user_add(db, name, role, from_stdin, who, now);
    if (!strcmp(sub, "passwd"))
        return user_passwd(db, name, role, from_stdin, who, now);
    if (!strcmp(sub, "remove"))
        return argc != 2 ? (usage(stderr), 2) : user_remove(db, name, who, now);
    usage(stderr);
    return 2;
}

int cmd_web(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    bool is_user = argc >= 3 && !strcmp(argv[1], "user");
    bool is_boot = argc == 2 && !strcmp(argv[1], "bootstrap");
    if (!is_user && !is_boot) {
        usage(stderr);
        return 2;
    }
    struct app a;
    int rc = app_open(&a, APP_DB);
    if (rc)
        return rc;
    rc = is_boot ? bootstrap(a.db) : user(a.db, argc - 2, argv + 2);
    app_close(&a);
    return rc;
}
