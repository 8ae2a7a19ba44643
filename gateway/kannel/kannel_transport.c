/* kannel_transport.c: a Kannel link as a transport (see core/transport.h): one
 * [kannelN] section names a smsbox's HTTP `sendsms` interface. The modem service
 * drives it like a modem (its own thread and database connection, the link's rate,
 * retries with backoff, reconnects, its row in `talka status`); sending is one
 * sendsms request per text, which Kannel splits into concatenated parts itself.
 * Several requests are in flight at once ([kannelN] in_flight, curl's multi
 * interface; smsbox answers each once bearerbox has taken the text), so a link
 * is not held to one round trip to bearerbox per text.
 * Nothing is polled: Kannel pushes incoming texts and delivery reports to
 * kannel_service's HTTP endpoint, which stores them and wakes this link's idle
 * wait so replies leave at once. Kannel's answers map to talka's:
 *   202 "0: Accepted for delivery", "3: Queued for later delivery"   sent
 *   503, other 5xx, no answer                                        retried
 *   4xx ("Not routable", "Authorization failed", ...)                 failed
 * Each text gets a reference of our own, carried in its dlr-url, so a delivery
 * report finds its outbound row. */
#include "gateway/kannel/kannel_transport.h"

#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/base/secret_key.h"
#include "gateway/core/transport.h"
#include "gateway/kannel/kannel_sendsms.h"

#include <curl/curl.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define MAX_LINKS 10

/* one sendsms request in flight */
struct flight {
    CURL *easy;
    char *url;                /* holds the password: wiped when done */
    size_t urlsize;
    struct kannel_answer ans;
    char ref[16];             /* our reference, in its dlr-url */
    char errbuf[CURL_ERROR_SIZE];
    bool busy;
};

struct transport {
    char name[32];            /* kannel0, kannel1, ... (the section's name) */
    char sendsms[512];        /* http://127.0.0.1:13013/cgi-bin/sendsms */
    char user[128];
    char password[256];
    char smsc[64];            /* Kannel's smsc-id to route through ("" any) */
    char from[32];            /* the sender shown to volunteers ("" Kannel's default) */
    char dlr_base[512];       /* talka's /kannel/dlr as Kannel reaches it */
    char key[256];            /* [kannel] secret, proves a callback is Kannel's */
    long dlr_mask;
    long timeout_s;
    long rate;                /* parts a minute, 0 none: idle() never sleeps longer */
    long in_flight;           /* sendsms requests at once */
    CURL *curl;               /* connect()'s probe */
    CURLM *multi;             /* the sends; its wakeup ends idle() early */
    struct flight *flights;   /* [in_flight] */
    bool connected;
    atomic_bool aborting;
    unsigned counter;
};

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static struct transport *table[MAX_LINKS];
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

static bool link_number(const char *name, int *num)
{
    char tail;
    return sscanf(name, "kannel%d%c", num, &tail) == 1 && *num >= 0 && *num < MAX_LINKS;
}

static int k_configured(const struct config *cfg, char names[][32], int max)
{
    int n = 0;
    for (int i = 0; i < MAX_LINKS && n < max; i++) {
        char section[32];
        snprintf(section, sizeof section, "kannel%d", i);
        if (!*config_str(cfg, section, "sendsms_url"))
            continue;
        if (!config_bool(cfg, section, "enabled"))
            continue;
        snprintf(names[n++], 32, "%s", section);
    }
    return n;
}

void kannel_transport_wake(const char *link)
{
    pthread_mutex_lock(&table_mu);
    for (int i = 0; i < MAX_LINKS; i++) {
        struct transport *t = table[i];
        if (t && (!link || !strcmp(t->name, link)))
            curl_multi_wakeup(t->multi);
    }
    pthread_mutex_unlock(&table_mu);
}

static struct transport *k_open(const struct config *cfg, const char *name, char *err,
                                size_t errlen)
{
    int num;
    if (!link_number(name, &num)) {
        snprintf(err, errlen, "%s: not a Kannel link name (kannel0 ... kannel9)", name);
        return NULL;
    }
    pthread_once(&curl_once, curl_init);
    struct transport *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(t->name, sizeof t->name, "%s", name);
    const char *s = t->name;
    snprintf(t->sendsms, sizeof t->sendsms, "%s", config_str(cfg, s, "sendsms_url"));
    snprintf(t->user, sizeof t->user, "%s", config_str(cfg, s, "username"));
    snprintf(t->smsc, sizeof t->smsc, "%s", config_str(cfg, s, "smsc"));
    snprintf(t->from, sizeof t->from, "%s", config_str(cfg, s, "from"));
    t->dlr_mask = config_int(cfg, s, "dlr_mask");
    t->timeout_s = config_int(cfg, s, "timeout");
    t->rate = config_int(cfg, s, "rate");
    t->in_flight = config_int(cfg, s, "in_flight");
    const char *listen = config_str(cfg, "kannel", "listen");
    char def_cb[160];
    snprintf(def_cb, sizeof def_cb, "http://%s", listen);
    const char *cb = config_given(cfg, "kannel", "callback_url")
                         ? config_str(cfg, "kannel", "callback_url") : def_cb;
    snprintf(t->dlr_base, sizeof t->dlr_base, "%s/kannel/dlr", cb);
    if (!t->user[0]) {
        snprintf(err, errlen, "[%s] username is missing (a sendsms-user of kannel.conf)", s);
        goto fail;
    }
    if (!config_secret(cfg, s, "password_file", t->password, sizeof t->password, err, errlen))
        goto fail;
    if (t->dlr_mask && !listen[0]) {
        snprintf(err, errlen, "[%s] asks for delivery reports (dlr_mask) but [kannel] listen "
                 "is not set: Kannel would have nowhere to send them", s);
        goto fail;
    }
    if (t->dlr_mask &&
        !secret_key_config(cfg, "kannel", "secret_file", t->key, sizeof t->key, err, errlen))
        goto fail;
    t->multi = curl_multi_init();
    t->flights = calloc((size_t)t->in_flight, sizeof *t->flights);
    if (!t->multi || !t->flights) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    pthread_mutex_lock(&table_mu);
    table[num] = t;
    pthread_mutex_unlock(&table_mu);
    return t;
fail:
    if (t->multi)
        curl_multi_cleanup(t->multi);
    free(t->flights);
    memset(t->password, 0, sizeof t->password);
    memset(t->key, 0, sizeof t->key);
    free(t);
    return NULL;
}

static void flight_clear(struct flight *f)
{
    if (f->url) {
        memset(f->url, 0, f->urlsize);
        free(f->url);
    }
    f->url = NULL;
    f->busy = false;
}

/* Requests still in flight are dropped (the modem service has collected them
 * all before it disconnects). */
static void k_disconnect(struct transport *t)
{
    if (t->curl)
        curl_easy_cleanup(t->curl);
    t->curl = NULL;
    for (long i = 0; i < t->in_flight; i++) {
        struct flight *f = &t->flights[i];
        if (f->busy)
            curl_multi_remove_handle(t->multi, f->easy);
        flight_clear(f);
        if (f->easy)
            curl_easy_cleanup(f->easy);
        f->easy = NULL;
    }
    t->connected = false;
}

static void k_close(struct transport *t)
{
    if (!t)
        return;
    pthread_mutex_lock(&table_mu);
    for (int i = 0; i < MAX_LINKS; i++)
        if (table[i] == t)
            table[i] = NULL;
    pthread_mutex_unlock(&table_mu);
    k_disconnect(t);
    curl_multi_cleanup(t->multi);
    free(t->flights);
    memset(t->password, 0, sizeof t->password);
    memset(t->key, 0, sizeof t->key);
    free(t);
}

static const char *k_device(struct transport *t) { return t->sendsms; }

static int on_progress(void *arg, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
    (void)a; (void)b; (void)c; (void)d;
    struct transport *t = arg;
    return atomic_load(&t->aborting) ? 1 : 0;
}

/* The options every request to smsbox has (url, ans and errbuf outlive it). */
static void setup(struct transport *t, CURL *c, const char *url, struct kannel_answer *ans,
                  char *errbuf)
{
    memset(ans, 0, sizeof *ans);
    errbuf[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    /* connections are kept and reused (the multi handle's cache): a fresh one per
     * request took some 50 ms to be accepted by a busy smsbox, half of each
     * request. On a kept one smsbox's answer (headers and body written apart)
     * now and then waits 40 ms for our delayed ACK; the other requests in flight
     * carry on meanwhile (measured: 375 texts a second with kept connections, 245
     * with fresh ones, 32 in flight) */
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, t->timeout_s);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, kannel_answer_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, ans);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "talka");
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
}

/* One GET, there and then (connect()'s probe); *status gets the HTTP status. */
static bool request(struct transport *t, const char *url, long *status, struct kannel_answer *ans,
                    char *err, size_t errlen)
{
    *status = 0;
    if (!t->curl) {
        t->curl = curl_easy_init();
        if (!t->curl) {
            snprintf(err, errlen, "out of memory");
            return false;
        }
    }
    CURL *c = t->curl;
    char errbuf[CURL_ERROR_SIZE];
    setup(t, c, url, ans, errbuf);
    atomic_store(&t->aborting, false);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        /* never the URL: it holds the password */
        snprintf(err, errlen, "smsbox %s: %s", t->sendsms, errbuf[0] ? errbuf : curl_easy_strerror(rc));
        return false;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    kannel_answer_trim(ans);
    return true;
}

/* Connecting is asking smsbox once, with our credentials and no receiver: any
 * answer but "Authorization failed" means the link can carry texts. */
static bool k_connect(struct transport *t, char *err, size_t errlen)
{
    k_disconnect(t);
    t->curl = curl_easy_init();
    if (!t->curl) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    char url[2048];
    snprintf(url, sizeof url, "%s", t->sendsms);
    if (!kannel_add_param(t->curl, url, sizeof url, "username", t->user) ||
        !kannel_add_param(t->curl, url, sizeof url, "password", t->password)) {
        snprintf(err, errlen, "[%s] sendsms_url, username or password too long", t->name);
        return false;
    }
    long status;
    struct kannel_answer ans;
    bool ok = request(t, url, &status, &ans, err, errlen);
    memset(url, 0, sizeof url);
    if (!ok)
        return false;
    if (status == 403 && strcasestr(ans.body, "authori")) {
        snprintf(err, errlen, "smsbox refuses user '%s': %s (check kannel.conf's sendsms-user "
                 "and [%s] password_file)", t->user, ans.body, t->name);
        return false;
    }
    t->connected = true;
    return true;
}

static bool k_send_begin(struct transport *t, int slot, const char *to, const char *text,
                         bool want_report, enum tsend_result *r, char *err, size_t errlen)
{
    if (!t->connected) {
        snprintf(err, errlen, "not connected");
        *r = TSEND_DEVICE;
        return false;
    }
    if (!kannel_number_ok(to)) {
        snprintf(err, errlen, "not a number that can be texted");
        *r = TSEND_REJECTED;
        return false;
    }
    if (slot < 0 || slot >= t->in_flight || t->flights[slot].busy) {
        snprintf(err, errlen, "no free request slot %d", slot);
        *r = TSEND_RETRY;
        return false;
    }
    struct flight *f = &t->flights[slot];
    if (!f->easy && !(f->easy = curl_easy_init())) {
        snprintf(err, errlen, "out of memory");
        *r = TSEND_RETRY;
        return false;
    }
    /* our own reference: unique per link across restarts (seconds + a counter) */
    snprintf(f->ref, sizeof f->ref, "%08lx%05x", (unsigned long)time(NULL) & 0xffffffffUL,
             ++t->counter & 0xfffff);
    struct kannel_sendsms req = {
        .url = t->sendsms, .user = t->user, .password = t->password, .smsc = t->smsc,
        .from = t->from, .dlr_base = t->dlr_base, .key = t->key, .link = t->name,
        .dlr_mask = want_report ? t->dlr_mask : 0,
    };
    if (!kannel_sendsms_url(f->easy, &req, to, text, f->ref, &f->url, &f->urlsize)) {
        flight_clear(f);
        snprintf(err, errlen, "the text does not fit a sendsms request");
        *r = TSEND_REJECTED;
        return false;
    }
    setup(t, f->easy, f->url, &f->ans, f->errbuf);
    curl_easy_setopt(f->easy, CURLOPT_PRIVATE, (char *)f);
    if (curl_multi_add_handle(t->multi, f->easy) != CURLM_OK) {
        flight_clear(f);
        snprintf(err, errlen, "cannot start a sendsms request");
        *r = TSEND_RETRY;
        return false;
    }
    f->busy = true;
    return true;
}

/* What smsbox's answer to one request means. */
static enum tsend_result judge(struct transport *t, struct flight *f, CURLcode rc, char *ref,
                               size_t reflen, char *err, size_t errlen)
{
    if (rc != CURLE_OK) {
        /* never the URL: it holds the password */
        snprintf(err, errlen, "smsbox %s: %s", t->sendsms,
                 f->errbuf[0] ? f->errbuf : curl_easy_strerror(rc));
        return TSEND_DEVICE;
    }
    long status = 0;
    curl_easy_getinfo(f->easy, CURLINFO_RESPONSE_CODE, &status);
    enum tsend_result r = kannel_sendsms_result(status, &f->ans, t->name, err, errlen);
    if (r == TSEND_OK && ref && reflen)
        snprintf(ref, reflen, "%s", f->ref);
    return r;
}

static int k_send_done(struct transport *t, int ms, enum tsend_result *r, char *ref,
                       size_t reflen, char *err, size_t errlen)
{
    if (ref && reflen)
        ref[0] = '\0';
    for (int round = 0; round < 2; round++) {
        int running = 0;
        curl_multi_perform(t->multi, &running);
        int left;
        CURLMsg *msg;
        while ((msg = curl_multi_info_read(t->multi, &left))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            char *priv = NULL;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
            struct flight *f = (struct flight *)priv;
            CURLcode rc = msg->data.result;
            curl_multi_remove_handle(t->multi, msg->easy_handle);
            if (!f || !f->busy)
                continue;
            *r = judge(t, f, rc, ref, reflen, err, errlen);
            flight_clear(f);
            return (int)(f - t->flights);
        }
        if (round == 0 && ms > 0 && running > 0)
            curl_multi_poll(t->multi, NULL, 0, ms, NULL);
        else
            break;
    }
    return -1;
}

static int k_send_slots(struct transport *t) { return (int)t->in_flight; }

/* One text, there and then (in_flight = 1). */
static enum tsend_result k_send(struct transport *t, const char *to, const char *text,
                                bool want_report, char *ref, size_t reflen, char *err,
                                size_t errlen)
{
    enum tsend_result r;
    if (ref && reflen)
        ref[0] = '\0';
    if (!k_send_begin(t, 0, to, text, want_report, &r, err, errlen))
        return r;
    while (k_send_done(t, 1000, &r, ref, reflen, err, errlen) < 0)
        ;
    return r;
}

static bool k_health(struct transport *t, struct transport_health *h, char *err, size_t errlen)
{
    memset(h, 0, sizeof *h);
    h->signal_percent = -1;
    if (!t->connected) {
        snprintf(err, errlen, "not connected");
        return false;
    }
    snprintf(h->network, sizeof h->network, "Kannel%s%.40s", t->smsc[0] ? " smsc " : "", t->smsc);
    h->registered = true;
    return true;
}

/* Waits up to ms (never longer than one part at the link's rate), until a
 * request in flight has news, or until kannel_service stores a text and so may
 * have queued a reply (kannel_transport_wake). */
static void k_idle(struct transport *t, int ms)
{
    long wait = ms;
    if (t->rate > 0 && 60000L / t->rate < wait)
        wait = 60000L / t->rate > 0 ? 60000L / t->rate : 1;
    curl_multi_poll(t->multi, NULL, 0, (int)wait, NULL);
}

static void k_abort(struct transport *t)
{
    atomic_store(&t->aborting, true);
    curl_multi_wakeup(t->multi);
}

static void k_section(const char *name, char *out, size_t len)
{
    snprintf(out, len, "%s", name);
}

static const struct transport_sender kannel_sender = {
    .send = k_send,
    .send_slots = k_send_slots,
    .send_begin = k_send_begin,
    .send_done = k_send_done,
};

/* No poller: Kannel pushes texts and reports to kannel_service (get-url, dlr-url). */
const struct transport_kind kannel_transport = {
    .name = "kannel",
    .configured = k_configured,
    .open = k_open,
    .close = k_close,
    .device = k_device,
    .connect = k_connect,
    .disconnect = k_disconnect,
    .health = k_health,
    .idle = k_idle,
    .abort = k_abort,
    .section = k_section,
    .sender = &kannel_sender,
};

TRANSPORT_REGISTER(kannel_transport)
