/* main.c: runs every registered unit test (optionally only those whose name
 * contains argv[1]): first "plan N" (how many will run, for tests/run.sh), then
 * "ok NAME" / "not ok NAME" each, and last "N passed, N failed". */
#include "db/db.h"
#include "gateway/base/localtime.h"
#include "tests/test.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_TESTS 2048

static struct { const char *name, *file; void (*fn)(void); } tests[MAX_TESTS];
static int ntests;
static int current_failed;
static char tmpdir[256];

void test_register(const char *name, const char *file, void (*fn)(void))
{
    if (ntests < MAX_TESTS) {
        tests[ntests].name = name;
        tests[ntests].file = file;
        tests[ntests].fn = fn;
        ntests++;
    }
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stdout, "    %s:%d: ", file, line);
    vfprintf(stdout, fmt, ap);
    fprintf(stdout, "\n");
    va_end(ap);
    current_failed++;
}

long long test_int(struct db *db, long long def, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int64_t v = def;
    db_int_va(db, &v, sql, fmt, ap);
    va_end(ap);
    return v;
}

const char *test_tmpdir(void)
{
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/talka-unit-XXXXXX");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            exit(2);
        }
    }
    return tmpdir;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TALKA_LOG", "error", 0);
    /* the campaign's zone, set once before any test (and any thread), as the
     * gateway sets [talka] timezone at start-up */
    char err[256];
    if (!localtime_setup("Europe/Riga", err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    int passed = 0, failed = 0, planned = 0;
    if (ntests >= MAX_TESTS) {
        printf("Bail out! more than %d unit tests: raise MAX_TESTS\n", MAX_TESTS - 1);
        return 2;
    }
    for (int i = 0; i < ntests; i++)
        if (argc <= 1 || strstr(tests[i].name, argv[1]))
            planned++;
    printf("plan %d\n", planned);
    fflush(stdout);
    for (int i = 0; i < ntests; i++) {
        if (argc > 1 && !strstr(tests[i].name, argv[1]))
            continue;
        current_failed = 0;
        tests[i].fn();
        if (current_failed) {
            printf("not ok %s (%s)\n", tests[i].name, tests[i].file);
            failed++;
        } else {
            printf("ok %s\n", tests[i].name);
            passed++;
        }
        fflush(stdout);
    }
    if (tmpdir[0] && !failed) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", tmpdir);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
