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
 *              as talka's Kannel link ([kannelN] in_flight); a send smsbox does
 *              not accept (503, no answer) is sent again
 * usage: anchor-service PORT SENDSMS_URL USERNAME PASSWORD_FILE SMSC FROM DLR_MASK
 *        [IN_FLIGHT (64)]
 * Kannel's get-url:  http://127.0.0.1:PORT/sms?from=%p&text=%a
 * Runs until SIGTERM or SIGINT, then prints one line on stdout:
 *   anchor: RECEIVED texts, SENT sent, RESENT resent, REPORTS reports */
#include <curl/curl.h>
#include <microhttpd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
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
    char answer[256];
    size_t len;
};

static struct {
    char port[8];
    const char *sendsms;      /* http://HOST:PORT/cgi-bin/sendsms */
    const char *user, *smsc, *from;
    char password[256];
    long dlr_mask;
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

static size_t on_answer(char *p, size_t size, size_t n, void *arg)
{
    struct flight *f = arg;
    size_t len = size * n, room = sizeof f->answer - 1 - f->len;
    size_t take = len < room ? len : room;
    memcpy(f->answer + f->len, p, take);
    f->len += take;
    f->answer[f->len] = '\0';
    return len;
}

static bool add(CURL *c, char *url, size_t size, const char *key, const char *value)
{
    char *v = curl_easy_escape(c, value, 0);
    if (!v)
        return false;
    size_t len = strlen(url);
    int n = snprintf(url + len, size - len, "%s%s=%s", strchr(url, '?') ? "&" : "?", key, v);
    curl_free(v);
    return n > 0 && (size_t)n < size - len;
}

static bool ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* the sendsms request for f->r, the same parameters as talka's (kannel_sendsms.c) */
static bool start(struct flight *f, unsigned ref)
{
    size_t size = strlen(f->r->text) * 3 + 4096;
    char mask[16], dlr[256];
    if (!(f->url = malloc(size)))
        return false;
    snprintf(f->url, size, "%s", A.sendsms);
    snprintf(mask, sizeof mask, "%ld", A.dlr_mask);
    snprintf(dlr, sizeof dlr, "http://127.0.0.1:%s/dlr?ref=%u&type=%%d", A.port, ref);
    bool ok = add(f->easy, f->url, size, "username", A.user) &&
              add(f->easy, f->url, size, "password", A.password) &&
              add(f->easy, f->url, size, "to", f->r->to) &&
              add(f->easy, f->url, size, "text", f->r->text) &&
              add(f->easy, f->url, size, "charset", "UTF-8") &&
              add(f->easy, f->url, size, "coding", ascii(f->r->text) ? "0" : "2") &&
              add(f->easy, f->url, size, "smsc", A.smsc) &&
              add(f->easy, f->url, size, "from", A.from);
    if (ok && A.dlr_mask)
        ok = add(f->easy, f->url, size, "dlr-mask", mask) &&
             add(f->easy, f->url, size, "dlr-url", dlr);
    if (!ok)
        return false;
    f->len = 0;
    f->answer[0] = '\0';
    curl_easy_setopt(f->easy, CURLOPT_URL, f->url);
    curl_easy_setopt(f->easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(f->easy, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(f->easy, CURLOPT_WRITEFUNCTION, on_answer);
    curl_easy_setopt(f->easy, CURLOPT_WRITEDATA, f);
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
    if (rc == CURLE_OK && (status == 202 || status == 200) &&
        (!strncmp(f->answer, "0:", 2) || !strncmp(f->answer, "3:", 2))) {
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
    if (argc < 8 || argc > 9 || atoi(argv[1]) <= 0 || atoi(argv[1]) > 65535) {
        fprintf(stderr, "usage: anchor-service PORT SENDSMS_URL USERNAME PASSWORD_FILE SMSC "
                "FROM DLR_MASK [IN_FLIGHT]\n");
        return 2;
    }
    snprintf(A.port, sizeof A.port, "%d", atoi(argv[1]));
    A.sendsms = argv[2];
    A.user = argv[3];
    A.smsc = argv[5];
    A.from = argv[6];
    A.dlr_mask = atol(argv[7]);
    A.in_flight = argc == 9 ? atol(argv[8]) : 64;
    if (A.in_flight < 1 || A.in_flight > MAX_FLIGHTS || !read_password(argv[4])) {
        fprintf(stderr, "anchor-service: IN_FLIGHT 1-%d, or cannot read %s\n", MAX_FLIGHTS,
                argv[4]);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (!(A.multi = curl_multi_init()))
        return 1;
    /* the signals go to sigwait below, never to the HTTP or sender threads */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)atoi(argv[1]));
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, 0, NULL, NULL, on_request, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, 4u,
        MHD_OPTION_CONNECTION_LIMIT, 512u,
        MHD_OPTION_CONNECTION_TIMEOUT, 60u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 512u,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "anchor-service: cannot listen on 127.0.0.1:%s\n", A.port);
        return 1;
    }
    pthread_t th;
    if (pthread_create(&th, NULL, sender, NULL)) {
        MHD_stop_daemon(d);
        return 1;
    }
    int sig;
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    atomic_store(&A.stop, true);
    curl_multi_wakeup(A.multi);
    pthread_join(th, NULL);
    printf("anchor: %ld texts, %ld sent, %ld resent, %ld reports\n", atomic_load(&A.received),
           atomic_load(&A.sent), atomic_load(&A.resent), atomic_load(&A.reports));
    return 0;
}
