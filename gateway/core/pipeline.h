/* pipeline.h: the one entry point every channel (modem, USSD, command line) calls.
 * It commits the raw text first, then parses it, applies the volunteer's state,
 * validates, and writes plantings, points and the reply (into the outbound queue)
 * in one transaction. Handling the same inbound twice changes nothing. */
#ifndef TALKA_PIPELINE_H
#define TALKA_PIPELINE_H

#include "db/db.h"
#include "gateway/core/app.h"
#include "gateway/base/sms_text.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct inbound_msg {
    const char *channel;       /* "sms" or "ussd" */
    const char *transport;     /* "cli", the modem's name ("gammu0"), "ussd" */
    const char *transport_id;  /* the transport's own id, or NULL: then sender+text+time dedupe */
    const char *sender;        /* as received: "+37126000001", "26000001", "LMT" */
    const char *text;          /* raw bytes, any content */
    size_t len;
    time_t received_at;
    const char *meta_json;     /* transport metadata, or NULL */
    /* Channels that already know what was meant (the USSD menu) pass it here; the
     * pipeline then validates and saves it instead of parsing text (which is still
     * stored verbatim, e.g. the USSD input trail "1*3*12*Cesis*1"). NULL: parse. */
    const struct parse_result *preparsed;
};

struct pipeline_outcome {
    int64_t inbound_id;
    bool already_handled;      /* the same inbound was handled before: nothing changed */
    bool reply_due;            /* a reply was produced (queued unless PIPE_NO_SMS_REPLY) */
    int64_t outbound_id;       /* the queued reply, 0 when none */
    char reply[640];           /* the reply exactly as it will be sent, "" when none */
    struct sms_info reply_info;
    char outcome[64];          /* planted, pending_review, error:CODE, flood, duplicate,
                                  ignored:alphanumeric, points, registered, ... */
    int nplantings;            /* plantings written by this text */
    long points_total;         /* the sender's total after this text */
    long municipality_total;   /* trees in the report's municipality after this text */
    const char *lang;          /* "lv" | "ru" | "en" */
};

enum {
    PIPE_NO_SMS_REPLY = 1,     /* USSD: the reply is returned, not queued as SMS */
};

struct pipeline;

/* Builds the pipeline from an opened app (APP_ALL). Reads [rules], [flood] and the
 * pseudonym secret. Shared read-only by every thread; each thread passes its own db. */
struct pipeline *pipeline_new(struct app *a, char *err, size_t errlen);
void pipeline_free(struct pipeline *p);

/* For subcommands: app_open(a, APP_ALL) and pipeline_new together. Prints
 * "talka: ..." and returns 2 on a configuration error, 0 on success. */
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

#endif
