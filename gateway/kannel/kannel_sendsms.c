/* kannel_sendsms.c: one request to smsbox's sendsms interface (see
 * kannel_sendsms.h). */
#include "gateway/kannel/kannel_sendsms.h"

#include "gateway/base/log.h"
#include "gateway/base/sms_text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t kannel_answer_write(char *p, size_t size, size_t n, void *arg)
{
    struct kannel_answer *a = arg;
    size_t len = size * n;
    size_t room = sizeof a->body - 1 - a->len;
    size_t take = len < room ? len : room;
    memcpy(a->body + a->len, p, take);
    a->len += take;
    a->body[a->len] = '\0';
    return len;
}

void kannel_answer_trim(struct kannel_answer *ans)
{
    while (ans->len && (ans->body[ans->len - 1] == '\n' || ans->body[ans->len - 1] == '\r'))
        ans->body[--ans->len] = '\0';
}

bool kannel_number_ok(const char *to)
{
    if (!to || !*to || strlen(to) > 20)
        return false;
    for (const char *p = to; *p; p++)
        if (!isdigit((unsigned char)*p) && !(p == to && *p == '+'))
            return false;
    return true;
}

bool kannel_add_param(CURL *c, char *url, size_t size, const char *key, const char *value)
{
    char *v = curl_easy_escape(c, value, 0);
    if (!v)
        return false;
    size_t len = strlen(url);
    int n = snprintf(url + len, size - len, "%s%s=%s", strchr(url, '?') ? "&" : "?", key, v);
    curl_free(v);
    return n > 0 && (size_t)n < size - len;
}

bool kannel_sendsms_url(CURL *c, const struct kannel_sendsms *s, const char *to,
                        const char *text, const char *ref, char **out, size_t *outsize)
{
    size_t size = strlen(text) * 3 + 4096;
    char *url = malloc(size);
    *out = url;
    *outsize = size;
    if (!url)
        return false;
    snprintf(url, size, "%s", s->url);
    bool ok = kannel_add_param(c, url, size, "username", s->user) &&
              kannel_add_param(c, url, size, "password", s->password) &&
              kannel_add_param(c, url, size, "to", to) &&
              kannel_add_param(c, url, size, "text", text) &&
              kannel_add_param(c, url, size, "charset", "UTF-8") &&
              kannel_add_param(c, url, size, "coding", sms_is_gsm7(text) ? "0" : "2");
    if (ok && s->smsc[0])
        ok = kannel_add_param(c, url, size, "smsc", s->smsc);
    if (ok && s->from[0])
        ok = kannel_add_param(c, url, size, "from", s->from);
    if (ok && s->dlr_mask) {
        char mask[8], dlr[1024];
        snprintf(mask, sizeof mask, "%ld", s->dlr_mask);
        /* %d is Kannel's: the report's type */
        char *key = curl_easy_escape(c, s->key, 0);
        int n = key ? snprintf(dlr, sizeof dlr, "%s?key=%s&link=%s&ref=%s&type=%%d",
                               s->dlr_base, key, s->link, ref) : -1;
        if (key) {
            memset(key, 0, strlen(key));
            curl_free(key);
        }
        ok = n > 0 && (size_t)n < sizeof dlr &&
             kannel_add_param(c, url, size, "dlr-mask", mask) &&
             kannel_add_param(c, url, size, "dlr-url", dlr);
        memset(dlr, 0, sizeof dlr);
    }
    return ok;
}

enum tsend_result kannel_sendsms_result(long status, struct kannel_answer *ans,
                                        const char *link, char *err, size_t errlen)
{
    kannel_answer_trim(ans);
    if (status == 202 || status == 200) {
        if (!strncmp(ans->body, "0:", 2) || !strncmp(ans->body, "3:", 2)) {
            if (ans->body[0] == '3')
                log_info("%s: Kannel queued a text for later delivery (%s)", link, ans->body);
            return TSEND_OK;
        }
        snprintf(err, errlen, "Kannel: unexpected answer %ld '%.200s'", status, ans->body);
        return TSEND_RETRY;
    }
    snprintf(err, errlen, "Kannel: %ld %.200s", status, ans->body[0] ? ans->body : "(no text)");
    if (status >= 400 && status < 500)
        return TSEND_REJECTED;
    return TSEND_RETRY;
}
