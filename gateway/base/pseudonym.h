/* pseudonym.h: one-way pseudonyms of phone numbers: HMAC-SHA256 under a
 * per-deployment secret (OpenSSL). Used for erased volunteers and for the
 * registry, which never sees a phone number. */
#ifndef TALKA_PSEUDONYM_H
#define TALKA_PSEUDONYM_H

#include <stddef.h>

/* out receives 64 lowercase hex characters and a NUL (>= 65 bytes). */
void pseudonym_hmac(const char *key, size_t keylen, const char *msg, char out[65]);

/* Reads the secret at path; when the file does not exist it is created with 32
 * random bytes (hex) and mode 0600. False with a message in err on failure or
 * when the file is readable by group or others. */
int pseudonym_key_load_or_create(const char *path, char *key, size_t keylen,
                                 char *err, size_t errlen);

#endif

#ifndef TALKA_DIGEST_DECL
#define TALKA_DIGEST_DECL
/* SHA-256 of a followed by b (either may be empty). */
void digest_sha256(const void *a, size_t alen, const void *b, size_t blen, unsigned char out[32]);
#endif
