/* kannel_transport.c: a Kannel link as a transport (see core/transport.h): one
 * [kannelN] section names a smsbox's HTTP `sendsms` interface. The modem service
 * drives it like a modem (its own thread and database connection, the link's rate,
 * retries with backoff, reconnects, its row in `talka status`); sending is one
 * sendsms request per text, which Kannel splits into concatenated parts itself.
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
#include "gateway/base/sms_text.h"
#include "gateway/core/transport.h"

#include <curl/curl.h>

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define MAX_LINKS 10

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
    CURL *curl;
    bool connected;
    atomic_bool aborting;
    unsigned counter;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool woken;
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
        if (!config_get(cfg, section, "sendsms_url", NULL))
            continue;
        if (!config_get_bool(cfg, section, "enabled", true))
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
        if (t && (!link || !strcmp(t->name, link))) {
            pthread_mutex_lock(&t->mu);
            t->woken = true;
            pthread_cond_signal(&t->cv);
            pthread_mutex_unlock(&t->mu);
        }
    }
    pthread_mutex_unlock(&table_mu);
}

static bool url_ok(const char *u)
{
    return !strncmp(u, "http://", 7) || !strncmp(u, "https://", 8);
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
    snprintf(t->sendsms, sizeof t->sendsms, "%s", config_get(cfg, s, "sendsms_url", ""));
    snprintf(t->user, sizeof t->user, "%s", config_get(cfg, s, "username", ""));
    snprintf(t->smsc, sizeof t->smsc, "%s", config_get(cfg, s, "smsc", ""));
    snprintf(t->from, sizeof t->from, "%s", config_get(cfg, s, "from", ""));
    t->dlr_mask = config_get_int(cfg, s, "dlr_mask", 3);
    t->timeout_s = config_get_int(cfg, s, "timeout", 30);
    t->rate = config_get_int(cfg, s, "rate", 0);
    const char *listen = config_get(cfg, "kannel", "listen", "");
    char def_cb[160];
    snprintf(def_cb, sizeof def_cb, "http://%s", listen);
    const char *cb = config_get(cfg, "kannel", "callback_url", def_cb);
    snprintf(t->dlr_base, sizeof t->dlr_base, "%s/kannel/dlr", cb);
    if (!url_ok(t->sendsms)) {
        snprintf(err, errlen, "[%s] sendsms_url = %s: expected http://HOST:PORT/cgi-bin/sendsms",
                 s, t->sendsms);
        goto fail;
    }
    if (!t->user[0]) {
        snprintf(err, errlen, "[%s] username is missing (a sendsms-user of kannel.conf)", s);
        goto fail;
    }
    if (!config_secret(cfg, s, "password_file", t->password, sizeof t->password, err, errlen))
        goto fail;
    if (t->dlr_mask < 0 || t->dlr_mask > 31 || t->timeout_s < 1 || t->rate < 0) {
        snprintf(err, errlen, "[%s] dlr_mask (0-31), timeout (>= 1) or rate (>= 0) out of range",
                 s);
        goto fail;
    }
    if (t->dlr_mask && !listen[0]) {
        snprintf(err, errlen, "[%s] asks for delivery reports (dlr_mask) but [kannel] listen "
                 "is not set: Kannel would have nowhere to send them", s);
        goto fail;
    }
    if (t->dlr_mask && !url_ok(cb)) {
        snprintf(err, errlen, "[kannel] callback_url = %s: expected http://HOST:PORT", cb);
        goto fail;
    }
    if (t->dlr_mask &&
        !config_secret(cfg, "kannel", "secret_file", t->key, sizeof t->key, err, errlen))
        goto fail;
    pthread_mutex_init(&t->mu, NULL);
    pthread_cond_init(&t->cv, NULL);
    pthread_mutex_lock(&table_mu);
    table[num] = t;
    pthread_mutex_unlock(&table_mu);
    return t;
fail:
    free(t);
    return NULL;
}

static void k_disconnect(struct transport *t)
{
    if (t->curl)
        curl_easy_cleanup(t->curl);
    t->curl = NULL;
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
    pthread_mutex_destroy(&t->mu);
    pthread_cond_destroy(&t->cv);
    memset(t->password, 0, sizeof t->password);
    memset(t->key, 0, sizeof t->key);
    free(t);
}

static bool k_present(struct transport *t) { (void)t; return true; }
static const char *k_device(struct transport *t) { return t->sendsms; }

struct answer {
    char body[512];
    size_t len;
};

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
    struct answer *a = arg;
    size_t len = size * n;
    size_t room = sizeof a->body - 1 - a->len;
    size_t take = len < room ? len : room;
    memcpy(a->body + a->len, p, take);
    a->len += take;
    a->body[a->len] = '\0';
    return len;
}

static int on_progress(void *arg, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
    (void)a; (void)b; (void)c; (void)d;
    struct transport *t = arg;
    return atomic_load(&t->aborting) ? 1 : 0;
}

/* One GET; *status gets the HTTP status (0: no answer, err says why). */
static bool request(struct transport *t, const char *url, long *status, struct answer *ans,
                    char *err, size_t errlen)
{
    *status = 0;
    memset(ans, 0, sizeof *ans);
    if (!t->curl) {
        t->curl = curl_easy_init();
        if (!t->curl) {
            snprintf(err, errlen, "out of memory");
            return false;
        }
    }
    CURL *c = t->curl;
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    /* a fresh connection per request: on a kept-alive one, smsbox's answer (headers
     * and body written apart) often waited 40 ms for our delayed ACK, a quarter of
     * all sends, which took the link from some 300 to 90 texts a second */
    curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, t->timeout_s);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, ans);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "talka");
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    atomic_store(&t->aborting, false);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        /* never the URL: it holds the password */
        snprintf(err, errlen, "smsbox %s: %s", t->sendsms, errbuf[0] ? errbuf : curl_easy_strerror(rc));
        return false;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    /* Kannel's answers are one line */
    while (ans->len && (ans->body[ans->len - 1] == '\n' || ans->body[ans->len - 1] == '\r'))
        ans->body[--ans->len] = '\0';
    return true;
}

/* appends &key=escaped(value) to url */
static bool add_param(CURL *c, char *url, size_t size, const char *key, const char *value)
{
    char *v = curl_easy_escape(c, value, 0);
    if (!v)
        return false;
    size_t len = strlen(url);
    int n = snprintf(url + len, size - len, "%s%s=%s", strchr(url, '?') ? "&" : "?", key, v);
    curl_free(v);
    return n > 0 && (size_t)n < size - len;
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
    if (!add_param(t->curl, url, sizeof url, "username", t->user) ||
        !add_param(t->curl, url, sizeof url, "password", t->password)) {
        snprintf(err, errlen, "[%s] sendsms_url, username or password too long", t->name);
        return false;
    }
    long status;
    struct answer ans;
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

static bool k_maybe_new(struct transport *t) { (void)t; return false; }

static int k_next(struct transport *t, bool start, struct tmsg *m, char *err, size_t errlen)
{
    (void)t; (void)start; (void)m; (void)err; (void)errlen;
    return 0;   /* Kannel pushes texts to kannel_service; nothing to read here */
}

static bool k_remove(struct transport *t, const struct tmsg *m, char *err, size_t errlen)
{
    (void)t; (void)m; (void)err; (void)errlen;
    return true;
}

static bool number_ok(const char *to)
{
    if (!to || !*to || strlen(to) > 20)
        return false;
    for (const char *p = to; *p; p++)
        if (!isdigit((unsigned char)*p) && !(p == to && *p == '+'))
            return false;
    return true;
}

static enum tsend_result k_send(struct transport *t, const char *to, const char *text,
                                bool want_report, char *ref, size_t reflen, char *err,
                                size_t errlen)
{
    if (ref && reflen)
        ref[0] = '\0';
    if (!t->connected) {
        snprintf(err, errlen, "not connected");
        return TSEND_DEVICE;
    }
    if (!number_ok(to)) {
        snprintf(err, errlen, "not a number that can be texted");
        return TSEND_REJECTED;
    }
    /* our own reference: unique per link across restarts (seconds + a counter) */
    char myref[16];
    snprintf(myref, sizeof myref, "%08lx%05x", (unsigned long)time(NULL) & 0xffffffffUL,
             ++t->counter & 0xfffff);
    CURL *c = t->curl;
    size_t size = strlen(text) * 3 + 4096;
    char *url = malloc(size);
    if (!url) {
        snprintf(err, errlen, "out of memory");
        return TSEND_RETRY;
    }
    snprintf(url, size, "%s", t->sendsms);
    bool ok = add_param(c, url, size, "username", t->user) &&
              add_param(c, url, size, "password", t->password) &&
              add_param(c, url, size, "to", to) &&
              add_param(c, url, size, "text", text) &&
              add_param(c, url, size, "charset", "UTF-8") &&
              add_param(c, url, size, "coding", sms_is_gsm7(text) ? "0" : "2");
    if (ok && t->smsc[0])
        ok = add_param(c, url, size, "smsc", t->smsc);
    if (ok && t->from[0])
        ok = add_param(c, url, size, "from", t->from);
    if (ok && want_report && t->dlr_mask) {
        char mask[8], dlr[1024];
        snprintf(mask, sizeof mask, "%ld", t->dlr_mask);
        /* %d is Kannel's: the report's type */
        char *key = curl_easy_escape(c, t->key, 0);
        int n = key ? snprintf(dlr, sizeof dlr, "%s?key=%s&link=%s&ref=%s&type=%%d",
                               t->dlr_base, key, t->name, myref) : -1;
        if (key) {
            memset(key, 0, strlen(key));
            curl_free(key);
        }
        ok = n > 0 && (size_t)n < sizeof dlr && add_param(c, url, size, "dlr-mask", mask) &&
             add_param(c, url, size, "dlr-url", dlr);
        memset(dlr, 0, sizeof dlr);
    }
    if (!ok) {
        memset(url, 0, size);
        free(url);
        snprintf(err, errlen, "the text does not fit a sendsms request");
        return TSEND_REJECTED;
    }
    long status;
    struct answer ans;
    ok = request(t, url, &status, &ans, err, errlen);
    memset(url, 0, size);
    free(url);
    if (!ok)
        return TSEND_DEVICE;
    if (status == 202 || status == 200) {
        if (!strncmp(ans.body, "0:", 2) || !strncmp(ans.body, "3:", 2)) {
            if (ref && reflen)
                snprintf(ref, reflen, "%s", myref);
            if (ans.body[0] == '3')
                log_info("%s: Kannel queued a text for later delivery (%s)", t->name, ans.body);
            return TSEND_OK;
        }
        snprintf(err, errlen, "Kannel: unexpected answer %ld '%.200s'", status, ans.body);
        return TSEND_RETRY;
    }
    snprintf(err, errlen, "Kannel: %ld %.200s", status, ans.body[0] ? ans.body : "(no text)");
    if (status >= 400 && status < 500)
        return TSEND_REJECTED;
    return TSEND_RETRY;
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

static bool k_ussd(struct transport *t, const char *code, char *reply, size_t len, char *err,
                   size_t errlen)
{
    (void)code;
    (void)len;
    reply[0] = '\0';
    snprintf(err, errlen, "[%s] a Kannel link has no SIM to ask a balance of (remove "
             "balance_code)", t->name);
    return false;
}

/* Waits up to ms (never longer than one part at the link's rate), or until
 * kannel_service stores a text and so may have queued a reply. */
static void k_idle(struct transport *t, int ms)
{
    long wait = ms;
    if (t->rate > 0 && 60000L / t->rate < wait)
        wait = 60000L / t->rate > 0 ? 60000L / t->rate : 1;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += wait / 1000;
    until.tv_nsec += (wait % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&t->mu);
    while (!t->woken)
        if (pthread_cond_timedwait(&t->cv, &t->mu, &until))
            break;
    t->woken = false;
    pthread_mutex_unlock(&t->mu);
}

static void k_abort(struct transport *t) { atomic_store(&t->aborting, true); }

static void k_section(const char *name, char *out, size_t len)
{
    snprintf(out, len, "%s", name);
}

const struct transport_kind kannel_transport = {
    .name = "kannel",
    .configured = k_configured,
    .open = k_open,
    .close = k_close,
    .present = k_present,
    .device = k_device,
    .connect = k_connect,
    .disconnect = k_disconnect,
    .maybe_new = k_maybe_new,
    .next = k_next,
    .remove = k_remove,
    .send = k_send,
    .health = k_health,
    .ussd = k_ussd,
    .idle = k_idle,
    .abort = k_abort,
    .section = k_section,
};

TRANSPORT_REGISTER(kannel_transport)
