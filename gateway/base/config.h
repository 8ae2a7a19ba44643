/* config.h: talka.ini, read with libgammu's INI reader (the modem sections
 * [gammu], [gammu1], ... live in the same file). Each module reads its own keys. */
#ifndef TALKA_CONFIG_H
#define TALKA_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config;
struct _INI_Section;

#define CONFIG_DEFAULT_PATH "config/talka.ini"

/* Loads path; NULL with a message in err when it cannot be read. */
struct config *config_load(const char *path, char *err, size_t errlen);
void config_free(struct config *cfg);

/* The value, or def when the key is absent. Sections and keys are case-insensitive. */
const char *config_get(const struct config *cfg, const char *section, const char *key,
                       const char *def);
long config_get_int(const struct config *cfg, const char *section, const char *key, long def);
bool config_get_bool(const struct config *cfg, const char *section, const char *key, bool def);

/* A path from the config, made relative to the config file's directory when it is
 * not absolute. Returns false (out empty) when the key is absent and def is NULL. */
bool config_path(const struct config *cfg, const char *section, const char *key,
                 const char *def, char *out, size_t outlen);

/* Resolves a path relative to the config file's directory. */
/* False when the resolved path does not fit in out (it is then cut: do not use it). */
bool config_resolve(const struct config *cfg, const char *path, char *out, size_t outlen);

const char *config_file(const struct config *cfg);
struct _INI_Section *config_ini(const struct config *cfg);

/* Reads a secret from a file that only its owner may read. Trailing white space is
 * dropped. Returns false with a clear message in err (never the secret itself). */
bool secret_read(const char *path, char *buf, size_t buflen, char *err, size_t errlen);

/* Reads the secret named by [section] key (a *_file key); false when absent or bad. */
bool config_secret(const struct config *cfg, const char *section, const char *key,
                   char *buf, size_t buflen, char *err, size_t errlen);

#endif
