/* registry_batch.h: the registry's JSON (jansson): records built from plantings
 * when they enter a batch, the body of a batch, and the answer applied to the
 * queue. A batch's records are fixed when it is made, so a retry sends the same. */
#ifndef TALKA_REGISTRY_BATCH_H
#define TALKA_REGISTRY_BATCH_H

#include "db/registry.h"
#include "gateway/registry/registry_config.h"
#include "parsers/parse.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* A random (version 4) uuid, 36 characters and a NUL. */
void registry_uuid(char out[37]);

/* The pseudonym for a waiting record: the earlier pseudonym of the same planting
 * when there is one (a cancel matches its upsert); else the HMAC of the volunteer's
 * number; for an erased volunteer, the pseudonym used before for them, else the
 * HMAC of the erased marker (which holds no number). */
void registry_pseudonym(const struct registry_config *rc, const struct registry_row *row,
                        char out[65]);

/* One record as compact JSON (malloc'd); NULL when out of memory. */
char *registry_record_json(const struct lexicon *lex,
                           const struct registry_row *row, const char *pseudonym);

/* Fixes up to rc->batch_size waiting records into a new batch in one transaction.
 * Returns how many records it holds (0: nothing was waiting), -1 on a database error. */
int registry_batch_make(struct db *db, const struct lexicon *lex,
                        const struct registry_config *rc, time_t now, char batch_id[40]);

/* The POST body of a batch with sent_at = now (malloc'd, *len set); NULL on error. */
char *registry_batch_body(struct db *db, const struct registry_config *rc, const char *batch_id,
                          time_t now, size_t *len, int *nrecords);

struct registry_applied {
    int accepted, duplicate, rejected;
    int unnamed;               /* records of the batch the answer did not name */
    int unknown;               /* results naming no record of the batch */
    bool closed;               /* every record has its result: the batch is done */
};

/* Applies a 2xx answer's {"results": [...]} in one transaction. False when the
 * answer is not the expected JSON (nothing changes) or on a database error. */
bool registry_batch_apply(struct db *db, const char *batch_id, const char *answer, time_t now,
                          struct registry_applied *out, char *err, size_t errlen);

#endif
