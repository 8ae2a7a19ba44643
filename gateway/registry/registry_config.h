/* registry_config.h: the [registry] section of talka.ini, read and checked once
 * (secret files private, TLS always, plain http:// only for loopback hosts). */
#ifndef TALKA_REGISTRY_CONFIG_H
#define TALKA_REGISTRY_CONFIG_H

#include "gateway/base/config.h"

#include <stdbool.h>
#include <stddef.h>

struct registry_config {
    char url[2048];
    char token[1024];           /* never logged */
    char secret[1024];          /* pseudonym key; never logged */
    char gateway_id[128];
    char ca_file[4096];         /* "" = the system's CA store */
    int batch_size;             /* records per batch (default 100) */
    int interval;               /* seconds between looks at the queue (default 60) */
    int connect_timeout;        /* seconds (default 10) */
    int timeout;                /* seconds for a whole request (default 30) */
    char timezone[64];          /* for planted_on when the planting has none */
};

/* True when [registry] url is set (the uploader is on). */
bool registry_configured(const struct config *cfg);

/* Reads and checks the section. False with a clear message (never a secret) in err. */
bool registry_config_load(const struct config *cfg, struct registry_config *rc,
                          char *err, size_t errlen);

/* True when url is https://, or http:// to a loopback host (127.0.0.0/8, ::1,
 * localhost). False with the reason in err. */
bool registry_url_allowed(const char *url, char *err, size_t errlen);

/* Wipes the secrets from memory. */
void registry_config_clear(struct registry_config *rc);

#endif
