/* staff.h: staff commands by SMS (ZIŅA, APSTIPRINĀT), the pipeline's staff hook
 * (registered by gateway/cli/wiring.c). The pipeline calls it for every text from
 * a number before the public language; it checks for staff numbers and PINs, and
 * audits attempts from others. */
#ifndef TALKA_STAFF_H
#define TALKA_STAFF_H

#include "gateway/core/pipeline.h"

/* A pipeline_staff_fn (see pipeline_types.h). A wrong PIN or a staff command from
 * a number that is not staff returns false: the sender then gets the ordinary
 * "not understood" reply. A database error during the checks (lockout, PIN
 * failures, masking the PIN) fails closed: out->outcome "error:db", true. */
bool staff_handle(struct pipeline *p, struct db *db, int64_t inbound_id, const char *e164,
                  const char *text, size_t len, time_t now, struct pipeline_outcome *out);

#endif
