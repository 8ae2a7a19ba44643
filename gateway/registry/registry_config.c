/* registry_config.c: reading and checking [registry] (see registry_config.h). */
#include "gateway/registry/registry_config.h"
#include "gateway/base/secret_key.h"

#include <curl/curl.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

bool registry_configured(const struct config *cfg)
{
    const char *url = config_str(cfg, "registry", "url");
    return url && *url;
}

static bool loopback_host(const char *host)
{
    if (!strcasecmp(host, "localhost"))
        return true;
    char h[256];
    snprintf(h, sizeof h, "%s", host);
    size_t n = strlen(h);
    if (n >= 2 && h[0] == '[' && h[n - 1] == ']') { /* [::1] */
        memmove(h, h + 1, n - 2);
        h[n - 2] = '\0';
    }
    struct in_addr a4;
    if (inet_pton(AF_INET, h, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    struct in6_addr a6;
    if (inet_pton(AF_INET6, h, &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6);
    return false;
}

bool registry_url_allowed(const char *url, char *err, size_t errlen)
{
    CURLU *u = curl_url();
    if (!u) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    bool ok = false;
    char *scheme = NULL, *host = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        snprintf(err, errlen, "[registry] url is not a valid URL");
    } else if (!strcasecmp(scheme, "https")) {
        ok = true;
    } else if (!strcasecmp(scheme, "http")) {
        ok = loopback_host(host);
        if (!ok)
            snprintf(err, errlen,
                     "[registry] url uses plain http:// to %s: only https:// is allowed "
                     "(plain http:// only to a loopback address, for tests)", host);
    } else {
        snprintf(err, errlen, "[registry] url must be https://");
    }
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return ok;
}

bool registry_config_load(const struct config *cfg, struct registry_config *rc,
                          char *err, size_t errlen)
{
    memset(rc, 0, sizeof *rc);
    const char *url = config_str(cfg, "registry", "url");
    if (!url || !*url) {
        snprintf(err, errlen, "[registry] url is not set: the registry uploader is off");
        return false;
    }
    snprintf(rc->url, sizeof rc->url, "%s", url);
    if (!registry_url_allowed(rc->url, err, errlen))
        return false;
    /* the key table's ranges (at most 1000000) fit an int */
    rc->batch_size = (int)config_int(cfg, "registry", "batch_size");
    rc->interval = (int)config_int(cfg, "registry", "interval");
    rc->connect_timeout = (int)config_int(cfg, "registry", "connect_timeout");
    rc->timeout = (int)config_int(cfg, "registry", "timeout");
    const char *gw = config_str(cfg, "registry", "gateway_id");
    if (gw && *gw) {
        snprintf(rc->gateway_id, sizeof rc->gateway_id, "%s", gw);
    } else if (gethostname(rc->gateway_id, sizeof rc->gateway_id - 1) != 0 || !rc->gateway_id[0]) {
        snprintf(err, errlen, "[registry] gateway_id is not set");
        return false;
    }
    config_path(cfg, "registry", "ca_file", rc->ca_file, sizeof rc->ca_file);
    if (rc->ca_file[0] && access(rc->ca_file, R_OK) != 0) {
        snprintf(err, errlen, "[registry] ca_file %s cannot be read", rc->ca_file);
        return false;
    }
    snprintf(rc->timezone, sizeof rc->timezone, "%s",
             config_str(cfg, "talka", "timezone"));
    char e[1024];
    if (!secret_key_config(cfg, "registry", "token_file", rc->token, sizeof rc->token, e, sizeof e)) {
        snprintf(err, errlen, "registry token: %s", e);
        registry_config_clear(rc);
        return false;
    }
    if (strpbrk(rc->token, "\r\n")) {
        snprintf(err, errlen, "registry token: the token file must hold one line");
        registry_config_clear(rc);
        return false;
    }
    if (!secret_key_config(cfg, "registry", "secret_file", rc->secret, sizeof rc->secret, e, sizeof e)) {
        snprintf(err, errlen, "registry pseudonym secret: %s", e);
        registry_config_clear(rc);
        return false;
    }
    return true;
}

void registry_config_clear(struct registry_config *rc)
{
    volatile char *p = (volatile char *)rc->token;
    for (size_t i = 0; i < sizeof rc->token; i++)
        p[i] = 0;
    p = (volatile char *)rc->secret;
    for (size_t i = 0; i < sizeof rc->secret; i++)
        p[i] = 0;
}
