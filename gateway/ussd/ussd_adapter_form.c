/* ussd_adapter_form.c: the common aggregator convention: POST form fields
 * sessionId, serviceCode, phoneNumber, networkCode and text (every input so far
 * joined by '*'), read with libmicrohttpd's post processor; the answer is
 * text/plain "CON ..." or "END ...". */
#include "gateway/ussd/ussd_adapter_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct form {
    struct MHD_PostProcessor *pp;
    struct ussd_request rq;
    bool has_session, has_phone;
};

/* appends a chunk of a field's value at off; a value that does not fit its
 * buffer marks the request as over a limit (answered 400), never cut */
static void put(struct form *f, const char *key, char *buf, size_t cap, const char *data,
                uint64_t off, size_t size)
{
    if (off + size > cap - 1) {
        if (!f->rq.too_long[0])
            snprintf(f->rq.too_long, sizeof f->rq.too_long, "%s", key);
        return;
    }
    memcpy(buf + off, data, size);
    buf[off + size] = '\0';
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *filename, const char *content_type,
                                const char *transfer_encoding, const char *data,
                                uint64_t off, size_t size)
{
    (void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
    struct form *f = cls;
    struct ussd_request *rq = &f->rq;
    if (!strcmp(key, "sessionId")) {
        put(f, key, rq->session_id, sizeof rq->session_id, data, off, size);
        f->has_session = true;
    } else if (!strcmp(key, "phoneNumber")) {
        put(f, key, rq->phone, sizeof rq->phone, data, off, size);
        f->has_phone = true;
    } else if (!strcmp(key, "serviceCode")) {
        put(f, key, rq->service_code, sizeof rq->service_code, data, off, size);
    } else if (!strcmp(key, "networkCode")) {
        put(f, key, rq->network_code, sizeof rq->network_code, data, off, size);
    } else if (!strcmp(key, "text")) {
        put(f, key, rq->text, sizeof rq->text, data, off, size);
    }
    return MHD_YES;
}

static void *form_begin(struct MHD_Connection *conn)
{
    struct form *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->rq.cumulative = true;
    f->pp = MHD_create_post_processor(conn, 1024, on_field, f);
    if (!f->pp) {     /* not a form: wrong or missing Content-Type */
        free(f);
        return NULL;
    }
    return f;
}

static bool form_feed(void *state, const char *data, size_t len)
{
    struct form *f = state;
    return MHD_post_process(f->pp, data, len) == MHD_YES;
}

static bool form_finish(void *state, struct MHD_Connection *conn, struct ussd_request *out)
{
    (void)conn;
    struct form *f = state;
    if (f->rq.too_long[0]) {
        *out = f->rq;     /* the caller answers 400 naming the field */
        return true;
    }
    if (!f->has_session || !f->has_phone || !f->rq.session_id[0] || !f->rq.phone[0])
        return false;
    *out = f->rq;
    return true;
}

static void form_end(void *state)
{
    struct form *f = state;
    if (!f)
        return;
    if (f->pp)
        MHD_destroy_post_processor(f->pp);
    free(f);
}

static const char *form_format(const struct ussd_answer *a, char *buf, size_t buflen)
{
    snprintf(buf, buflen, "%s %s", a->end ? "END" : "CON", a->text);
    return "text/plain; charset=utf-8";
}

const struct ussd_adapter ussd_adapter_form = {
    .name = "form",
    .begin = form_begin,
    .feed = form_feed,
    .finish = form_finish,
    .end = form_end,
    .format = form_format,
};
