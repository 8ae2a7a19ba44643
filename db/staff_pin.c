/* staff_pin.c: wrong staff PINs, the lockout and the masked command text (see
 * staff_pin.h). */
#include "db/staff_pin.h"

bool staff_pin_mask_stored(struct db *db, int64_t inbound_id, const char *text, size_t len)
{
    return db_run(db, "UPDATE inbound SET text = ? WHERE id = ?", "bi", text, (int)len, inbound_id);
}
