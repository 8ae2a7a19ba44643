/* page_cache.c: the page caches' set-up statement and bound (see page_cache.h). */
#include "db/page_cache.h"

#include <sqlite3.h>
#include <stdatomic.h>

const char db_setup_large_cache[] = "PRAGMA cache_size = -16384";

#define BOUND ((sqlite3_int64)DB_MEMORY_BOUND_MB << 20)

void db_memory_bound(void)
{
    if (sqlite3_soft_heap_limit64(-1) != BOUND)
        sqlite3_soft_heap_limit64(BOUND);
}

bool db_memory_filled(int *mb)
{
    static atomic_bool said;
    sqlite3_int64 used = sqlite3_memory_used();
    *mb = (int)(used >> 20);
    if (atomic_load(&said) || used < BOUND / 10 * 9)
        return false;
    return !atomic_exchange(&said, true);
}
