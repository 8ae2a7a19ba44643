/* pseudonym.c: HMAC-SHA256 pseudonyms and the auto-created deployment secret. */
#include "gateway/base/pseudonym.h"
#include "gateway/base/secret_key.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void pseudonym_hmac(const char *key, size_t keylen, const char *msg, char out[65])
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int maclen = 0;
    HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg, strlen(msg), mac, &maclen);
    for (unsigned i = 0; i < 32 && i < maclen; i++)
        snprintf(out + 2 * i, 3, "%02x", mac[i]);
    out[64] = '\0';
}

int pseudonym_key_load_or_create(const char *path, char *key, size_t keylen,
                                 char *err, size_t errlen)
{
    if (access(path, F_OK) != 0 && errno == ENOENT) {
        unsigned char raw[32];
        char hex[65];
        if (RAND_bytes(raw, sizeof raw) != 1) {
            snprintf(err, errlen, "cannot make a random secret");
            return 0;
        }
        for (int i = 0; i < 32; i++)
            snprintf(hex + 2 * i, 3, "%02x", raw[i]);
        /* written whole under a temporary name, then linked into place: a second
         * talka starting at the same moment reads either no file or all of it */
        char tmp[4200];
        snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
        int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0) {
            snprintf(err, errlen, "cannot create secret file %s: %s", path, strerror(errno));
            return 0;
        }
        ssize_t w = write(fd, hex, 64);
        bool synced = w == 64 && fsync(fd) == 0;
        close(fd);
        if (!synced) {
            unlink(tmp);
            snprintf(err, errlen, "cannot write secret file %s", path);
            return 0;
        }
        int linked = link(tmp, path);
        int link_errno = errno;
        unlink(tmp);
        if (linked != 0 && link_errno != EEXIST) {
            snprintf(err, errlen, "cannot create secret file %s: %s", path, strerror(link_errno));
            return 0;
        }
    }
    return secret_key_read(path, key, keylen, err, errlen) ? 1 : 0;
}

void digest_sha256(const void *a, size_t alen, const void *b, size_t blen, unsigned char out[32])
{
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    unsigned int n = 0;
    EVP_DigestInit_ex(c, EVP_sha256(), NULL);
    if (alen)
        EVP_DigestUpdate(c, a, alen);
    if (blen)
        EVP_DigestUpdate(c, b, blen);
    EVP_DigestFinal_ex(c, out, &n);
    EVP_MD_CTX_free(c);
}
