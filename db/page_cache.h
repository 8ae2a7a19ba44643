/* page_cache.h: the set-up statement for connections that read many rows (the
 * dashboard's pages): a 16 MB page cache instead of SQLite's default 2 MB. Passed
 * to thread_dbs_init() as its per-connection setup_sql. */
#ifndef TALKA_DB_PAGE_CACHE_H
#define TALKA_DB_PAGE_CACHE_H

extern const char db_setup_large_cache[];

#endif
