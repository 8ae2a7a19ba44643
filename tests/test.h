/* test.h: the unit-test harness. TEST(name) { ... } registers a test; CHECK*
 * record a failure and go on. tests/unit/main.c runs them all. */
#ifndef TALKA_TEST_H
#define TALKA_TEST_H

#include <stdio.h>
#include <string.h>

void test_register(const char *name, const char *file, void (*fn)(void));
void test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A scratch directory for this test run (removed at exit unless a test failed). */
const char *test_tmpdir(void);
/* A count or figure a test reads from the database: def when there is no row or
 * the read failed (a test then fails on the value). Tests only: talka's own code
 * tells a failed read from a value (db_int()). */
struct db;
long long test_int(struct db *db, long long def, const char *sql, const char *fmt, ...);
/* The repository root (tests run from it). */
#define TEST_ROOT "."

#define TEST(name)                                                         \
    static void name(void);                                                \
    __attribute__((constructor)) static void register_##name(void)         \
    { test_register(#name, __FILE__, name); }                              \
    static void name(void)

#define CHECK(cond)                                                        \
    do { if (!(cond)) test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond); } while (0)

#define CHECK_INT(a, b)                                                    \
    do { long long a_ = (long long)(a), b_ = (long long)(b);              \
         if (a_ != b_) test_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #a, a_, b_); \
    } while (0)

#define CHECK_STR(a, b)                                                    \
    do { const char *a_ = (a), *b_ = (b);                                  \
         if (!a_ || !b_ || strcmp(a_, b_) != 0)                            \
             test_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #a, \
                       a_ ? a_ : "(null)", b_ ? b_ : "(null)");           \
    } while (0)

#endif
