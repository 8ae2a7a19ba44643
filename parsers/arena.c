/* arena.c: the string arena (see arena.h). Blocks of 64 KiB (or one string's
 * size, when longer) hold the strings back to back; none is freed alone. */
#include "parsers/arena.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MIN 65536

struct arena_block { struct arena_block *next; size_t used, cap; char data[]; };

char *pz_arena_strdup(struct arena *a, const char *s, size_t n)
{
    struct arena_block *b = a->head;
    if (!b || b->used + n + 1 > b->cap) {
        size_t cap = n + 1 > BLOCK_MIN ? n + 1 : BLOCK_MIN;
        struct arena_block *nb = malloc(sizeof *nb + cap);
        if (!nb) return NULL;
        nb->next = b; nb->used = 0; nb->cap = cap;
        a->head = b = nb;
    }
    assert(b->used + n + 1 <= b->cap);
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = 0;
    b->used += n + 1;
    return p;
}

void pz_arena_free(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
}
