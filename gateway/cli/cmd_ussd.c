/* cmd_ussd.c: `talka ussd [URL]`, a terminal simulator of a USSD handset: it
 * posts the aggregator's form (sessionId, serviceCode, phoneNumber, networkCode,
 * text = inputs joined by '*') to a running endpoint with libcurl, shows each
 * screen and reads the next input from stdin, for staff and demonstrations. */
#include "gateway/core/app.h"
#include "gateway/cli/cmd_ussd.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/base/config.h"
#include "gateway/base/secret_key.h"

#include <curl/curl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: talka [-c FILE] ussd [--phone NUMBER] [--session ID] [--code CODE] [URL]\n\n"
            "Walks the USSD menu against a running endpoint as a handset would: shows each\n"
            "screen, reads your answer from stdin (one line each), and stops at an END\n"
            "screen or at the end of input.\n\n"
            "  URL             the endpoint; default http://LISTEN/ussd?key=SECRET from the\n"
            "                  [ussd] section (listen, path, secret_file). A URL without\n"
            "                  key= gets the configured secret added when it can be read.\n"
            "  --phone NUMBER  the caller (default +37120000000)\n"
            "  --session ID    the session id (default a new random one)\n"
            "  --code CODE     the dialled service code (default *123*8733#)\n\n"
            "Exit status: 0 the session ended or input ran out, 1 the endpoint could not\n"
            "be reached or refused the request, 2 usage or configuration error.\n");
}

struct buf {
    char *p;
    size_t n;
    char err[CURL_ERROR_SIZE];  /* libcurl's reason when the endpoint cannot be reached */
};

/* url with the value of key= masked, for messages */
static void mask_key(const char *url, char *out, size_t len)
{
    snprintf(out, len, "%s", url);
    char *k = strstr(out, "key=");
    if (!k)
        return;
    char rest[4096];
    const char *amp = strchr(k, '&');
    snprintf(rest, sizeof rest, "%s", amp ? amp : "");
    snprintf(k + 4, len - (size_t)(k + 4 - out), "***%s", rest);
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
    struct buf *b = userp;
    size_t len = size * nmemb;
    if (b->n + len > 64 * 1024)
        return 0;
    char *np = realloc(b->p, b->n + len + 1);
    if (!np)
        return 0;
    b->p = np;
    memcpy(b->p + b->n, data, len);
    b->n += len;
    b->p[b->n] = '\0';
    return len;
}

/* the default URL from [ussd], or adds the configured key to url; false on a
 * configuration error (message printed) */
static bool build_url(const char *url, char *out, size_t outlen)
{
    struct config *cfg = NULL;
    char err[1024] = "", key[256] = "";
    cfg = config_load(app_config_path, err, sizeof err);
    if (url && strstr(url, "key=")) {
        config_free(cfg);
        snprintf(out, outlen, "%s", url);
        return true;
    }
    bool have_key = cfg && secret_key_config(cfg, "ussd", "secret_file", key, sizeof key, err,
                                             sizeof err);
    if (!url) {
        const char *listen = cfg ? config_str(cfg, "ussd", "listen") : "";
        if (!*listen || !have_key) {
            fprintf(stderr, "talka ussd: give a URL, or set [ussd] listen and secret_file%s%s\n",
                    err[0] ? ": " : "", err);
            config_free(cfg);
            return false;
        }
        const char *path = config_str(cfg, "ussd", "path");
        if (!strncmp(listen, "0.0.0.0:", 8))
            listen += 7;   /* ":PORT" */
        snprintf(out, outlen, "http://%s%s%s", listen[0] == ':' ? "127.0.0.1" : "", listen, path);
    } else {
        snprintf(out, outlen, "%s", url);
    }
    if (have_key) {
        CURL *c = curl_easy_init();
        char *esc = c ? curl_easy_escape(c, key, 0) : NULL;
        size_t n = strlen(out);
        if (esc)
            snprintf(out + n, outlen - n, "%skey=%s", strchr(out, '?') ? "&" : "?", esc);
        curl_free(esc);
        curl_easy_cleanup(c);
    }
    memset(key, 0, sizeof key);
    config_free(cfg);
    return true;
}

/* one request; returns the HTTP status (0 when unreachable), body in b */
static long post(CURL *c, const char *url, const char *sid, const char *code, const char *phone,
                 const char *text, struct buf *b)
{
    char *e_sid = curl_easy_escape(c, sid, 0), *e_code = curl_easy_escape(c, code, 0);
    char *e_phone = curl_easy_escape(c, phone, 0), *e_text = curl_easy_escape(c, text, 0);
    size_t len = strlen(e_sid) + strlen(e_code) + strlen(e_phone) + strlen(e_text) + 128;
    char *form = malloc(len);
    long status = 0;
    if (form) {
        snprintf(form, len, "sessionId=%s&serviceCode=%s&phoneNumber=%s&networkCode=talka&text=%s",
                 e_sid, e_code, e_phone, e_text);
        b->n = 0;
        b->err[0] = '\0';
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, b->err);
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
        if (curl_easy_perform(c) == CURLE_OK)
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        free(form);
    }
    curl_free(e_sid);
    curl_free(e_code);
    curl_free(e_phone);
    curl_free(e_text);
    return status;
}

int cmd_ussd(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    const char *phone = "+37120000000", *code = "*123*8733#", *url = NULL;
    char sid[64];
    snprintf(sid, sizeof sid, "sim-%ld-%d", (long)time(NULL), (int)getpid());
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--phone") && i + 1 < argc)
            phone = argv[++i];
        else if (!strcmp(argv[i], "--session") && i + 1 < argc)
            snprintf(sid, sizeof sid, "%s", argv[++i]);
        else if (!strcmp(argv[i], "--code") && i + 1 < argc)
            code = argv[++i];
        else if (argv[i][0] != '-' && !url)
            url = argv[i];
        else {
            usage(stderr);
            return 2;
        }
    }
    char full[4096];
    if (!build_url(url, full, sizeof full))
        return 2;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
        return 1;
    CURL *c = curl_easy_init();
    if (!c)
        return 1;
    bool tty = isatty(STDIN_FILENO);
    struct buf b = { NULL, 0, "" };
    char shown[4096];
    mask_key(full, shown, sizeof shown);
    char trail[8192] = "", line[1024];
    int rc = 0;
    for (;;) {
        long status = post(c, full, sid, code, phone, trail, &b);
        if (status != 200) {
            if (status == 0)
                fprintf(stderr, "talka ussd: the endpoint %s cannot be reached%s%s\n", shown,
                        b.err[0] ? ": " : "", b.err);
            else if (status == 403)
                fprintf(stderr, "talka ussd: 403: wrong key, or this address is not allowed\n");
            else
                fprintf(stderr, "talka ussd: the endpoint answered HTTP %ld\n", status);
            rc = 1;
            break;
        }
        const char *body = b.p ? b.p : "";
        bool end = !strncmp(body, "END", 3);
        bool con = !strncmp(body, "CON", 3);
        printf("%s\n", (end || con) ? body + (body[3] == ' ' ? 4 : 3) : body);
        if (!con)
            break;
        if (tty) {
            printf("> ");
            fflush(stdout);
        }
        if (!fgets(line, sizeof line, stdin))
            break;
        line[strcspn(line, "\r\n")] = '\0';
        size_t n = strlen(trail);
        snprintf(trail + n, sizeof trail - n, "%s%s", n ? "*" : "", line);
        fflush(stdout);
    }
    free(b.p);
    curl_easy_cleanup(c);
    curl_global_cleanup();
    return rc;
}
