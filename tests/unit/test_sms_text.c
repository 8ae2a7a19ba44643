/* test_sms_text.c: GSM-7 membership, segment counts and Latvian folding. */
#include "gateway/base/sms_text.h"
#include "tests/test.h"

TEST(gsm7_plain_ascii_is_one_segment_up_to_160)
{
    char buf[200];
    memset(buf, 'a', 160);
    buf[160] = '\0';
    struct sms_info i;
    sms_measure(buf, &i);
    CHECK_INT(i.encoding, SMS_GSM7);
    CHECK_INT(i.segments, 1);
    CHECK_INT(i.per_part, 160);
    buf[160] = 'a';
    buf[161] = '\0';
    sms_measure(buf, &i);
    CHECK_INT(i.segments, 2);
    CHECK_INT(i.per_part, 153);
}

TEST(latvian_letter_forces_ucs2_at_70)
{
    struct sms_info i;
    sms_measure("Paldies! Reģistrēti 12 ozoli, Cēsis.", &i);
    CHECK_INT(i.encoding, SMS_UCS2);
    CHECK_INT(i.segments, 1);
    CHECK_INT(i.units, 36);
    CHECK_INT(i.per_part, 70);
}

/* a part of a long Unicode text holds 67 (the header takes the rest), and the
 * counter the dashboard shows under its text boxes is this per_part */
TEST(ucs2_parts_hold_67_once_a_text_is_long)
{
    char buf[3 * 71 + 1] = "";
    for (int k = 0; k < 70; k++)
        strcat(buf, "\xD0\xB6"); /* ж */
    struct sms_info i;
    sms_measure(buf, &i);
    CHECK_INT(i.encoding, SMS_UCS2);
    CHECK_INT(i.segments, 1);
    CHECK_INT(i.per_part, 70);
    strcat(buf, "\xD0\xB6");
    sms_measure(buf, &i);
    CHECK_INT(i.segments, 2);
    CHECK_INT(i.per_part, 67);
    sms_measure("", &i);
    CHECK_INT(i.segments, 1);
    CHECK_INT(i.per_part, 160);
}

TEST(extension_characters_take_two_septets)
{
    struct sms_info i;
    sms_measure("{}", &i);
    CHECK_INT(i.encoding, SMS_GSM7);
    CHECK_INT(i.units, 4);
    sms_measure("\xE2\x82\xAC", &i); /* euro */
    CHECK_INT(i.units, 2);
}

TEST(fold_latvian_to_gsm7)
{
    char out[64];
    sms_fold_latvian("Līgatne, Ķegums, ŠĒ", out, sizeof out);
    CHECK_STR(out, "Ligatne, Kegums, SE");
    CHECK(sms_is_gsm7(out));
    sms_fold_latvian("дуб", out, sizeof out);
    CHECK_STR(out, "дуб");
}

TEST(invalid_utf8_is_measured_without_crash)
{
    struct sms_info i;
    sms_measure("\xff\xfe\xc3", &i);
    CHECK_INT(i.encoding, SMS_UCS2);
    CHECK_INT(i.units, 3);
}
