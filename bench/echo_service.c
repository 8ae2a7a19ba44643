/* echo_service.c: the trivial echo service of bench/kannel.sh, for Kannel's own
 * ceiling with HTTP in it: an sms-service get-url answered with the text itself
 * (GET ...?text=T -> 200 "T", which smsbox sends back as the reply). The same
 * libmicrohttpd set-up as talka's Kannel endpoint (bench_http.c), so the
 * baseline pays what any HTTP service would and nothing else.
 * usage: echo-service PORT (127.0.0.1 only; runs until killed) */
#include "bench/bench_http.h"

#include <stdio.h>

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)cls; (void)url; (void)method; (void)version; (void)upload_data; (void)upload_size;
    (void)con_cls;
    const char *text = NULL;
    size_t len = 0;
    if (MHD_lookup_connection_value_n(conn, MHD_GET_ARGUMENT_KIND, "text", 4, &text, &len) !=
        MHD_YES) {
        text = "";
        len = 0;
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)text,
                                                             MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=UTF-8");
    enum MHD_Result rc = MHD_queue_response(conn, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return rc;
}

int main(int argc, char **argv)
{
    int port = argc == 2 ? bench_port(argv[1]) : 0;
    if (!port) {
        fprintf(stderr, "usage: echo-service PORT\n");
        return 2;
    }
    bench_block_signals();
    struct MHD_Daemon *d = bench_http_start("echo-service", port, on_request, NULL);
    if (!d)
        return 1;
    bench_wait();
    MHD_stop_daemon(d);
    return 0;
}
