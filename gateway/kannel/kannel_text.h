/* kannel_text.h: a text as Kannel's get-url hands it over (%b: the message's own
 * bytes, %c: its coding, %C: its charset) turned into UTF-8. */
#ifndef TALKA_KANNEL_TEXT_H
#define TALKA_KANNEL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* coding "2" (UCS-2) is read as UTF-16BE, another charset Kannel names is
 * converted from; 7-bit text in UTF-8 and 8-bit data ("8-BIT") are kept as they are.
 * *out is malloc'ed and NUL-terminated. False with a message on bytes that are not
 * in the named charset. */
bool kannel_text_utf8(const char *raw, size_t len, const char *coding, const char *charset,
                      char **out, size_t *outlen, char *err, size_t errlen);

#endif
