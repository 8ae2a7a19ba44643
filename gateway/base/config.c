/* config.c: talka.ini. talka's own sections are read with libinih, which reports
 * the line of a malformed entry; every entry keeps its line so later checks can
 * say FILE:LINE. The modem sections [gammu], [gammu1], ... are also handed to
 * libgammu's INI reader, which GSM_ReadConfig() needs. Values are read typed, with
 * the key table's default (config_keys.c) when the file leaves a key out. Paths
 * resolve relative to the config file; secret files must be private to their owner. */
#include "gateway/base/config.h"

#include "gateway/base/config_keys.h"

#include <gammu.h>
#include <ini.h>

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

struct config {
    INI_Section *ini;
    struct config_entry *e;
    size_t n, cap;
    char path[4096];
    char dir[4096];
};

/* what the reader and the handler share while libinih walks the file */
struct load {
    struct config *cfg;
    FILE *f;
    int line;              /* the line the reader handed out last */
    int err_line;          /* the first line our handler refused, 0: none */
    char err[512];
    char seen[64][128];    /* sections met so far, to refuse a repeated one */
    int seen_line[64];
    int nseen;
};

__attribute__((format(printf, 2, 3)))
static void fail(struct load *L, const char *fmt, ...)
{
    if (L->err_line)
        return;
    L->err_line = L->line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(L->err, sizeof L->err, fmt, ap);
    va_end(ap);
}

/* libinih does not report section headers: a header line seen by the reader is
 * remembered so that a section given twice is refused, even an empty one */
static void note_section(struct load *L, const char *line)
{
    while (*line == ' ' || *line == '\t')
        line++;
    if (*line != '[')
        return;
    const char *end = strchr(line, ']');
    if (!end)
        return;  /* libinih reports the malformed line */
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)(end - line - 1), line + 1);
    for (int i = 0; i < L->nseen; i++)
        if (!strcasecmp(L->seen[i], name)) {
            fail(L, "[%s]: section repeated (first on line %d); merge the two", name,
                 L->seen_line[i]);
            return;
        }
    if (L->nseen < 64) {
        snprintf(L->seen[L->nseen], sizeof L->seen[0], "%s", name);
        L->seen_line[L->nseen++] = L->line;
    }
}

/* fgets for libinih that counts lines and refuses lines it would cut */
static char *read_line(char *str, int num, void *stream)
{
    struct load *L = stream;
    if (!fgets(str, num, L->f))
        return NULL;
    L->line++;
    size_t len = strlen(str);
    if (len == (size_t)num - 1 && str[len - 1] != '\n' && !feof(L->f)) {
        int c;
        while ((c = fgetc(L->f)) != EOF && c != '\n')
            ;
        if (!L->err_line) {
            L->err_line = L->line;
            snprintf(L->err, sizeof L->err, "line longer than %d characters", num - 2);
        }
        str[0] = '\0';  /* an empty line: nothing for libinih to misread */
    }
    note_section(L, str);
    return str;
}

static int on_entry(void *user, const char *section, const char *key, const char *value)
{
    struct load *L = user;
    struct config *cfg = L->cfg;
    if (!*section) {
        fail(L, "%s: a key before any [section]", key);
        return 0;
    }
    for (size_t i = 0; i < cfg->n; i++)
        if (!strcasecmp(cfg->e[i].section, section) && !strcasecmp(cfg->e[i].key, key)) {
            fail(L, "[%s] %s: key repeated (first on line %d)", section, key, cfg->e[i].line);
            return 0;
        }
    if (cfg->n == cfg->cap) {
        size_t cap = cfg->cap ? cfg->cap * 2 : 64;
        struct config_entry *ne = realloc(cfg->e, cap * sizeof *ne);
        if (!ne)
            return 0;
        cfg->e = ne;
        cfg->cap = cap;
    }
    struct config_entry *e = &cfg->e[cfg->n];
    e->section = strdup(section);
    e->key = strdup(key);
    e->value = strdup(value ? value : "");
    e->line = L->line;
    if (!e->section || !e->key || !e->value) {
        free(e->section);
        free(e->key);
        free(e->value);
        return 0;
    }
    cfg->n++;
    return 1;
}

struct config *config_load(const char *path, char *err, size_t errlen)
{
    struct load L = { 0 };
    L.f = fopen(path, "r");
    if (!L.f) {
        snprintf(err, errlen, "cannot read config %s: %s", path, strerror(errno));
        return NULL;
    }
    struct config *cfg = calloc(1, sizeof *cfg);
    if (!cfg) {
        fclose(L.f);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(cfg->path, sizeof cfg->path, "%s", path);
    snprintf(cfg->dir, sizeof cfg->dir, "%s", path);
    char *slash = strrchr(cfg->dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(cfg->dir, sizeof cfg->dir, ".");

    L.cfg = cfg;
    ini_allow_multiline = false;   /* an indented line is an error, not a continuation */
    ini_allow_no_value = false;
    ini_use_stack = false;         /* lines up to 4 KiB (a long allow list, a pattern) */
    ini_initial_alloc = 4096;
    ini_max_line = 4096;
    int bad = ini_parse_stream(read_line, &L, on_entry, &L);
    fclose(L.f);
    if (bad != 0 || L.err_line) {
        if (bad > 0 && (!L.err_line || bad < L.err_line))
            snprintf(err, errlen, "%s:%d: not a [section] or key = value line", path, bad);
        else if (L.err_line)
            snprintf(err, errlen, "%s:%d: %s", path, L.err_line, L.err);
        else
            snprintf(err, errlen, "%s: cannot be read (out of memory)", path);
        config_free(cfg);
        return NULL;
    }
    /* libgammu keeps its own reading of the file for GSM_ReadConfig() */
    if (INI_ReadFile(path, FALSE, &cfg->ini) != ERR_NONE) {
        snprintf(err, errlen, "cannot parse config %s", path);
        config_free(cfg);
        return NULL;
    }
    return cfg;
}

void config_free(struct config *cfg)
{
    if (!cfg)
        return;
    if (cfg->ini)
        INI_Free(cfg->ini);
    for (size_t i = 0; i < cfg->n; i++) {
        free(cfg->e[i].section);
        free(cfg->e[i].key);
        free(cfg->e[i].value);
    }
    free(cfg->e);
    free(cfg);
}

size_t config_count(const struct config *cfg) { return cfg ? cfg->n : 0; }

const struct config_entry *config_entry_at(const struct config *cfg, size_t i)
{
    return cfg && i < cfg->n ? &cfg->e[i] : NULL;
}

const struct config_entry *config_find(const struct config *cfg, const char *section,
                                       const char *key)
{
    if (!cfg)
        return NULL;
    for (size_t i = 0; i < cfg->n; i++)
        if (!strcasecmp(cfg->e[i].section, section) && !strcasecmp(cfg->e[i].key, key))
            return &cfg->e[i];
    return NULL;
}

bool config_has_section(const struct config *cfg, const char *section)
{
    for (size_t i = 0; cfg && i < cfg->n; i++)
        if (!strcasecmp(cfg->e[i].section, section))
            return true;
    return false;
}

int config_bool_word(const char *v)
{
    if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "on"))
        return 1;
    if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0") || !strcasecmp(v, "off"))
        return 0;
    return -1;
}

/* The table's entry for [section] key, of type t (-1: any type). Asking for a key the
 * table does not have, or as another type, is a mistake in talka, not in the file. */
static const struct config_key *table_key(const char *section, const char *key, int t)
{
    const struct config_key *k = config_key_find(section, key);
    assert(k && "[section] key is not in the key table (config_keys.c)");
    assert((t < 0 || k->type == (enum config_type)t) && "key read as another type");
    return k;
}

bool config_given(const struct config *cfg, const char *section, const char *key)
{
    table_key(section, key, -1);
    return config_find(cfg, section, key) != NULL;
}

const char *config_str(const struct config *cfg, const char *section, const char *key)
{
    const struct config_key *k = table_key(section, key, -1);
    const struct config_entry *e = config_find(cfg, section, key);
    return e ? e->value : k->def ? k->def : "";
}

long config_int(const struct config *cfg, const char *section, const char *key)
{
    const struct config_key *k = table_key(section, key, CONFIG_INT);
    const struct config_entry *e = config_find(cfg, section, key);
    const char *v = e ? e->value : k->def;
    assert(v && "a number key without a default in the key table");
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    /* config_check() refused anything else before the value is read */
    assert(*v && !errno && !*end && n >= k->min && n <= k->max && "unchecked config");
    return n;
}

long config_table_int(const char *section, const char *key)
{
    const struct config_key *k = table_key(section, key, CONFIG_INT);
    assert(k->def && "a number key without a default in the key table");
    return strtol(k->def, NULL, 10);   /* test_config.c checks every default */
}

bool config_bool(const struct config *cfg, const char *section, const char *key)
{
    const struct config_key *k = table_key(section, key, CONFIG_BOOL);
    const struct config_entry *e = config_find(cfg, section, key);
    int b = config_bool_word(e ? e->value : k->def ? k->def : "");
    assert(b >= 0 && "unchecked config");
    return b == 1;
}

bool config_resolve(const struct config *cfg, const char *path, char *out, size_t outlen)
{
    int n;
    if (path[0] == '/' || !cfg)
        n = snprintf(out, outlen, "%s", path);
    else
        n = snprintf(out, outlen, "%s/%s", cfg->dir, path);
    return n >= 0 && (size_t)n < outlen;
}

bool config_path(const struct config *cfg, const char *section, const char *key, char *out,
                 size_t outlen)
{
    table_key(section, key, CONFIG_PATH);
    const char *v = config_str(cfg, section, key);
    if (!*v || !config_resolve(cfg, v, out, outlen)) { /* unset, or longer than any path */
        if (outlen)
            out[0] = '\0';
        return false;
    }
    return true;
}

const char *config_file(const struct config *cfg) { return cfg->path; }
INI_Section *config_ini(const struct config *cfg) { return cfg->ini; }

bool secret_read(const char *path, char *buf, size_t buflen, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open secret file %s: %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "secret file %s is not a regular file", path);
        close(fd);
        return false;
    }
    if (st.st_mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)) {
        snprintf(err, errlen,
                 "secret file %s is readable by group or others (mode %03o); "
                 "run: chmod 600 %s", path, (unsigned)(st.st_mode & 0777), path);
        close(fd);
        return false;
    }
    ssize_t n = read(fd, buf, buflen - 1);
    char more;
    bool too_long = n == (ssize_t)(buflen - 1) && read(fd, &more, 1) == 1;
    close(fd);
    if (too_long) {
        snprintf(err, errlen, "secret file %s is longer than %zu bytes", path, buflen - 1);
        return false;
    }
    if (n < 0) {
        snprintf(err, errlen, "cannot read secret file %s: %s", path, strerror(errno));
        return false;
    }
    buf[n] = '\0';
    /* measured by its real length: a NUL inside would make strlen() see a
     * shorter (even empty) secret */
    if (memchr(buf, '\0', (size_t)n)) {
        snprintf(err, errlen, "secret file %s contains a NUL byte", path);
        return false;
    }
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ' ||
                     buf[n - 1] == '\t'))
        buf[--n] = '\0';
    if (n == 0) {
        snprintf(err, errlen, "secret file %s is empty or only white space", path);
        return false;
    }
    return true;
}

bool config_secret(const struct config *cfg, const char *section, const char *key,
                   char *buf, size_t buflen, char *err, size_t errlen)
{
    char path[4096];
    if (!config_path(cfg, section, key, path, sizeof path)) {
        snprintf(err, errlen, "[%s] %s is not set", section, key);
        return false;
    }
    return secret_read(path, buf, buflen, err, errlen);
}
