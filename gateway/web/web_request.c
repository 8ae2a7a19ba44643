/* web_request.c: helpers of one dashboard request (see web_request.h). */
#include "gateway/web/web_request.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *web_arg(const struct web_req *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct self_query {
    struct buf *b;
    int n;
};

/* only the arguments that say which volunteer or text (id), report (n) or page
 * (before), and only as numbers: no text from an address rides along */
static enum MHD_Result self_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    struct self_query *q = cls;
    if (strcmp(key, "id") && strcmp(key, "n") && strcmp(key, "before"))
        return MHD_YES;
    if (!value || !*value || value[strspn(value, "0123456789")] || strlen(value) > 19)
        return MHD_YES;
    buf_put(q->b, q->n++ ? "&" : "?");
    buf_put(q->b, key);
    buf_put(q->b, "=");
    buf_put(q->b, value);
    return MHD_YES;
}

void web_self(const struct web_req *rq, struct buf *b)
{
    struct self_query q = { b, 0 };
    buf_put(b, rq->path);
    if (rq->conn)
        MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, self_arg, &q);
}

const char *web_field(const struct web_req *rq, const char *name)
{
    if (!rq->form)
        return NULL;
    for (int i = 0; i < rq->form->n; i++)
        if (!strcmp(rq->form->keys[i], name))
            return rq->form->vals[i].p ? rq->form->vals[i].p : "";
    return NULL;
}

long long web_num(const struct web_req *rq, const char *name)
{
    const char *s = rq->post ? web_field(rq, name) : NULL;
    if (!s)
        s = web_arg(rq, name);
    if (!s || !*s)
        return 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    return *end || v <= 0 ? 0 : v;
}

bool web_local_path(const char *path)
{
    if (!path || path[0] != '/' || path[1] == '/')
        return false;
    /* browsers drop tabs and newlines and read "\\" as "/": "/\t/host" and
     * "/\\host" would leave the site; no control character, no backslash at all */
    for (const unsigned char *s = (const unsigned char *)path; *s; s++)
        if (*s < 0x20 || *s == 0x7f || *s == '\\')
            return false;
    return true;
}

void web_redirect(struct web_req *rq, const char *path)
{
    rq->status = MHD_HTTP_SEE_OTHER;
    /* only local paths: never an open redirect */
    if (!web_local_path(path))
        path = "/overview";
    snprintf(rq->location, sizeof rq->location, "%s", path);
    rq->type = "text/plain; charset=utf-8";
    rq->out.len = 0;
    buf_put(&rq->out, "");
}

void web_json(struct web_req *rq, void *o)
{
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s) {
        web_fail(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
        return;
    }
    rq->status = MHD_HTTP_OK;
    rq->type = "application/json";
    buf_put(&rq->out, s);
    free(s);
}

void web_fail(struct web_req *rq, unsigned status, const char *msg)
{
    rq->status = status;
    rq->out.len = 0;
    buf_put(&rq->out, "");
    if (!strncmp(rq->path, "/api/", 5)) {
        rq->type = "application/json";
        buf_put(&rq->out, "{\"error\":\"");
        for (const char *s = msg; *s; s++)
            if (*s != '"' && *s != '\\' && (unsigned char)*s >= 0x20)
                buf_putn(&rq->out, s, 1);
        buf_put(&rq->out, "\"}\n");
        return;
    }
    rq->type = "text/html; charset=utf-8";
    buf_printf(&rq->out, "<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
                         "<title>%u</title><link rel=\"stylesheet\" href=\"/assets/style.css\">"
                         "</head><body><main class=\"narrow\"><h1>%u</h1><p>",
               rq->en ? "en" : "lv", status, status);
    buf_esc(&rq->out, msg);
    buf_printf(&rq->out, "</p><p><a href=\"/\">%s</a></p></main></body></html>\n",
               TR(rq, "Uz sākumu", "Back to the start"));
}

void web_cookie(struct web_req *rq, const char *name, const char *value, long max_age)
{
    if (rq->ncookies >= 3)
        return;
    char age[32] = "";
    if (max_age >= 0)
        snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
    snprintf(rq->cookies[rq->ncookies++], sizeof rq->cookies[0],
             "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value, age,
             rq->secure ? "; Secure" : "");
}

const char *web_cookie_get(const struct web_req *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

enum MHD_Result web_form_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                              const char *filename, const char *content_type,
                              const char *transfer_encoding, const char *data, uint64_t off,
                              size_t size)
{
    (void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
    struct web_form *f = cls;
    f->total += size + strlen(key);
    if (f->total > WEB_BODY_MAX) {
        f->too_big = true;
        return MHD_NO;
    }
    int i = 0;
    while (i < f->n && strcmp(f->keys[i], key))
        i++;
    if (i == f->n) {
        if (f->n == WEB_FORM_MAX)
            return MHD_YES;       /* extra fields are ignored */
        f->keys[i] = strdup(key);
        if (!f->keys[i])
            return MHD_NO;
        memset(&f->vals[i], 0, sizeof f->vals[i]);
        buf_put(&f->vals[i], "");
        f->n++;
    } else if (off == 0) {
        buf_put(&f->vals[i], "\n");   /* a field given again (checkboxes): one value a line */
    }
    if (size)
        buf_putn(&f->vals[i], data, size);
    return f->vals[i].oom ? MHD_NO : MHD_YES;
}

void web_form_free(struct web_form *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->n; i++) {
        free(f->keys[i]);
        buf_free(&f->vals[i]);
    }
    free(f);
}
