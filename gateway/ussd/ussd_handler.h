/* ussd_handler.h: one USSD request, whatever its provider format: answers a
 * retry from the stored answer, loads or starts the session (expiring it after
 * [ussd] session_timeout idle seconds), works out the latest input, runs the
 * menu, saves a finished registration through the pipeline (channel "ussd", no
 * SMS reply) and commits the session with its answer. */
#ifndef TALKA_USSD_HANDLER_H
#define TALKA_USSD_HANDLER_H

#include "gateway/core/pipeline.h"
#include "gateway/ussd/ussd_adapter.h"
#include "gateway/ussd/ussd_menu.h"

struct ussd_handler {
    const struct app *app;
    struct pipeline *pipe;
    const struct ussd_screens *scr;
    char sms_number[32];
    char default_lang[4];
    int session_timeout;        /* seconds idle before a session has expired (180) */
    int keep;                   /* seconds idle before its rows are purged (3600) */
};

/* Fills h from the app's [ussd] section (screens are loaded by the caller). */
void ussd_handler_init(struct ussd_handler *h, const struct app *a, struct pipeline *pipe,
                       const struct ussd_screens *scr);

/* Answers rq; db is the calling thread's connection. Never fails: a database
 * error gives an END screen saying to try again later. */
void ussd_handle(struct ussd_handler *h, struct db *db, const struct ussd_request *rq,
                 struct ussd_answer *out);

#endif
