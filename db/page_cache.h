/* page_cache.h: the memory of SQLite's page caches. The set-up statement for
 * connections that read many rows (the dashboard's pages): a 16 MB page cache
 * instead of SQLite's default 2 MB, passed to thread_dbs_init() as its
 * per-connection setup_sql. And one bound for all of them: every thread of the
 * daemon keeps a connection and each its own cache, so without a bound the
 * daemon's memory grows as the caches fill, up to their sum (some 90 MB). */
#ifndef TALKA_DB_PAGE_CACHE_H
#define TALKA_DB_PAGE_CACHE_H

#include <stdbool.h>

extern const char db_setup_large_cache[];

/* the bound on all of SQLite's memory in this process, in MB */
#define DB_MEMORY_BOUND_MB 48

/* sets the bound (SQLite's soft heap limit: past it a cache reuses its own
 * least recently used pages instead of growing); db_open calls it */
void db_memory_bound(void);

/* true, once per process, when SQLite's memory first reached 90 % of the bound
 * (the caches have filled); *mb says how much it holds */
bool db_memory_filled(int *mb);

#endif
