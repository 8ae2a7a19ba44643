/* staff.h: the hook through which staff commands by SMS (ZIŅA, APSTIPRINĀT) reach
 * the broadcast module. The pipeline calls it for every text from a number before
 * the public language (the hook itself checks for staff numbers and PINs, and
 * audits attempts from others); weak, so the pipeline builds without it. */
#ifndef TALKA_STAFF_H
#define TALKA_STAFF_H

#include "gateway/core/pipeline.h"

/* Returns true when text was a staff command it handled: it then fills
 * out->outcome and out->reply/out->reply_due (the answer, queued by the pipeline).
 * It returns false for everything else, including a wrong PIN or a staff command
 * from a number that is not staff, which then gets the ordinary "not understood"
 * reply. It may rewrite the stored inbound text to mask the PIN. It runs inside
 * the pipeline's transaction. */
bool staff_handle(struct pipeline *p, struct db *db, int64_t inbound_id, const char *e164,
                  const char *text, size_t len, time_t now, struct pipeline_outcome *out)
    __attribute__((weak));

#endif
