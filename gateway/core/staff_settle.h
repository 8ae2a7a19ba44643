/* staff_settle.h: staff settle a text from the dashboard through the pipeline's
 * own code (staff_settle.c): a text talka did not understand registered as the
 * report staff read in it, a report asked back registered as guessed or dropped,
 * a message written to the volunteer. Each runs in one transaction and queues
 * what the volunteer is told, in their language. */
#ifndef TALKA_STAFF_SETTLE_H
#define TALKA_STAFF_SETTLE_H

#include "gateway/core/pipeline.h"

#include <stddef.h>
#include <stdint.h>

enum settle_result {
    SETTLE_OK = 0,
    SETTLE_GONE,     /* no such text or question any more, or its sender was erased */
    SETTLE_BAD,      /* a value staff gave is not usable (msg says which) */
    SETTLE_DB,       /* a database error: nothing changed */
};

/* Registers inbound row id as a report of count trees of species_id at the place
 * named place, exactly as an SMS saying so would be registered (duplicates,
 * review threshold, points, totals, the registry batch); the reply queued to the
 * volunteer. out->outcome says what became of it (planted, pending_review,
 * duplicate), out->reply what was queued. */
enum settle_result settle_register_text(struct pipeline *p, struct db *db, int64_t id, long count,
                                        const char *species_id, const char *place,
                                        struct pipeline_outcome *out, char *msg, size_t msglen);

/* The question id (awaiting_confirmation) still waiting for the volunteer: keep
 * registers the report as talka guessed it (the first municipality of a
 * choice), as the volunteer's JĀ would; else it is dropped (nothing is sent). */
enum settle_result settle_question(struct pipeline *p, struct db *db, int64_t id, bool keep,
                                   struct pipeline_outcome *out, char *msg, size_t msglen);

/* Queues text to the volunteer who sent inbound row id as a staff message
 * (priority of staff texts, kind "staff"): *outbound_id set. */
enum settle_result settle_write_to(struct pipeline *p, struct db *db, int64_t id, const char *text,
                                   int64_t *outbound_id, char *msg, size_t msglen);

#endif
