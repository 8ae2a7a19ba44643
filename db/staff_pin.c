/* staff_pin.c: wrong staff PINs, the lockout and the masked command text (see
 * staff_pin.h). */
#include "db/staff_pin.h"

enum db_status staff_pin_locked_until(struct db *db, int64_t volunteer_id, int64_t *until)
{
    return db_int(db, until, "SELECT locked_until FROM staff_pin_failures WHERE volunteer_id = ?",
                  "i", volunteer_id);
}

enum db_status staff_pin_count_wrong(struct db *db, int64_t volunteer_id, time_t now,
                                     time_t forget_before, int64_t *failures)
{
    if (!db_run(db, "INSERT INTO staff_pin_failures (volunteer_id, failures, last_at) VALUES (?, 0, ?)"
                    " ON CONFLICT (volunteer_id) DO NOTHING", "ii", volunteer_id, (int64_t)now) ||
        !db_run(db, "UPDATE staff_pin_failures SET failures = CASE WHEN last_at < ? THEN 1"
                    " ELSE failures + 1 END, last_at = ? WHERE volunteer_id = ?",
                "iii", (int64_t)forget_before, (int64_t)now, volunteer_id))
        return DB_ERROR;
    enum db_status s = db_int(db, failures, "SELECT failures FROM staff_pin_failures"
                                            " WHERE volunteer_id = ?", "i", volunteer_id);
    return s == DB_FOUND ? DB_FOUND : DB_ERROR; /* the row was just written */
}

bool staff_pin_lock(struct db *db, int64_t volunteer_id, time_t until)
{
    return db_run(db, "UPDATE staff_pin_failures SET failures = 0, locked_until = ? WHERE volunteer_id = ?",
                  "ii", (int64_t)until, volunteer_id);
}

bool staff_pin_clear(struct db *db, int64_t volunteer_id)
{
    return db_run(db, "UPDATE staff_pin_failures SET failures = 0 WHERE volunteer_id = ?", "i",
                  volunteer_id);
}

bool staff_pin_mask_stored(struct db *db, int64_t inbound_id, const char *text, size_t len)
{
    return db_run(db, "UPDATE inbound SET text = ? WHERE id = ?", "bi", text, (int)len, inbound_id);
}
