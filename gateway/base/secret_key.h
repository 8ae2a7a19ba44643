/* secret_key.h: a key that guards something (the USSD endpoint's key, the
 * registry's token and secret, the pseudonym secret), as opposed to a PIN:
 * read like any secret file (private, no NUL byte, not empty) and at least
 * SECRET_KEY_MIN bytes long, so it cannot be guessed by trying. */
#ifndef TALKA_SECRET_KEY_H
#define TALKA_SECRET_KEY_H

#include "gateway/base/config.h"

#include <stdbool.h>
#include <stddef.h>

#define SECRET_KEY_MIN 16

/* Reads the file at path into buf; false with a message naming the file (never
 * the secret) when secret_read() refuses it or it is shorter than SECRET_KEY_MIN. */
bool secret_key_read(const char *path, char *buf, size_t buflen, char *err, size_t errlen);

/* The same for the file named by [section] key. */
bool secret_key_config(const struct config *cfg, const char *section, const char *key,
                       char *buf, size_t buflen, char *err, size_t errlen);

#endif
