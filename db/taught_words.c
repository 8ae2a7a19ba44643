/* taught_words.c: the taught_words table (see taught_words.h). */
#include "db/taught_words.h"

#include <stdio.h>

enum db_status taught_words_all(struct db *db, int (*row)(const struct taught_row *, void *),
                                void *arg)
{
    sqlite3_stmt *st = db_prep(db, "SELECT id, word, folded, kind, target, added_by, added_at"
                                   " FROM taught_words ORDER BY id");
    struct db_rows r = db_rows(db, st);
    while (db_row(&r)) {
        struct taught_row t = {
            .id = sqlite3_column_int64(st, 0),
            .word = db_col_str(st, 1),
            .folded = db_col_str(st, 2),
            .kind = db_col_str(st, 3),
            .target = db_col_str(st, 4),
            .added_by = db_col_str(st, 5),
            .added_at = sqlite3_column_int64(st, 6),
        };
        if (row(&t, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status taught_words_count(struct db *db, int64_t *n)
{
    return db_figure(db, n, "SELECT count(*) FROM taught_words", "");
}

bool taught_word_add(struct db *db, const char *word, const char *folded, const char *kind,
                     const char *target, const char *by, time_t now, bool *dup)
{
    *dup = false;
    int64_t have = 0;
    enum db_status s = db_figure(db, &have, "SELECT count(*) FROM taught_words WHERE folded = ?",
                                 "t", folded);
    if (DB_FAILED(s))
        return false;
    if (have) {
        *dup = true;
        return false;
    }
    return db_run(db, "INSERT INTO taught_words (word, folded, kind, target, added_by, added_at)"
                      " VALUES (?, ?, ?, ?, ?, ?)", "ttttti", word, folded, kind, target, by,
                  (int64_t)now);
}

enum db_status taught_word_remove(struct db *db, int64_t id, char *word, size_t len)
{
    sqlite3_stmt *st = db_prep(db, "DELETE FROM taught_words WHERE id = ? RETURNING word");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "i", id) : SQLITE_ERROR);
    bool got = db_row(&r);
    if (got)
        db_col_text(st, 0, word, len);
    return db_rows_end_one(&r, got);
}
