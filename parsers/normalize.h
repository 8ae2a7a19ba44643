/* normalize.h: UTF-8 that never trusts its input, and one character at a time,
 * what normalize.c makes of it. */
#ifndef TALKA_PARSERS_NORMALIZE_H
#define TALKA_PARSERS_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

enum char_class { CH_SEP, CH_LAT, CH_CYR, CH_OTHER, CH_DIGIT, CH_JOIN, CH_QMARK, CH_MARK };

/* Decodes one UTF-8 sequence at s (n bytes left). Returns its length (>= 1) and
 * the code point in *cp, or -1 in *cp for an invalid byte (length 1). */
int pz_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Appends cp as UTF-8; returns bytes written (1..4). */
int pz_utf8_encode(int32_t cp, char *out);
/* Copies src to dst (cap bytes incl. NUL) keeping only valid UTF-8, turning
 * control characters and line breaks into single spaces, dropping invisible
 * format characters (bidirectional overrides, zero-width ones), trimming. */
size_t pz_utf8_sanitize(const char *src, size_t len, char *dst, size_t cap);

/* Folds cp (or -1 for an invalid byte) into *out; returns its class. *lv is set
 * for a Latvian diacritic letter. */
int pz_fold_char(int32_t cp, int32_t *out, int *lv);
/* Homoglyphs: the look-alike in the other script, or 0. */
int32_t pz_cyr_to_lat(int32_t cp);
int32_t pz_lat_to_cyr(int32_t cp);

#endif
