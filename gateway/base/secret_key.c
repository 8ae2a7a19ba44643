/* secret_key.c: keys read from private files, refused when too short to resist
 * guessing (see secret_key.h). */
#include "gateway/base/secret_key.h"

#include <openssl/crypto.h>

#include <stdio.h>
#include <string.h>

bool secret_key_read(const char *path, char *buf, size_t buflen, char *err, size_t errlen)
{
    if (!secret_read(path, buf, buflen, err, errlen))
        return false;
    size_t n = strlen(buf);   /* secret_read() refuses a NUL inside: this is the length */
    if (n < SECRET_KEY_MIN) {
        OPENSSL_cleanse(buf, buflen);
        snprintf(err, errlen, "secret file %s is too short (%zu bytes; at least %d)", path, n,
                 SECRET_KEY_MIN);
        return false;
    }
    return true;
}

bool secret_key_config(const struct config *cfg, const char *section, const char *key,
                       char *buf, size_t buflen, char *err, size_t errlen)
{
    char path[4096];
    if (!config_path(cfg, section, key, path, sizeof path)) {
        snprintf(err, errlen, "[%s] %s is not set", section, key);
        return false;
    }
    return secret_key_read(path, buf, buflen, err, errlen);
}
