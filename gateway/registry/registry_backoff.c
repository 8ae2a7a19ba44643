/* registry_backoff.c: retry delays for registry batches (see registry_backoff.h). */
#include "gateway/registry/registry_backoff.h"

#include <curl/curl.h>
#include <openssl/rand.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

long registry_backoff_delay(int attempt, double u)
{
    if (attempt < 1)
        attempt = 1;
    long d = REGISTRY_BACKOFF_BASE;
    for (int i = 1; i < attempt && d < REGISTRY_BACKOFF_CAP; i++)
        d *= 2;
    if (d > REGISTRY_BACKOFF_CAP)
        d = REGISTRY_BACKOFF_CAP;
    if (u < 0)
        u = 0;
    if (u >= 1)
        u = 0.999999;
    long w = d / 2 + (long)(u * (double)(d - d / 2));
    return w < 1 ? 1 : w;
}

double registry_jitter(void)
{
    uint32_t r = 0;
    if (RAND_bytes((unsigned char *)&r, sizeof r) != 1)
        r = (uint32_t)rand();
    return (double)r / 4294967296.0;
}

long registry_retry_after(const char *value, time_t now)
{
    if (!value)
        return -1;
    while (isspace((unsigned char)*value))
        value++;
    if (!*value)
        return -1;
    long secs;
    if (isdigit((unsigned char)*value)) {
        char *end;
        long long v = strtoll(value, &end, 10);
        while (isspace((unsigned char)*end))
            end++;
        if (*end)
            return -1;
        secs = v > REGISTRY_RETRY_AFTER_MAX ? REGISTRY_RETRY_AFTER_MAX : (long)v;
    } else {
        time_t t = curl_getdate(value, NULL);
        if (t == (time_t)-1)
            return -1;
        long long diff = (long long)t - (long long)now;
        secs = diff > REGISTRY_RETRY_AFTER_MAX ? REGISTRY_RETRY_AFTER_MAX : (long)diff;
    }
    return secs < 1 ? 1 : secs;
}
