/* kannel_sendsms.h: one request to smsbox's sendsms interface (kannel_sendsms.c):
 * its URL (credentials, the text as UTF-8 with the coding Kannel should use, the
 * dlr-url that brings the delivery report back with our reference) and what
 * smsbox's one-line answer means. kannel_transport.c sends them. */
#ifndef TALKA_KANNEL_SENDSMS_H
#define TALKA_KANNEL_SENDSMS_H

#include "gateway/core/transport.h"

#include <curl/curl.h>

#include <stdbool.h>
#include <stddef.h>

/* smsbox's answer, collected by kannel_answer_write (a CURLOPT_WRITEFUNCTION) */
struct kannel_answer {
    char body[512];
    size_t len;
};

size_t kannel_answer_write(char *p, size_t size, size_t n, void *arg);

/* Drops the line end: Kannel's answers are one line. */
void kannel_answer_trim(struct kannel_answer *ans);

/* What one link sends with: its [kannelN] settings */
struct kannel_sendsms {
    const char *url;          /* http://127.0.0.1:13013/cgi-bin/sendsms */
    const char *user, *password;
    const char *smsc, *from;  /* "" Kannel's default */
    const char *dlr_base;     /* talka's /kannel/dlr as Kannel reaches it */
    const char *key;          /* proves the report is Kannel's */
    const char *link;         /* kannel0 ... */
    long dlr_mask;            /* 0: no delivery report */
};

/* A number smsbox can text: digits, a leading + allowed, 20 at most. */
bool kannel_number_ok(const char *to);

/* Appends &key=escaped(value) to url (size bytes); false when it does not fit. */
bool kannel_add_param(CURL *c, char *url, size_t size, const char *key, const char *value);

/* The request for one text, with ref in its dlr-url: a new buffer in *url (*size
 * bytes; it holds the password: wipe it before freeing). False when out of memory
 * or the text does not fit (*url may still need freeing). */
bool kannel_sendsms_url(CURL *c, const struct kannel_sendsms *s, const char *to,
                        const char *text, const char *ref, char **url, size_t *size);

/* smsbox's answer (HTTP status and body): 202 "0: Accepted" or "3: Queued" sent;
 * 4xx rejected for good; anything else retried (err says why). */
enum tsend_result kannel_sendsms_result(long status, struct kannel_answer *ans,
                                        const char *link, char *err, size_t errlen);

#endif
