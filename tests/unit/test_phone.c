/* test_phone.c: sender numbers normalised to E.164; senders never answered. */
#include "gateway/base/phone.h"
#include "tests/test.h"

static const char *norm(const char *in, enum phone_kind *k)
{
    static char out[40];
    *k = phone_normalize(in, out, sizeof out);
    return out;
}

TEST(phone_latvian_forms_become_e164)
{
    enum phone_kind k;
    CHECK_STR(norm("26000001", &k), "+37126000001");
    CHECK_INT(k, PHONE_E164);
    CHECK_STR(norm("+37126000001", &k), "+37126000001");
    CHECK_STR(norm("37126000001", &k), "+37126000001");
    CHECK_STR(norm("0037126000001", &k), "+37126000001");
    CHECK_STR(norm("+371 26 000 001", &k), "+37126000001");
    CHECK_STR(norm("260-00-001", &k), "+37126000001");
    CHECK_STR(norm("+4915112345678", &k), "+4915112345678");
    CHECK_INT(k, PHONE_E164);
}

TEST(phone_alphanumeric_and_short_codes_are_not_answered)
{
    enum phone_kind k;
    norm("LMT", &k);
    CHECK_INT(k, PHONE_ALPHANUMERIC);
    norm("Swedbank", &k);
    CHECK_INT(k, PHONE_ALPHANUMERIC);
    norm("1888", &k);
    CHECK_INT(k, PHONE_SHORTCODE);
    norm("", &k);
    CHECK_INT(k, PHONE_INVALID);
    norm("+0", &k);
    CHECK_INT(k, PHONE_INVALID);
    norm("1234567", &k);
    CHECK_INT(k, PHONE_INVALID);
    norm("12345678901234567890123456789012345", &k);
    CHECK_INT(k, PHONE_INVALID);
}
