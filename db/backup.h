/* backup.h: an online copy of the whole database into a new file (SQLite's
 * backup API), safe while the daemon writes: it copies in steps and yields. */
#ifndef TALKA_DB_BACKUP_H
#define TALKA_DB_BACKUP_H

#include "db/db.h"

#include <stddef.h>

/* Copies db into path (a new file). DB_DONE when the copy is complete; DB_ERROR
 * with what went wrong in err (path is then left for the caller to remove). */
enum db_status db_backup_to(struct db *db, const char *path, char *err, size_t errlen);

#endif
