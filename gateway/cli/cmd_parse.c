/* cmd_parse.c: `talka parse` — one message per line on stdin (inside a line `\n`
 * is a line break and `\\` a backslash), one JSON object per line on stdout, in
 * order, exactly as many lines out as in. Lines may hold any bytes, NULs too.
 * Output is flushed whenever no further complete line is waiting, so an
 * interactive caller gets every answer at once and a file is still fast. */
#include "gateway/core/app.h"
#include "gateway/base/clock.h"
#include "gateway/cli/cmd_parse.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "parsers/grammar.h"
#include "parsers/json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fputs("usage: talka parse [-c FILE] [TEXT...]\n"
          "Reads one SMS per line on stdin (or each TEXT argument) and prints what it\n"
          "understood as one JSON object per line. Inside a line, \\n stands for a line\n"
          "break and \\\\ for a backslash. The species and places lists come from the\n"
          "config ([lists]), the clock from TALKA_NOW or the system. A report talka\n"
          "would ask back about carries \"confirm\": what it would ask (guess, range or\n"
          "choice) with the guessed items and place (docs/sms-language.md, Ask back).\n"
          "  echo 'KOKS 12 OZOLS Cesis' | talka parse\n", f);
}

/* Turns \n into a line break and \\ into a backslash, in place; returns the length. */
static size_t unescape(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == 'n' || s[i + 1] == '\\')) {
            s[o++] = s[i + 1] == 'n' ? '\n' : '\\';
            i++;
        } else {
            s[o++] = s[i];
        }
    }
    return o;
}

struct out { char *buf; size_t n, cap; };

static int out_flush(struct out *o)
{
    size_t w = 0;
    while (w < o->n) {
        ssize_t r = write(STDOUT_FILENO, o->buf + w, o->n - w);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        w += (size_t)r;
    }
    o->n = 0;
    return 0;
}

static int out_line(struct out *o, const char *s)
{
    size_t l = strlen(s);
    if (o->n + l + 1 > o->cap) {
        if (out_flush(o)) return -1;
        if (l + 1 > o->cap) {
            char *nb = realloc(o->buf, l + 1);
            if (!nb) return -1;
            o->buf = nb;
            o->cap = l + 1;
        }
    }
    memcpy(o->buf + o->n, s, l);
    o->buf[o->n + l] = '\n';
    o->n += l + 1;
    return 0;
}

static int one(struct app *a, char *text, size_t len, time_t now, struct out *o)
{
    struct parse_result r;
    len = unescape(text, len);
    parse_text(a->lex, text, len, now, &a->popts, &r);
    char js[2048];
    size_t n = parse_result_json_into(&r, js, sizeof js - 1);
    js[n] = 0;
    return out_line(o, n ? js : "{\"ok\":false,\"command\":\"unknown\",\"lang\":\"lv\","
                                "\"error\":\"empty\"}");
}

int cmd_parse(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "talka parse: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    struct app a;
    int rc = app_open(&a, APP_LEXICON);
    if (rc) return rc;
    struct out o = { malloc(1 << 16), 0, 1 << 16 };
    if (!o.buf) { app_close(&a); return 1; }
    rc = 0;
    if (argc > 1) {
        time_t now = clock_now();
        for (int i = 1; i < argc && !rc; i++)
            rc = one(&a, argv[i], strlen(argv[i]), now, &o);
        if (!rc) rc = out_flush(&o);
        free(o.buf);
        app_close(&a);
        return rc ? 1 : 0;
    }
    size_t cap = 1 << 16, have = 0;
    char *in = malloc(cap);
    int eof = 0;
    while (in && !rc) {
        /* answer every complete line in the buffer */
        size_t start = 0;
        time_t now = clock_now();
        for (;;) {
            char *nl = memchr(in + start, '\n', have - start);
            if (!nl) break;
            size_t l = (size_t)(nl - (in + start));
            if ((rc = one(&a, in + start, l, now, &o))) break;
            start += l + 1;
        }
        if (rc) break;
        memmove(in, in + start, have - start);
        have -= start;
        if (eof) {
            if (have) rc = one(&a, in, have, now, &o);   /* a last line without newline */
            break;
        }
        if (out_flush(&o)) { rc = 1; break; }         /* nothing more ready: answer now */
        if (have == cap) {
            char *ni = realloc(in, cap * 2);
            if (!ni) { rc = 1; break; }
            in = ni;
            cap *= 2;
        }
        ssize_t r = read(STDIN_FILENO, in + have, cap - have);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { fprintf(stderr, "talka parse: %s\n", strerror(errno)); rc = 1; break; }
        if (r == 0) eof = 1;
        have += (size_t)r;
    }
    if (out_flush(&o)) rc = 1;
    free(in);
    free(o.buf);
    app_close(&a);
    return rc ? 1 : 0;
}
