/* arena.h: strings that live as long as their owner (the lexicon), allocated in
 * large blocks and freed all at once (arena.c). */
#ifndef TALKA_PARSERS_ARENA_H
#define TALKA_PARSERS_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;   /* newest block first; NULL when empty */
};

/* A NUL-terminated copy of s[0..n) that lives until pz_arena_free; NULL when out
 * of memory. */
char *pz_arena_strdup(struct arena *a, const char *s, size_t n);
/* Frees every string of the arena and leaves it empty. */
void pz_arena_free(struct arena *a);

#endif
