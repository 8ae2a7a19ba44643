/* config.h: talka.ini, read with libinih (every entry keeps its line; a malformed
 * line, a repeated section or key is refused with FILE:LINE). The modem sections
 * [gammu], [gammu1], ... are also read by libgammu for GSM_ReadConfig(). Each module
 * reads its own keys; config_check.h checks every value against config_keys.h, and the
 * typed getters below read them with the table's defaults. */
#ifndef TALKA_CONFIG_H
#define TALKA_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config;
struct _INI_Section;

#define CONFIG_DEFAULT_PATH "config/talka.ini"

/* One key = value line of the file. */
struct config_entry {
    char *section, *key, *value;
    int line;
};

/* Loads path; NULL with "FILE:LINE: what is wrong" in err when it cannot be read. */
struct config *config_load(const char *path, char *err, size_t errlen);
void config_free(struct config *cfg);

/* The entries in file order, and the one for [section] key (NULL: absent). */
size_t config_count(const struct config *cfg);
const struct config_entry *config_entry_at(const struct config *cfg, size_t i);
const struct config_entry *config_find(const struct config *cfg, const char *section,
                                       const char *key);
bool config_has_section(const struct config *cfg, const char *section);
/* 1 for yes/true/on/1, 0 for no/false/off/0, -1 for anything else. */
int config_bool_word(const char *v);

/* Typed values of the keys of the key table (config_keys.h): the file's value, or
 * the table's default when the file leaves the key out (an empty value is empty,
 * not absent). Sections and keys are case-insensitive; "gammu2" and "kannel3" find
 * the table's instance sections. A key the table does not have, one read as
 * another type, or a value config_check() would refuse is an assert: the table
 * decides every default and range, and config_check() runs before any value is
 * read. */
const char *config_str(const struct config *cfg, const char *section, const char *key);
long config_int(const struct config *cfg, const char *section, const char *key);
bool config_bool(const struct config *cfg, const char *section, const char *key);
/* The key table's own default of a number key, whatever the file says. */
long config_table_int(const char *section, const char *key);
/* Whether the file itself sets the key (even to an empty value). */
bool config_given(const struct config *cfg, const char *section, const char *key);

/* A CONFIG_PATH key made relative to the config file's directory when it is not
 * absolute. Returns false (out empty) when neither the file nor the table sets it. */
bool config_path(const struct config *cfg, const char *section, const char *key, char *out,
                 size_t outlen);

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
