/* test_net_allow.c: an allow list: addresses, CIDR ranges, IPv6 and
 * IPv4-mapped IPv6 callers, malformed entries. */
#include "gateway/base/net_allow.h"
#include "tests/test.h"

#include <arpa/inet.h>
#include <netinet/in.h>

static bool allowed4(const struct net_allow *a, const char *ip)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    inet_pton(AF_INET, ip, &sa.sin_addr);
    return net_allow_match(a, (struct sockaddr *)&sa);
}

static bool allowed6(const struct net_allow *a, const char *ip)
{
    struct sockaddr_in6 sa;
    memset(&sa, 0, sizeof sa);
    sa.sin6_family = AF_INET6;
    inet_pton(AF_INET6, ip, &sa.sin6_addr);
    return net_allow_match(a, (struct sockaddr *)&sa);
}

TEST(net_allow_empty_allows_everyone)
{
    struct net_allow a;
    char err[256];
    CHECK(net_allow_parse("[ussd] allow", NULL, &a, err, sizeof err));
    CHECK(allowed4(&a, "203.0.113.9"));
    CHECK(net_allow_parse("[ussd] allow", "", &a, err, sizeof err));
    CHECK(allowed6(&a, "2001:db8::1"));
}

TEST(net_allow_addresses_and_ranges)
{
    struct net_allow a;
    char err[256];
    CHECK(net_allow_parse("[ussd] allow", "127.0.0.1, 10.20.0.0/16,192.0.2.128/25 2001:db8::/32", &a, err,
                           sizeof err));
    CHECK_INT(a.n, 4);
    CHECK(allowed4(&a, "127.0.0.1"));
    CHECK(!allowed4(&a, "127.0.0.2"));
    CHECK(allowed4(&a, "10.20.255.1"));
    CHECK(!allowed4(&a, "10.21.0.1"));
    CHECK(allowed4(&a, "192.0.2.200"));
    CHECK(!allowed4(&a, "192.0.2.100"));
    CHECK(allowed6(&a, "2001:db8:1::5"));
    CHECK(!allowed6(&a, "2001:db9::5"));
    /* an IPv4 caller on a dual-stack socket */
    CHECK(allowed6(&a, "::ffff:10.20.1.1"));
    CHECK(!allowed6(&a, "::ffff:10.30.1.1"));
}

TEST(net_allow_rejects_malformed_entries)
{
    struct net_allow a;
    char err[256] = "";
    CHECK(!net_allow_parse("[ussd] allow", "10.0.0.0/33", &a, err, sizeof err));
    CHECK(strstr(err, "10.0.0.0/33") != NULL);
    CHECK(!net_allow_parse("[ussd] allow", "localhost", &a, err, sizeof err));
    CHECK(!net_allow_parse("[ussd] allow", "10.0.0.1/", &a, err, sizeof err));
    CHECK(!net_allow_parse("[ussd] allow", "10.0.0.1/x", &a, err, sizeof err));
}
