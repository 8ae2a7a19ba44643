/* page_cache.c: the large page cache set-up statement (see page_cache.h). */
#include "db/page_cache.h"

const char db_setup_large_cache[] = "PRAGMA cache_size = -16384";
