/* tsv.c: a minimal reader for the UTF-8 tab-separated lists in config/: one header
 * line naming the columns, one record per line, no quoting. */
#include "parsers/tsv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int split(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n < max) f[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = 0;
        p = tab + 1;
    }
    for (int i = 0; i < n; i++) {
        size_t l = strlen(f[i]);
        while (l && (f[i][l - 1] == '\r' || f[i][l - 1] == '\n')) f[i][--l] = 0;
    }
    return n;
}

static char *cut_line(char **pos)
{
    char *s = *pos;
    if (!s || !*s) return NULL;
    char *nl = strchr(s, '\n');
    if (nl) { *nl = 0; *pos = nl + 1; } else { *pos = s + strlen(s); }
    return s;
}

int pz_tsv_open(struct tsv *t, const char *path, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (n < cap) break;
        char *nb = realloc(buf, cap * 2 + 1);
        if (!nb) { free(buf); buf = NULL; break; }
        buf = nb;
        cap *= 2;
    }
    fclose(f);
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    buf[n] = 0;
    t->data = buf;
    t->line = buf;
    char *h = cut_line(&t->line);
    if (!h) {
        snprintf(err, errlen, "%s: empty file", path);
        free(buf);
        t->data = NULL;
        return -1;
    }
    t->head = t->head_store;
    t->ncol = split(h, t->head_store, TSV_MAXCOL);
    return 0;
}

int pz_tsv_col(const struct tsv *t, const char *name)
{
    for (int i = 0; i < t->ncol; i++)
        if (strcmp(t->head[i], name) == 0) return i;
    return -1;
}

int pz_tsv_next(struct tsv *t, char **f)
{
    static char empty[1];
    for (;;) {
        char *l = cut_line(&t->line);
        if (!l) return 0;
        if (!*l || *l == '\r' || *l == '#') continue;
        int n = split(l, f, t->ncol);
        for (int i = n; i < t->ncol; i++) f[i] = empty;
        return 1;
    }
}

void pz_tsv_close(struct tsv *t)
{
    free(t->data);
    t->data = NULL;
}
