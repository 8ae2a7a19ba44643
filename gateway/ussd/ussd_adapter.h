/* ussd_adapter.h: the provider's request and answer format, behind a small
 * interface so another aggregator (JSON, or one that sends only the latest input)
 * is one new file plus one line in ussd_adapters.c. The endpoint feeds the body
 * to the adapter as it arrives, asks it for a ussd_request, and lets it format
 * the answer. */
#ifndef TALKA_USSD_ADAPTER_H
#define TALKA_USSD_ADAPTER_H

#include "db/ussd_store.h"
#include "gateway/ussd/ussd_menu.h"

#include <microhttpd.h>

#include <stdbool.h>
#include <stddef.h>

#define USSD_TEXT_MAX 4096       /* bytes of text; a longer one is refused (400) */

struct ussd_request {
    char session_id[USSD_SESSION_ID_MAX];
    char service_code[64];
    char phone[64];              /* as the provider sent it */
    char network_code[32];
    char text[USSD_TEXT_MAX + 1];
    /* the first field whose value is over its limit ("" when none): the request
     * is answered 400 naming it, never handled with the value cut */
    char too_long[32];
    /* true: text is every input so far joined by '*' ("" first); false: the
     * latest input only */
    bool cumulative;
    /* what makes a retry recognisable: "" means the text (the form convention);
     * a provider with its own request id puts it here */
    char request_key[128];
};

struct ussd_adapter {
    const char *name;
    /* per-request state, or NULL when the request cannot be read (wrong content type) */
    void *(*begin)(struct MHD_Connection *conn);
    /* a piece of the body; false when it is malformed */
    bool (*feed)(void *state, const char *data, size_t len);
    /* the whole request read: false when a required field is missing */
    bool (*finish)(void *state, struct MHD_Connection *conn, struct ussd_request *out);
    void (*end)(void *state);
    /* the HTTP body for an answer into buf; returns its content type */
    const char *(*format)(const struct ussd_answer *a, char *buf, size_t buflen);
};



#endif
