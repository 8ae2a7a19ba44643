/* config.c: talka.ini through libgammu's INI API, with path resolution relative
 * to the config file and secret files that must be private to their owner. */
#include "gateway/base/config.h"

#include <gammu.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

struct config {
    INI_Section *ini;
    char path[4096];
    char dir[4096];
};

struct config *config_load(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "cannot read config %s: %s", path, strerror(errno));
        return NULL;
    }
    struct config *cfg = calloc(1, sizeof *cfg);
    if (!cfg) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (INI_ReadFile(path, FALSE, &cfg->ini) != ERR_NONE) {
        snprintf(err, errlen, "cannot parse config %s", path);
        free(cfg);
        return NULL;
    }
    snprintf(cfg->path, sizeof cfg->path, "%s", path);
    snprintf(cfg->dir, sizeof cfg->dir, "%s", path);
    char *slash = strrchr(cfg->dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(cfg->dir, sizeof cfg->dir, ".");
    return cfg;
}

void config_free(struct config *cfg)
{
    if (!cfg)
        return;
    INI_Free(cfg->ini);
    free(cfg);
}

const char *config_get(const struct config *cfg, const char *section, const char *key,
                       const char *def)
{
    if (!cfg)
        return def;
    const unsigned char *v = INI_GetValue(cfg->ini, (const unsigned char *)section,
                                          (const unsigned char *)key, FALSE);
    return v ? (const char *)v : def;
}

long config_get_int(const struct config *cfg, const char *section, const char *key, long def)
{
    const char *v = config_get(cfg, section, key, NULL);
    if (!v || !*v)
        return def;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    return (errno || *end) ? def : n;
}

bool config_get_bool(const struct config *cfg, const char *section, const char *key, bool def)
{
    const char *v = config_get(cfg, section, key, NULL);
    if (!v)
        return def;
    if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "on"))
        return true;
    if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0") || !strcasecmp(v, "off"))
        return false;
    return def;
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

bool config_path(const struct config *cfg, const char *section, const char *key,
                 const char *def, char *out, size_t outlen)
{
    const char *v = config_get(cfg, section, key, def);
    if (!v || !*v) {
        if (outlen)
            out[0] = '\0';
        return false;
    }
    if (!config_resolve(cfg, v, out, outlen)) { /* longer than any path can be */
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
    if (!config_path(cfg, section, key, NULL, path, sizeof path)) {
        snprintf(err, errlen, "[%s] %s is not set", section, key);
        return false;
    }
    return secret_read(path, buf, buflen, err, errlen);
}
