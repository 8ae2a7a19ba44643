/* kannel_service.c: the endpoint Kannel's smsbox calls inside `talka run`
 * (libmicrohttpd, [kannel] listen):
 *   /kannel/sms   an sms-service get-url (or post-url: the text in the body, the
 *                 rest in the query or X-Kannel headers): the text is stored (and handled) before
 *                 the answer, 200 with an empty body; the reply goes through
 *                 talka's own queue and leaves by a link's sender. A repeat of the
 *                 same Kannel message id (smsbox's http-request-retry, bearerbox's
 *                 store after a restart) is recognised and not stored twice.
 *   /kannel/dlr   a dlr-url: the delivery report updates the outbound row.
 * Every caller must come from [kannel] allow (closed at accept otherwise) and give
 * the `key` (the secret in [kannel] secret_file); without it 403 and nothing more.
 * Served by gateway/core/http_endpoint; the port is bound at check time. A database
 * error answers 503, so Kannel asks again later. Staff hear about texts Kannel
 * refused for good (kannel_alert.c). */
#include "gateway/kannel/kannel_service.h"

#include "db/outbox.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/core/http_endpoint.h"
#include "gateway/core/service.h"
#include "gateway/core/thread_dbs.h"
#include "gateway/core/transport.h"
#include "gateway/kannel/kannel_alert.h"
#include "gateway/kannel/kannel_text.h"
#include "gateway/kannel/kannel_transport.h"

#include <assert.h>
#include <jansson.h>
#include <microhttpd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS THREAD_DBS_MAX   /* a connection each */

struct kannel_server {
    struct http_endpoint *http;   /* bound by kannel_check(), served from kannel_start() */
    const struct app *app;
    struct pipeline *pipe;
    char links[TRANSPORT_MAX_LINKS][32];   /* the configured Kannel links */
    int nlinks;
    struct thread_dbs dbs;        /* one connection per server thread */
};

/* the longest text taken, in the query (get-url) or the body (post-url) alike;
 * a long SMS is some 1 600 bytes, 8 KiB in UTF-16 hex still fits */
#define TEXT_MAX 8192
/* the longest Kannel message id (its %I is a 36-character UUID): a longer one is
 * refused, never cut, so two ids can never share a replay key */
#define ID_MAX 200

/* a post-url request's body: the text */
struct post_body {
    char text[TEXT_MAX];
    size_t len;
    bool too_big;
};

static struct kannel_server *server;

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const char *body)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body,
                                                             MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain");
    enum MHD_Result rc = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return rc;
}

static const char *arg(struct MHD_Connection *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);
}

static bool link_known(const struct kannel_server *S, const char *link)
{
    for (int i = 0; link && i < S->nlinks; i++)
        if (!strcmp(S->links[i], link))
            return true;
    return false;
}

static const char *header(struct MHD_Connection *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

/* "text/plain; charset=\"UTF-16BE\"" -> UTF-16BE */
static void content_charset(struct MHD_Connection *conn, char *out, size_t len)
{
    out[0] = '\0';
    const char *ct = header(conn, MHD_HTTP_HEADER_CONTENT_TYPE);
    const char *p = ct ? strcasestr(ct, "charset=") : NULL;
    if (!p)
        return;
    p += 8;
    if (*p == '"')
        p++;
    size_t n = strcspn(p, "\"; ");
    snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), p);
}

/* The text in UTF-8 (malloc'd, *len bytes), or as it came when it is not in
 * the charset Kannel named; NULL when out of memory. */
static char *decoded_text(const char *link, const char *raw, size_t rawlen, const char *coding,
                          const char *charset, size_t *len)
{
    char *text = NULL;
    char err[256] = "";
    if (!kannel_text_utf8(raw, rawlen, coding, charset, &text, len, err, sizeof err)) {
        /* kept verbatim (the pipeline stores any bytes and answers what it cannot
         * read kindly): refusing would only make Kannel send it again and again */
        log_warn("kannel: %s: a text from Kannel is not in its charset (%s); stored as it came",
                 link, err);
        text = malloc(rawlen + 1);
        if (!text)
            return NULL;
        memcpy(text, raw, rawlen);
        text[rawlen] = '\0';
        *len = rawlen;
    }
    return text;
}

/* get-url: everything in the query; post-url: the text is the body (body != NULL),
 * the rest in the query or Kannel's X-Kannel headers */
static enum MHD_Result on_sms(struct kannel_server *S, struct MHD_Connection *conn,
                              const char *link, const char *body, size_t bodylen)
{
    const char *from = arg(conn, "from");
    const char *raw = NULL;
    size_t rawlen = 0;
    char body_charset[40] = "";
    if (body) {
        raw = body;
        rawlen = bodylen;
        if (!from)
            from = header(conn, "X-Kannel-From");
        content_charset(conn, body_charset, sizeof body_charset);
    } else if (MHD_lookup_connection_value_n(conn, MHD_GET_ARGUMENT_KIND, "text", 4, &raw,
                                             &rawlen) != MHD_YES) {
        raw = NULL;
    }
    if (raw && rawlen > TEXT_MAX)
        return reply(conn, MHD_HTTP_CONTENT_TOO_LARGE, "too large\n");
    if (!from || !*from || !raw) {
        log_warn("kannel: %s: a request without %s (post-url needs send-sender = true in "
                 "kannel.conf's sms-service, or from=%%p in the URL)", link,
                 !raw ? "text" : "sender");
        return reply(conn, MHD_HTTP_BAD_REQUEST, "from and text are required\n");
    }
    const char *coding = arg(conn, "coding");
    const char *charset = arg(conn, "charset");
    const char *id = arg(conn, "id");
    const char *smsc = arg(conn, "smsc");
    if (body) {
        if (!coding)
            coding = header(conn, "X-Kannel-Coding");
        if (!charset && body_charset[0])
            charset = body_charset;
        if (!smsc)
            smsc = header(conn, "X-Kannel-SMSC");
    }
    if (id && strlen(id) > ID_MAX)
        return reply(conn, MHD_HTTP_BAD_REQUEST, "id is longer than 200 characters\n");
    const char *stamp = arg(conn, "time");
    size_t len = 0;
    char *text = decoded_text(link, raw, rawlen, coding, charset, &len);
    if (!text)
        return reply(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "try again later\n");
    time_t now = clock_now();
    time_t at = stamp ? (time_t)strtoll(stamp, NULL, 10) : 0;
    if (at < now - 7 * 86400 || at > now + 300)
        at = now;
    char tid[ID_MAX + 16] = "";
    if (id && *id)
        snprintf(tid, sizeof tid, "kannel/%s", id);
    char *meta = NULL;
    json_t *j = json_pack("{s:s, s:s?}", "smsc", smsc ? smsc : "", "kannel_id", id);
    if (j) {
        meta = json_dumps(j, JSON_COMPACT);
        json_decref(j);
    }
    struct inbound_msg in = {
        .channel = "sms", .transport = link, .transport_id = tid[0] ? tid : NULL,
        .sender = from, .text = text, .len = len, .received_at = at, .meta_json = meta,
    };
    struct db *db = thread_dbs_get(&S->dbs);
    struct pipeline_outcome out;
    bool ok = db && pipeline_handle(S->pipe, db, &in, 0, &out);
    free(meta);
    free(text);
    if (!ok) {
        log_error("kannel: %s: cannot store a text from Kannel (database error); answered "
                  "503 so Kannel sends it again", link);
        return reply(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "try again later\n");
    }
    if (out.already_handled)
        log_info("kannel: %s: Kannel sent message %s again: not stored twice (inbound %lld)",
                 link, id ? id : "?", (long long)out.inbound_id);
    if (out.reply_due)
        kannel_transport_wake(link);
    return reply(conn, MHD_HTTP_OK, "");
}

/* Kannel's report types: 1 delivered, 2 undelivered, 4 buffered at the SMSC,
 * 8 accepted by the SMSC, 16 rejected by the SMSC. */
static enum MHD_Result on_dlr(struct kannel_server *S, struct MHD_Connection *conn,
                              const char *link)
{
    const char *ref = arg(conn, "ref");
    const char *type_s = arg(conn, "type");
    if (!ref || !*ref || !type_s || !*type_s)
        return reply(conn, MHD_HTTP_BAD_REQUEST, "ref and type are required\n");
    long type = strtol(type_s, NULL, 10);
    if (!(type & (1 | 2 | 16))) {
        log_debug("kannel: %s: report type %ld for %s (the SMSC has it)", link, type, ref);
        return reply(conn, MHD_HTTP_OK, "");
    }
    bool delivered = (type & 1) != 0;
    struct db *db = thread_dbs_get(&S->dbs);
    if (!db)
        return reply(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "try again later\n");
    /* a report can overtake the sender's own record of the send: then it is kept
     * and applied when the send is recorded (no thread waits for the sender) */
    int r = outbox_report_or_keep(db, link, ref, delivered, clock_now());
    if (r < 0)
        return reply(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "try again later\n");
    log_debug("kannel: %s: delivery report for %s: %s%s", link, ref,
              delivered ? "delivered" : "failed", r ? "" : " (before the send was recorded)");
    return reply(conn, MHD_HTTP_OK, "");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    struct kannel_server *S = cls;
    struct post_body *pb = *con_cls;
    if (!pb) {
        /* [kannel] allow was applied as the connection was accepted (http_endpoint) */
        unsigned refused = http_endpoint_key_check(S->http, conn);
        if (refused)
            return reply(conn, refused, "");
        if (!link_known(S, arg(conn, "link")))
            return reply(conn, MHD_HTTP_BAD_REQUEST, "link is not a configured [kannelN]\n");
        if (!strcmp(method, MHD_HTTP_METHOD_POST) && !strcmp(url, "/kannel/sms")) {
            /* post-url: the body is the text; collected over the next calls */
            pb = calloc(1, sizeof *pb);
            if (!pb)
                return MHD_NO;
            *con_cls = pb;
            return MHD_YES;
        }
        if (strcmp(method, MHD_HTTP_METHOD_GET))
            return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED,
                         "GET (get-url, dlr-url) or POST (post-url) only\n");
    }
    const char *link = arg(conn, "link");
    if (pb) {
        if (*upload_size) {
            if (pb->len + *upload_size > sizeof pb->text)
                pb->too_big = true;
            else
                memcpy(pb->text + pb->len, upload_data, *upload_size);
            pb->len += *upload_size;
            *upload_size = 0;
            return MHD_YES;
        }
        if (pb->too_big)
            return reply(conn, MHD_HTTP_CONTENT_TOO_LARGE, "too large\n");
        return on_sms(S, conn, link, pb->text, pb->len);
    }
    if (!strcmp(url, "/kannel/sms"))
        return on_sms(S, conn, link, NULL, 0);
    if (!strcmp(url, "/kannel/dlr"))
        return on_dlr(S, conn, link);
    return reply(conn, MHD_HTTP_NOT_FOUND, "not found\n");
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls; (void)conn; (void)toe;
    free(*con_cls);
    *con_cls = NULL;
}

static bool kannel_enabled(const struct app *a)
{
    const char *l = config_str(a->cfg, "kannel", "listen");
    return l && *l;
}

static void server_free(struct kannel_server *S)
{
    if (!S)
        return;
    http_endpoint_close(S->http);   /* first: no request runs after this */
    thread_dbs_close(&S->dbs);
    free(S);
}

/* the endpoint: bound now, so a busy port is found before anything starts */
static int open_endpoint(struct kannel_server *S, const struct config *cfg, char *err,
                         size_t errlen)
{
    /* ranges (and max_connections >= threads) are the key table's, checked on reading */
    long threads = config_int(cfg, "kannel", "threads");
    long max_conn = config_int(cfg, "kannel", "max_connections");
    long timeout = config_int(cfg, "kannel", "timeout");
    long per_ip = config_int(cfg, "kannel", "per_ip_connections");
    assert(threads <= MAX_THREADS && "the key table's [kannel] threads range");
    struct http_endpoint_spec spec = {
        .section = "kannel", .secret_key = "secret_file",
        .handler = on_request, .completed = on_completed, .cls = S,
        .threads = (unsigned)threads, .max_conn = (unsigned)max_conn,
        .per_ip = (unsigned)per_ip,   /* one allowed address cannot hold them all */
        .timeout = (unsigned)timeout, .backlog = 512,
        /* 32 KiB: Kannel's requests are a few hundred bytes, and libmicrohttpd
         * takes a larger pool from mmap for every connection, whose munmap
         * (TLB shootdowns on every core) cost a third of talka's CPU per text */
        .conn_memory = 32 * 1024,
    };
    return http_endpoint_open(cfg, &spec, &S->http, err, errlen);
}

/* Before any service starts: 2 for a wrong value, 1 for a secret or port that
 * cannot be used; the socket is bound here. */
static int kannel_check(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    server_free(server);
    server = NULL;
    struct kannel_server *S = calloc(1, sizeof *S);
    if (!S) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    S->app = ctx->app;
    thread_dbs_init(&S->dbs, ctx->app, "kannel", NULL);
    S->pipe = ctx->pipe;
    for (int i = 0; i < ctx->policy->nlinks; i++)
        if (!strcmp(ctx->policy->links[i].kind->name, "kannel"))
            snprintf(S->links[S->nlinks++], sizeof S->links[0], "%s", ctx->policy->links[i].name);
    int code = open_endpoint(S, ctx->app->cfg, err, errlen);
    if (code) {
        server_free(S);
        return code;
    }
    server = S;
    return 0;
}

static bool kannel_start(struct daemon_ctx *ctx, char *err, size_t errlen)
{
    if (!server && kannel_check(ctx, err, errlen) != 0)
        return false;
    struct kannel_server *S = server;
    if (!S->nlinks)
        log_warn("kannel: [kannel] listen is set but no [kannelN] section names a sendsms_url: "
                 "every request will be refused");
    if (!http_endpoint_start(S->http, err, errlen))
        goto fail;
    if (!kannel_alert_start(ctx, err, errlen))
        goto fail;
    log_info("kannel: answering at http://%s/kannel/sms and /kannel/dlr for %d link%s",
             http_endpoint_address(S->http), S->nlinks, S->nlinks == 1 ? "" : "s");
    return true;
fail:
    server_free(S);
    server = NULL;
    return false;
}

static void kannel_stop(struct daemon_ctx *ctx)
{
    (void)ctx;
    kannel_alert_stop();
    server_free(server);
    server = NULL;
}

const struct service kannel_service = {
    .name = "kannel",
    .enabled = kannel_enabled,
    .check = kannel_check,
    .start = kannel_start,
    .reload = NULL,
    .stop = kannel_stop,
};
