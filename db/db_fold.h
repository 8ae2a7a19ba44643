/* db_fold.h: SQL functions of talka's own, registered on every connection:
 * talka_fold(text) folds diacritics to ASCII for searches that ignore them;
 * shown_text(X) is X as text for a page, a NUL byte shown as U+2400. */
#ifndef TALKA_DB_FOLD_H
#define TALKA_DB_FOLD_H

#include <sqlite3.h>
#include <stdbool.h>

bool db_fold_register(sqlite3 *h);

#endif
