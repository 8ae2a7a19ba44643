/* tsv.h: reading the tab-separated lists (tsv.c). */
#ifndef TALKA_PARSERS_TSV_H
#define TALKA_PARSERS_TSV_H

#include <stddef.h>

#define TSV_MAXCOL 32

struct tsv {
    char *data;                 /* the whole file, cut into fields in place */
    char **head; int ncol;
    char *head_store[TSV_MAXCOL];
    char *line;                 /* next line to read */
};

/* Opens and reads path; 0 on success, else a message in err. */
int pz_tsv_open(struct tsv *t, const char *path, char *err, size_t errlen);
/* Column index of a header name, or -1. */
int pz_tsv_col(const struct tsv *t, const char *name);
/* Next row into f[0..ncol) ("" for missing fields); 0 at the end. */
int pz_tsv_next(struct tsv *t, char **f);
void pz_tsv_close(struct tsv *t);

#endif
