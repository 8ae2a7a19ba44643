/* pipeline_types.h: what a channel hands the pipeline (struct inbound_msg), what
 * it gets back (struct pipeline_outcome), and the shape of the staff hook. Types
 * only, shared by the pipeline's own files and the features that call it. */
#ifndef TALKA_PIPELINE_TYPES_H
#define TALKA_PIPELINE_TYPES_H

#include "db/db.h"
#include "gateway/base/sms_text.h"
#include "parsers/parse.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct pipeline;

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

/* A staff-command handler (the broadcast feature's staff_handle). It returns true
 * when text was a staff command it handled: it then fills out->outcome and
 * out->reply/out->reply_due (queued by the pipeline); false for everything else,
 * which then goes to the public language. It may rewrite the stored inbound text
 * to mask a PIN, and runs inside the pipeline's transaction; on a database error
 * it sets out->outcome to "error:db" and returns true, so the text gets no reply
 * and the transaction is rolled back (fails closed). */
typedef bool (*pipeline_staff_fn)(struct pipeline *p, struct db *db, int64_t inbound_id,
                                  const char *e164, const char *text, size_t len, time_t now,
                                  struct pipeline_outcome *out);

#endif
