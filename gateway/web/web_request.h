/* web_request.h: one dashboard request as the pages see it: who asks (the
 * session's account and role), in which language, the query and form fields,
 * and the answer being built (status, type, body, redirect, cookies). Also what
 * the whole site shares read-only (config values, the app, the pipeline). */
#ifndef TALKA_WEB_REQUEST_H
#define TALKA_WEB_REQUEST_H

#include "gateway/core/app.h"
#include "gateway/core/pipeline.h"
#include "gateway/core/send_policy.h"
#include "gateway/web/web_buf.h"
#include "gateway/web/web_session.h"

#include <microhttpd.h>

#include <stdbool.h>
#include <time.h>

struct web_map;

struct web_site {                    /* read-only once the listener runs */
    struct app *app;
    struct pipeline *pipe;
    const struct send_policy *policy;
    char key[256];                   /* the pseudonym secret (V-xxxxxxxx names) */
    size_t keylen;
    long idle_s;                     /* session idle expiry */
    char trusted_proxy[64];          /* "" when none */
    bool tls;
    const struct web_map *map;
};

#define WEB_FORM_MAX 24
#define WEB_BODY_MAX (64 * 1024)

struct web_form {
    char *keys[WEB_FORM_MAX];
    struct buf vals[WEB_FORM_MAX];
    int n;
    size_t total;
    bool too_big;
};

struct web_req {
    const struct web_site *site;
    struct db *db;
    struct MHD_Connection *conn;
    const char *method, *path;
    bool post;
    struct web_form *form;
    bool authed;
    struct web_user user;
    bool en;                         /* English instead of Latvian */
    bool secure;                     /* HTTPS, directly or at the trusted proxy */
    char addr[64];                   /* the client (X-Forwarded-For from the trusted proxy) */
    time_t now;
    /* the answer */
    unsigned status;
    const char *type;
    struct buf out;
    char location[4096];
    char cookies[3][320];
    int ncookies;
    char disposition[128];
};

/* Latvian or English text by the request's language. */
#define TR(rq, lv_text, en_text) ((rq)->en ? (en_text) : (lv_text))

/* The request's own address again, the path and the arguments id, n and before
 * when they are numbers ("/volunteer?id=7"), appended to b (the language switch goes back to
 * it: the path alone lost which volunteer or text the page showed; no other
 * argument, so no text put in a link is carried into the page). */
void web_self(const struct web_req *rq, struct buf *b);
/* A query argument (GET) or NULL. */
const char *web_arg(const struct web_req *rq, const char *name);
/* A form field (POST body) or NULL; a field sent several times (checkboxes):
 * its values one a line. */
const char *web_field(const struct web_req *rq, const char *name);
/* A field or argument as a positive integer; 0 when absent or not a number. */
long long web_num(const struct web_req *rq, const char *name);

/* True for a path on this site, as given after URL decoding: one leading '/'
 * (not "//"), no backslash, no control character (a tab or newline). */
bool web_local_path(const char *path);
/* 303 See Other to a local path (anything else goes to the overview). */
void web_redirect(struct web_req *rq, const char *path);
/* A short page (or text for /api) with status and message. */
void web_fail(struct web_req *rq, unsigned status, const char *msg);
/* 200 with the JSON object o (a jansson json_t *, which this takes and frees;
 * NULL, as a failed json_pack gives, answers 500). */
void web_json(struct web_req *rq, void *o);
/* Set-Cookie with the site's flags (HttpOnly, SameSite=Strict, Path=/, Secure
 * under HTTPS); max_age < 0 for a session cookie, 0 to delete it. */
void web_cookie(struct web_req *rq, const char *name, const char *value, long max_age);
/* The value of a request cookie, or NULL. */
const char *web_cookie_get(const struct web_req *rq, const char *name);

/* Form collection for MHD's post processor. */
enum MHD_Result web_form_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                              const char *filename, const char *content_type,
                              const char *transfer_encoding, const char *data, uint64_t off,
                              size_t size);
void web_form_free(struct web_form *f);

#endif
