/* web_listen.h: the [web] section (listen and allow are read by
 * gateway/core/http_endpoint.c): TLS files (cert_file,
 * key_file, the key private to talka), trusted_proxy, session_idle and the
 * connection limits. Bad values are refused naming the key. */
#ifndef TALKA_WEB_LISTEN_H
#define TALKA_WEB_LISTEN_H

#include "gateway/base/config.h"

#include <stdbool.h>
#include <stddef.h>

struct web_listen {
    long threads, max_conn, per_ip, timeout, deadline;
    long idle_s;
    char trusted_proxy[64];
};

/* Reads [web]; *cert and *key are malloc'd PEM text when TLS is configured
 * (both NULL otherwise). False with a message naming the key. */
bool web_listen_config(const struct config *cfg, struct web_listen *L, char **cert, char **key,
                       char *err, size_t errlen);

#endif
