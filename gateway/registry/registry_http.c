/* registry_http.c: the registry's HTTP client on libcurl (see registry_http.h). */
#include "gateway/registry/registry_http.h"

#include <stdatomic.h>
#include <curl/curl.h>

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ANSWER (8 * 1024 * 1024)

struct registry_http {
    CURL *curl;
    const struct registry_config *rc;
    atomic_bool *abort_flag;
    char auth[1100];
};

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static void global_init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

struct answer {
    struct registry_http_result *r;
    size_t cap;
    bool too_big;
};

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *arg)
{
    struct answer *a = arg;
    size_t n = size * nmemb;
    if (a->r->len + n + 1 > MAX_ANSWER) {
        a->too_big = true;
        return 0;
    }
    if (a->r->len + n + 1 > a->cap) {
        size_t cap = a->cap ? a->cap : 4096;
        while (cap < a->r->len + n + 1)
            cap *= 2;
        char *b = realloc(a->r->body, cap);
        if (!b)
            return 0;
        a->r->body = b;
        a->cap = cap;
    }
    memcpy(a->r->body + a->r->len, ptr, n);
    a->r->len += n;
    a->r->body[a->r->len] = '\0';
    return n;
}

static size_t on_header(char *buf, size_t size, size_t nitems, void *arg)
{
    struct registry_http_result *r = arg;
    size_t n = size * nitems;
    static const char name[] = "retry-after:";
    if (n > sizeof name - 1 && !strncasecmp(buf, name, sizeof name - 1)) {
        const char *v = buf + sizeof name - 1;
        size_t vl = n - (sizeof name - 1);
        while (vl && isspace((unsigned char)*v)) {
            v++;
            vl--;
        }
        while (vl && isspace((unsigned char)v[vl - 1]))
            vl--;
        if (vl >= sizeof r->retry_after)
            vl = sizeof r->retry_after - 1;
        memcpy(r->retry_after, v, vl);
        r->retry_after[vl] = '\0';
    }
    /* a new response (e.g. after 100 Continue) starts with a status line */
    if (n > 5 && !strncmp(buf, "HTTP/", 5))
        r->retry_after[0] = '\0';
    return n;
}

static int on_progress(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt; (void)dn; (void)ut; (void)un;
    struct registry_http *h = arg;
    return h->abort_flag && *h->abort_flag ? 1 : 0;
}

struct registry_http *registry_http_new(const struct registry_config *rc,
                                        atomic_bool *abort_flag)
{
    pthread_once(&global_once, global_init);
    struct registry_http *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->curl = curl_easy_init();
    if (!h->curl) {
        free(h);
        return NULL;
    }
    h->rc = rc;
    h->abort_flag = abort_flag;
    snprintf(h->auth, sizeof h->auth, "Authorization: Bearer %s", rc->token);
    return h;
}

void registry_http_free(struct registry_http *h)
{
    if (!h)
        return;
    curl_easy_cleanup(h->curl);
    volatile char *p = (volatile char *)h->auth;
    for (size_t i = 0; i < sizeof h->auth; i++)
        p[i] = 0;
    free(h);
}

bool registry_http_post(struct registry_http *h, const char *batch_id, const char *body,
                        size_t len, struct registry_http_result *out)
{
    memset(out, 0, sizeof *out);
    CURL *c = h->curl;
    curl_easy_reset(c);
    char idem[128];
    snprintf(idem, sizeof idem, "Idempotency-Key: %s", batch_id);
    struct curl_slist *hdr = NULL;
    hdr = curl_slist_append(hdr, "Content-Type: application/json");
    hdr = curl_slist_append(hdr, "Accept: application/json");
    hdr = curl_slist_append(hdr, h->auth);
    hdr = curl_slist_append(hdr, idem);
    hdr = curl_slist_append(hdr, "Expect:");
    struct answer ans = { out, 0, false };
    char errbuf[CURL_ERROR_SIZE] = "";

    curl_easy_setopt(c, CURLOPT_URL, h->rc->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (h->rc->ca_file[0])
        curl_easy_setopt(c, CURLOPT_CAINFO, h->rc->ca_file);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)h->rc->connect_timeout);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)h->rc->timeout);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &ans);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "talka-registry-uploader");
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, h);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);

    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(hdr);
    if (rc != CURLE_OK) {
        /* the error text names the host and the failure, never a header */
        snprintf(out->error, sizeof out->error, "%.60s%s%.180s", curl_easy_strerror(rc),
                 errbuf[0] ? ": " : "", errbuf);
        if (ans.too_big)
            snprintf(out->error, sizeof out->error, "answer larger than %d bytes", MAX_ANSWER);
        out->status = 0;
        return false;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
    return true;
}

void registry_http_result_free(struct registry_http_result *r)
{
    free(r->body);
    r->body = NULL;
    r->len = 0;
}
