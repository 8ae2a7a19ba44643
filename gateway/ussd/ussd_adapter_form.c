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

/* appends a chunk of a field's value at off, cutting at the buffer's size */
static void put(char *buf, size_t cap, const char *data, uint64_t off, size_t size, bool *cut)
{
    if (off >= cap - 1) {
        if (size && cut)
            *cut = true;
        return;
    }
    size_t n = size;
    if (off + n > cap - 1) {
        n = (size_t)(cap - 1 - off);
        if (cut)
            *cut = true;
    }
    memcpy(buf + off, data, n);
    buf[off + n] = '\0';
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *filename, const char *content_type,
                                const char *transfer_encoding, const char *data,
                                uint64_t off, size_t size)
{
    (void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
    struct form *f = cls;
    struct ussd_request *rq = &f->rq;
    bool ignored;
    if (!strcmp(key, "sessionId")) {
        put(rq->session_id, sizeof rq->session_id, data, off, size, &ignored);
        f->has_session = true;
    } else if (!strcmp(key, "phoneNumber")) {
        put(rq->phone, sizeof rq->phone, data, off, size, &ignored);
        f->has_phone = true;
    } else if (!strcmp(key, "serviceCode")) {
        put(rq->service_code, sizeof rq->service_code, data, off, size, &ignored);
    } else if (!strcmp(key, "networkCode")) {
        put(rq->network_code, sizeof rq->network_code, data, off, size, &ignored);
    } else if (!strcmp(key, "text")) {
        put(rq->text, sizeof rq->text, data, off, size, &rq->text_overlong);
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
