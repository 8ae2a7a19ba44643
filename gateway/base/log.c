/* log.c: leveled log lines to stderr, one line each, with UTC time and level.
 * Under systemd (JOURNAL_STREAM set) the time is left to journald and a
 * <N> priority prefix is written instead. Secrets must never be passed here. */
#include "gateway/base/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int level = -1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static const char *names[] = { "error", "warn", "info", "debug" };
static const int syslog_prio[] = { 3, 4, 6, 7 };

int log_level_from_name(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (name && strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

void log_set_level(enum log_level l) { level = (int)l; }

enum log_level log_get_level(void)
{
    if (level < 0) {
        int l = log_level_from_name(getenv("TALKA_LOG"));
        level = l >= 0 ? l : LOG_INFO;
    }
    return (enum log_level)level;
}

void log_msg(enum log_level l, const char *fmt, ...)
{
    if ((int)l > (int)log_get_level())
        return;
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* one line per call: control characters from outside never split a log line */
    for (char *p = msg; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
    pthread_mutex_lock(&lock);
    if (getenv("JOURNAL_STREAM")) {
        fprintf(stderr, "<%d>%s: %s\n", syslog_prio[l], names[l], msg);
    } else {
        char ts[32];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
        fprintf(stderr, "%s %s: %s\n", ts, names[l], msg);
    }
    fflush(stderr);
    pthread_mutex_unlock(&lock);
}
