/* anchor_service.c: the anchor of bench/kannel.sh: the least a service must do
 * to answer a text the way talka does through Kannel, with talka's libraries and
 * nothing else: an sms-service get-url answered 200 with an empty body (smsbox's
 * omit-empty), the reply (the text itself) sent through smsbox's sendsms with a
 * dlr-mask and dlr-url, and the delivery report taken at that dlr-url. Nothing is
 * stored, parsed or queued on disk, so talka's round trips a second against the
 * anchor's on the same Kannel are the price of talka's own work.
 *   HTTP side: libmicrohttpd with a pool of 4 threads and 32 KiB per connection,
 *              as talka's Kannel endpoint ([kannel] threads)
 *   sends:     one thread with a curl multi handle, up to IN_FLIGHT sendsms
 *              requests at once on kept connections, woken when a text arrives,
 *              as talka's Kannel link ([kannelN] in_flight); each request built
 *              and its answer judged by talka's own kannel_sendsms.c; a send
 *              smsbox does not take is sent again
 * usage: anchor-service PORT SENDSMS_URL USERNAME PASSWORD_FILE SMSC FROM DLR_MASK
 *        [IN_FLIGHT (64)]
 * Kannel's get-url:  http://127.0.0.1:PORT/sms?from=%p&text=%a (the dlr-url is
 * http://127.0.0.1:PORT/dlr?key=anchor&link=anchor&ref=REF&type=%d)
 * Runs until SIGTERM or SIGINT, then prints one line on stdout:
 *   anchor: RECEIVED texts, SENT sent, RESENT resent, REPORTS reports */
#include "bench/bench_http.h"
#include "gateway/kannel/kannel_sendsms.h"

#include <curl/curl.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FLIGHTS 100

/* one reply waiting to be sent */
struct reply {
    struct reply *next;
    char to[32];
    char text[];
};

/* one sendsms request in flight */
struct flight {
    CURL *easy;
    struct reply *r;
    char *url;
    size_t urlsize;
    struct kannel_answer ans;
};

static struct {
    struct kannel_sendsms req;   /* what each request is built from */
    char dlr_base[64];           /* http://127.0.0.1:PORT/dlr */
    char password[256];
    long in_flight;
    pthread_mutex_t mu;
    struct reply *head, *tail;
    CURLM *multi;
    atomic_bool stop;
    atomic_long received, sent, resent, reports;
} A = { .mu = PTHREAD_MUTEX_INITIALIZER };

static void push(struct reply *r)
{
    pthread_mutex_lock(&A.mu);
    r->next = NULL;
    if (A.tail)
        A.tail->next = r;
    else
        A.head = r;
    A.tail = r;
    pthread_mutex_unlock(&A.mu);
}

static struct reply *pop(void)
{
    pthread_mutex_lock(&A.mu);
    struct reply *r = A.head;
    if (r) {
        A.head = r->next;
        if (!A.head)
            A.tail = NULL;
    }
    pthread_mutex_unlock(&A.mu);
    return r;
}

static const char *arg(struct MHD_Connection *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned status)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"",
                                                                MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    enum MHD_Result rc = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return rc;
}

/* /sms: the reply queued for the sender; /dlr: a report counted */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)cls; (void)method; (void)version; (void)upload_data; (void)upload_size;
    (void)con_cls;
    if (!strcmp(url, "/dlr")) {
        atomic_fetch_add(&A.reports, 1);
        return answer(conn, MHD_HTTP_OK);
    }
    const char *from = arg(conn, "from"), *text = arg(conn, "text");
    if (strcmp(url, "/sms") || !from || !text || strlen(from) >= sizeof ((struct reply *)0)->to)
        return answer(conn, MHD_HTTP_BAD_REQUEST);
    struct reply *r = malloc(sizeof *r + strlen(text) + 1);
    if (!r)
        return answer(conn, MHD_HTTP_SERVICE_UNAVAILABLE);
    snprintf(r->to, sizeof r->to, "%s", from);
    strcpy(r->text, text);
    push(r);
    atomic_fetch_add(&A.received, 1);
    curl_multi_wakeup(A.multi);
    return answer(conn, MHD_HTTP_OK);
}

/* the sendsms request for f->r, built as talka builds it */
static bool start(struct flight *f, unsigned ref)
{
    char refs[16];
    snprintf(refs, sizeof refs, "%u", ref);
    if (!kannel_sendsms_url(f->easy, &A.req, f->r->to, f->r->text, refs, &f->url, &f->urlsize))
        return false;
    memset(&f->ans, 0, sizeof f->ans);
    curl_easy_setopt(f->easy, CURLOPT_URL, f->url);
    curl_easy_setopt(f->easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(f->easy, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(f->easy, CURLOPT_WRITEFUNCTION, kannel_answer_write);
    curl_easy_setopt(f->easy, CURLOPT_WRITEDATA, &f->ans);
    curl_easy_setopt(f->easy, CURLOPT_PRIVATE, (char *)f);
    return curl_multi_add_handle(A.multi, f->easy) == CURLM_OK;
}

/* a finished request: accepted (202 "0: ..." or "3: ...") or the reply queued again */
static void finish(struct flight *f, CURLcode rc)
{
    long status = 0;
    curl_easy_getinfo(f->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_multi_remove_handle(A.multi, f->easy);
    free(f->url);
    f->url = NULL;
    char err[256];
    if (rc == CURLE_OK &&
        kannel_sendsms_result(status, &f->ans, "anchor", err, sizeof err) == TSEND_OK) {
        free(f->r);
        atomic_fetch_add(&A.sent, 1);
    } else {
        push(f->r);
        atomic_fetch_add(&A.resent, 1);
    }
    f->r = NULL;
}

static void *sender(void *unused)
{
    (void)unused;
    static struct flight flights[MAX_FLIGHTS];
    unsigned ref = 0;
    for (long i = 0; i < A.in_flight; i++)
        if (!(flights[i].easy = curl_easy_init()))
            return NULL;
    while (!atomic_load(&A.stop)) {
        for (long i = 0; i < A.in_flight; i++) {
            struct flight *f = &flights[i];
            if (f->r || !(f->r = pop()))
                continue;
            if (!start(f, ++ref)) {
                free(f->url);
                f->url = NULL;
                push(f->r);
                f->r = NULL;
                break;
            }
        }
        int running, left;
        curl_multi_perform(A.multi, &running);
        CURLMsg *m;
        while ((m = curl_multi_info_read(A.multi, &left)))
            if (m->msg == CURLMSG_DONE) {
                char *priv = NULL;
                curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
                finish((struct flight *)priv, m->data.result);
            }
        curl_multi_poll(A.multi, NULL, 0, 1000, NULL);
    }
    return NULL;
}

static bool read_password(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    bool ok = fgets(A.password, sizeof A.password, f) != NULL;
    fclose(f);
    A.password[strcspn(A.password, "\r\n")] = '\0';
    return ok;
}

int main(int argc, char **argv)
{
    int port = argc >= 8 && argc <= 9 ? bench_port(argv[1]) : 0;
    if (!port) {
        fprintf(stderr, "usage: anchor-service PORT SENDSMS_URL USERNAME PASSWORD_FILE SMSC "
                "FROM DLR_MASK [IN_FLIGHT]\n");
        return 2;
    }
    snprintf(A.dlr_base, sizeof A.dlr_base, "http://127.0.0.1:%d/dlr", port);
    A.req = (struct kannel_sendsms){
        .url = argv[2], .user = argv[3], .password = A.password, .smsc = argv[5],
        .from = argv[6], .dlr_base = A.dlr_base, .key = "anchor", .link = "anchor",
        .dlr_mask = atol(argv[7]),
    };
    A.in_flight = argc == 9 ? atol(argv[8]) : 64;
    if (A.in_flight < 1 || A.in_flight > MAX_FLIGHTS || !read_password(argv[4])) {
        fprintf(stderr, "anchor-service: IN_FLIGHT 1-%d, or cannot read %s\n", MAX_FLIGHTS,
                argv[4]);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (!(A.multi = curl_multi_init()))
        return 1;
    bench_block_signals();   /* before any thread starts: only bench_wait takes them */
    struct MHD_Daemon *d = bench_http_start("anchor-service", port, on_request, NULL);
    if (!d)
        return 1;
    pthread_t th;
    if (pthread_create(&th, NULL, sender, NULL)) {
        MHD_stop_daemon(d);
        return 1;
    }
    bench_wait();
    MHD_stop_daemon(d);
    atomic_store(&A.stop, true);
    curl_multi_wakeup(A.multi);
    pthread_join(th, NULL);
    printf("anchor: %ld texts, %ld sent, %ld resent, %ld reports\n", atomic_load(&A.received),
           atomic_load(&A.sent), atomic_load(&A.resent), atomic_load(&A.reports));
    return 0;
}
