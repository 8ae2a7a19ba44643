/* log.h: leveled log lines to stderr (journald picks them up under systemd). */
#ifndef TALKA_LOG_H
#define TALKA_LOG_H

enum log_level { LOG_ERROR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Level from the TALKA_LOG environment variable (error|warn|info|debug) or set here. */
void log_set_level(enum log_level level);
int log_level_from_name(const char *name); /* -1 when unknown */
enum log_level log_get_level(void);

void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
