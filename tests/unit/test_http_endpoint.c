/* test_http_endpoint.c: listen addresses (ports 0-65535, nothing wrapped), and the
 * endpoint module on real sockets: port 0, a busy port refused at open naming it,
 * a wrong allow list or a short secret refused with the right code, the port file,
 * the key compared by its decoded length, and wrong keys limited per address. */
#include "gateway/base/net_listen.h"
#include "gateway/core/http_endpoint.h"
#include "tests/test.h"

#include <curl/curl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/stat.h>

static bool parses(const char *spec)
{
    struct sockaddr_storage ss;
    socklen_t len = 0;
    char err[256];
    return net_listen_parse("[web] listen", spec, &ss, &len, err, sizeof err);
}

TEST(net_listen_ports_in_range_only)
{
    CHECK(parses("127.0.0.1:8733"));
    CHECK(parses("[::1]:8733"));
    CHECK(parses(":8733"));
    CHECK(parses("127.0.0.1:0"));
    CHECK(parses("127.0.0.1:65535"));
    CHECK(!parses("127.0.0.1:65536"));
    CHECK(!parses("127.0.0.1:70000"));   /* getaddrinfo() alone would take it as 4464 */
    CHECK(!parses("127.0.0.1:"));
    CHECK(!parses("127.0.0.1:-1"));
    CHECK(!parses("127.0.0.1:+80"));
    CHECK(!parses("127.0.0.1:80x"));
    CHECK(!parses("127.0.0.1"));
    CHECK(!parses("localhost:80"));
    struct sockaddr_storage ss;
    socklen_t len = 0;
    char err[256] = "";
    net_listen_parse("[web] listen", "127.0.0.1:99999", &ss, &len, err, sizeof err);
    CHECK_STR(err, "[web] listen = 127.0.0.1:99999: expected ADDRESS:PORT");
}

/* a config with [ussd] listen, allow and a secret file of the given text */
static struct config *config_with(const char *listen, const char *allow, const char *secret)
{
    char key[512], ini[512], err[256];
    snprintf(key, sizeof key, "%s/endpoint.key", test_tmpdir());
    snprintf(ini, sizeof ini, "%s/endpoint.ini", test_tmpdir());
    FILE *f = fopen(key, "w");
    if (f) {
        fprintf(f, "%s\n", secret);
        fclose(f);
    }
    chmod(key, 0600);
    f = fopen(ini, "w");
    if (f) {
        fprintf(f, "[ussd]\nlisten = %s\nsecret_file = %s\n", listen, key);
        if (allow)
            fprintf(f, "allow = %s\n", allow);
        fclose(f);
    }
    return config_load(ini, err, sizeof err);
}

static bool key_seen;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)url, (void)method, (void)version, (void)upload_data, (void)upload_size, (void)con_cls;
    unsigned refused = http_endpoint_key_check(*(struct http_endpoint **)cls, conn);
    key_seen = refused == 0;
    struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result rc = MHD_queue_response(conn, refused ? refused : 200, r);
    MHD_destroy_response(r);
    return rc;
}

static long get(const char *address, const char *query)
{
    char url[256];
    long code = 0;
    snprintf(url, sizeof url, "http://%s/ussd?%s", address, query);
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 5L);
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_cleanup(c);
    return code;
}

static struct http_endpoint *E;
static const struct http_endpoint_spec spec = {
    .section = "ussd", .secret_key = "secret_file", .handler = on_request, .cls = &E,
    .threads = 1, .max_conn = 8, .per_ip = 4, .timeout = 5, .backlog = 8, .conn_memory = 32768,
};

TEST(http_endpoint_port_zero_busy_port_and_key)
{
    char err[256] = "", path[600], dir[512];
    struct config *cfg = config_with("127.0.0.1:0", "127.0.0.1", "0123456789abcdef-key");
    CHECK_INT(http_endpoint_open(cfg, &spec, &E, err, sizeof err), 0);
    if (!E)
        return;
    const char *addr = http_endpoint_address(E);
    CHECK(strncmp(addr, "127.0.0.1:", 10) == 0 && atoi(addr + 10) > 0);
    /* the same port again: refused at open, naming the key and the address */
    struct http_endpoint *again = NULL;
    struct config *busy = config_with(addr, NULL, "0123456789abcdef-key");
    CHECK_INT(http_endpoint_open(busy, &spec, &again, err, sizeof err), 1);
    CHECK(again == NULL);
    char want[128];
    snprintf(want, sizeof want, "[ussd] listen = %s: cannot listen: ", addr);
    CHECK(strncmp(err, want, strlen(want)) == 0);
    config_free(busy);
    snprintf(dir, sizeof dir, "%s", test_tmpdir());
    setenv(HTTP_ENDPOINT_PORT_DIR_ENV, dir, 1);
    CHECK(http_endpoint_start(E, err, sizeof err));
    unsetenv(HTTP_ENDPOINT_PORT_DIR_ENV);
    snprintf(path, sizeof path, "%s/ussd.port", dir);
    FILE *f = fopen(path, "r");
    int port = 0;
    CHECK(f && fscanf(f, "%d", &port) == 1 && port == atoi(addr + 10));
    if (f)
        fclose(f);
    CHECK_INT(get(addr, "key=0123456789abcdef-key"), 200);
    CHECK_INT(get(addr, "key=0123456789abcdef-key%00junk"), 403);
    CHECK_INT(get(addr, "key=0123456789abcdef-ke"), 403);
    CHECK_INT(get(addr, "nokey=1"), 403);
    /* the 10th wrong key from one address within a minute locks it out: then
     * even the right key is refused (429), so the lock tells nothing */
    for (int i = 0; i < 6; i++)   /* with the three above: 9 */
        CHECK_INT(get(addr, "key=wrong"), 403);
    CHECK_INT(get(addr, "key=0123456789abcdef-key"), 200);
    CHECK_INT(get(addr, "key=wrong"), 403);   /* the 10th */
    CHECK_INT(get(addr, "key=0123456789abcdef-key"), 429);
    CHECK_INT(get(addr, "key=wrong"), 429);
    http_endpoint_close(E);
    E = NULL;
    config_free(cfg);
}

TEST(http_endpoint_refuses_wrong_values_and_short_secrets)
{
    char err[256] = "";
    struct http_endpoint *e = NULL;
    struct config *cfg = config_with("127.0.0.1:0", "10.0.0.0/40", "0123456789abcdef-key");
    CHECK_INT(http_endpoint_open(cfg, &spec, &e, err, sizeof err), 2);
    CHECK(strstr(err, "[ussd] allow") != NULL);
    config_free(cfg);
    cfg = config_with("127.0.0.1:99999", NULL, "0123456789abcdef-key");
    CHECK_INT(http_endpoint_open(cfg, &spec, &e, err, sizeof err), 2);
    CHECK(strstr(err, "[ussd] listen = 127.0.0.1:99999") != NULL);
    config_free(cfg);
    cfg = config_with("127.0.0.1:0", NULL, "short");
    CHECK_INT(http_endpoint_open(cfg, &spec, &e, err, sizeof err), 1);
    CHECK(strstr(err, "too short") != NULL);
    CHECK(e == NULL);
    config_free(cfg);
}
