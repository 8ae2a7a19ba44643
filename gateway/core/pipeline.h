/* pipeline.h: the one entry point every channel (modem, USSD, command line) calls.
 * It commits the raw text first, then parses it, applies the volunteer's state,
 * validates, and writes plantings, points and the reply (into the outbound queue)
 * in one transaction. Handling the same inbound twice changes nothing. */
#ifndef TALKA_PIPELINE_H
#define TALKA_PIPELINE_H

#include "db/db.h"
#include "gateway/core/app.h"
#include "gateway/core/pipeline_types.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct pipeline;

/* Builds the pipeline from an opened app (APP_ALL). Reads [rules], [flood] and the
 * pseudonym secret. Shared read-only by every thread; each thread passes its own db. */
struct pipeline *pipeline_new(struct app *a, char *err, size_t errlen);
void pipeline_free(struct pipeline *p);

/* For subcommands: app_open(a, APP_ALL) and pipeline_new together. Logs what
 * went wrong and returns app_open's code, 1 when the pseudonym secret cannot
 * be used, or 0 on success. */
int pipeline_open_app(struct app *a, struct pipeline **p);

/* Stage 1: commits the raw text (idempotent on the dedupe key). *existed is set
 * when it was stored before. Returns false only on a database error. */
bool pipeline_store(struct pipeline *p, struct db *db, const struct inbound_msg *in,
                    int64_t *id, bool *existed);

/* Stage 2: handles one stored row; a row already handled is left alone
 * (out->already_handled). Returns false only on a database error (the row then
 * stays unhandled and is retried by pipeline_recover). */
bool pipeline_process(struct pipeline *p, struct db *db, int64_t inbound_id, unsigned flags,
                      struct pipeline_outcome *out);

/* Stage 2 for several stored rows in one transaction (each text is still all or
 * nothing; fewer commits when a burst arrives). A database error falls back to
 * one transaction per row. outs has n elements. False if any row failed. */
bool pipeline_process_many(struct pipeline *p, struct db *db, const int64_t *ids, int n,
                           unsigned flags, struct pipeline_outcome *outs);

/* Both stages: what every channel calls. */
bool pipeline_handle(struct pipeline *p, struct db *db, const struct inbound_msg *in,
                     unsigned flags, struct pipeline_outcome *out);

/* Handles every stored-but-unhandled row (left by a crash). Returns how many. */
int pipeline_recover(struct pipeline *p, struct db *db);

/* Queues a text to a volunteer outside a reply (approval notices, alerts), as one
 * SMS where possible. Returns the outbound id or 0. */
int64_t pipeline_notify(struct pipeline *p, struct db *db, const char *e164, const char *text,
                        int priority, const char *kind);

const struct app *pipeline_app(const struct pipeline *p);

/* The staff hook: the wiring (gateway/cli) registers the broadcast feature's staff
 * commands here, so the pipeline reaches them without depending on that feature.
 * Without a hook every text goes to the public language. */
void pipeline_set_staff_hook(struct pipeline *p, pipeline_staff_fn fn);

#endif
