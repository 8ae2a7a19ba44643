/* test_modem_other.c: what the gammu transport makes of a message on the SIM
 * that is not a text from a subscriber: a message an old phone sent, a data
 * (8-bit) message and an unreadable PDU are TMSG_OTHER with a kind and a JSON
 * description; a text and a delivery report stay what they are. */
#include "gateway/modem/gammu_sms.h"
#include "tests/test.h"

#include <stdlib.h>
#include <string.h>

static GSM_SMSMessage *message(GSM_SMSMessageType pdu, GSM_Coding_Type coding, const char *text)
{
    GSM_SMSMessage *s = calloc(1, sizeof *s);
    s->PDU = pdu;
    s->Coding = coding;
    s->State = SMS_Sent;
    s->Class = -1;
    s->UDH.Type = UDH_NoUDH;
    EncodeUnicode(s->Number, "+37126000001", 12);
    EncodeUnicode(s->Text, text, strlen(text));
    s->Length = (int)strlen(text);
    return s;
}

TEST(modem_other_sent_message_is_set_aside)
{
    struct tmsg *m = calloc(1, sizeof *m);
    GSM_SMSMessage *s = message(SMS_Submit, SMS_Coding_Default_No_Compression, "Sveiki");
    gammu_message(s, m);
    CHECK_INT(m->kind, TMSG_OTHER);
    CHECK_STR(m->other_kind, "submit");
    CHECK(strstr(m->about, "\"state\":\"sent\"") != NULL);
    CHECK(strstr(m->about, "\"text\":\"Sveiki\"") != NULL);
    CHECK(strstr(m->about, "\"number\":\"+37126000001\"") != NULL);
    free(s);
    free(m);
}

TEST(modem_other_data_message_is_set_aside)
{
    struct tmsg *m = calloc(1, sizeof *m);
    GSM_SMSMessage *s = message(SMS_Deliver, SMS_Coding_8bit, "");
    memcpy(s->Text, "\x0b\x05\x04", 3);
    s->Length = 3;
    gammu_message(s, m);
    CHECK_INT(m->kind, TMSG_OTHER);
    CHECK_STR(m->other_kind, "data");
    CHECK(strstr(m->about, "\"data\":\"0B0504\"") != NULL);
    free(s);
    free(m);
}

TEST(modem_other_text_and_report_stay)
{
    struct tmsg *m = calloc(1, sizeof *m);
    GSM_SMSMessage *s = message(SMS_Deliver, SMS_Coding_Default_No_Compression, "KOKS 1 OZOLS");
    s->Class = 3;
    gammu_message(s, m);
    CHECK_INT(m->kind, TMSG_TEXT);
    CHECK_STR(m->text, "KOKS 1 OZOLS");
    free(s);
    s = message(SMS_Status_Report, SMS_Coding_Default_No_Compression, "Delivered");
    s->MessageReference = 42;
    gammu_message(s, m);
    CHECK_INT(m->kind, TMSG_REPORT);
    CHECK_STR(m->report_ref, "42");
    CHECK(m->delivered);
    free(s);
    free(m);
}

TEST(modem_other_unreadable_keeps_its_pdu)
{
    struct tmsg *m = calloc(1, sizeof *m);
    gammu_unreadable(7, "Corrupted data returned by phone.", "0791732119", m);
    CHECK_INT(m->kind, TMSG_OTHER);
    CHECK_INT(m->location, 7);
    CHECK_STR(m->other_kind, "undecodable");
    CHECK_STR(m->pdu, "0791732119");
    CHECK(strstr(m->about, "\"location\":7") != NULL);
    free(m);
}
