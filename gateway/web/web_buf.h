/* web_buf.h: a growing text buffer for the dashboard's pages and answers, with
 * HTML escaping (every value from the database or a form goes through buf_esc). */
#ifndef TALKA_WEB_BUF_H
#define TALKA_WEB_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
    char *p;
    size_t len, cap;
    bool oom;             /* an allocation failed: the answer is a 500 */
};

void buf_put(struct buf *b, const char *s);
void buf_putn(struct buf *b, const char *s, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s escaped for HTML text and attribute values (& < > " '). */
void buf_esc(struct buf *b, const char *s);
/* s escaped for a URL query value. */
void buf_url(struct buf *b, const char *s);
void buf_free(struct buf *b);

#endif
