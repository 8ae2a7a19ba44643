/* gammu_sms.c: libgammu's SMS structures and talka's (see gammu_sms.h). */
#include "gateway/modem/gammu_sms.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool gammu_encode_text(const char *text, GSM_MultiSMSMessage *out, char *err, size_t errlen)
{
    size_t tl = strlen(text);
    unsigned char *ucs2 = malloc(tl * 2 + 4);
    if (!ucs2) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    DecodeUTF8(ucs2, text, tl);
    GSM_MultiPartSMSInfo info;
    GSM_ClearMultiPartSMSInfo(&info);
    info.EntriesNum = 1;
    info.UnicodeCoding = FALSE;   /* AutoText picks GSM-7 when the text fits it */
    info.Class = -1;
    info.Entries[0].ID = SMS_ConcatenatedAutoTextLong;
    info.Entries[0].Buffer = ucs2;
    memset(out, 0, sizeof *out);
    GSM_Error e = GSM_EncodeMultiPartSMS(NULL, &info, out);
    free(ucs2);
    if (e != ERR_NONE || out->Number < 1) {
        snprintf(err, errlen, "cannot encode the text: %s", GSM_ErrorString(e));
        return false;
    }
    return true;
}

void gammu_ucs2_to_utf8(const unsigned char *ucs2, char *out, size_t outlen)
{
    /* EncodeUTF8 writes up to 4 bytes per UCS-2 unit into an unbounded buffer */
    size_t units = UnicodeLength(ucs2);
    char *tmp = malloc(units * 4 + 8);
    if (!tmp) {
        snprintf(out, outlen, "%s", "");
        return;
    }
    tmp[0] = '\0';
    EncodeUTF8(tmp, ucs2);
    snprintf(out, outlen, "%s", tmp);
    free(tmp);
}

time_t gammu_epoch(const GSM_DateTime *dt)
{
    if (dt->Year < 1990 || dt->Month < 1 || dt->Month > 12 || dt->Day < 1)
        return 0;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = dt->Year - 1900;
    tm.tm_mon = dt->Month - 1;
    tm.tm_mday = dt->Day;
    tm.tm_hour = dt->Hour;
    tm.tm_min = dt->Minute;
    tm.tm_sec = dt->Second;
    return timegm(&tm) - dt->Timezone;   /* Timezone: seconds east of UTC */
}

static const char *state_name(GSM_SMS_State st)
{
    switch (st) {
    case SMS_Sent: return "sent";
    case SMS_UnSent: return "unsent";
    case SMS_Read: return "read";
    case SMS_UnRead: return "unread";
    }
    return "unknown";
}

/* What libgammu decoded of a message that is not a text, as a JSON object */
static void describe(const GSM_SMSMessage *s, char *out, size_t len)
{
    char num[64], smsc[64], text[640];
    gammu_ucs2_to_utf8(s->Number, num, sizeof num);
    gammu_ucs2_to_utf8(s->SMSC.Number, smsc, sizeof smsc);
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(s->PDU == SMS_Submit ? "submit" :
                                               s->PDU == SMS_Deliver ? "deliver" : "other"));
    json_object_set_new(o, "state", json_string(state_name(s->State)));
    json_object_set_new(o, "number", json_string(num));
    json_object_set_new(o, "smsc", json_string(smsc));
    json_object_set_new(o, "class", json_integer(s->Class));
    if (s->Coding == SMS_Coding_8bit) {
        size_t n = (size_t)s->Length;
        if (n > 200)
            n = 200;
        for (size_t i = 0; i < n; i++)
            snprintf(text + 2 * i, 3, "%02X", (unsigned char)s->Text[i]);
        text[2 * n] = '\0';
        json_object_set_new(o, "coding", json_string("8bit"));
        json_object_set_new(o, "data", json_string(text));
    } else {
        gammu_ucs2_to_utf8(s->Text, text, 400);
        json_object_set_new(o, "coding", json_string(
            s->Coding == SMS_Coding_Default_No_Compression ? "gsm7" : "ucs2"));
        json_object_set_new(o, "text", json_string(text));
    }
    if (s->UDH.Type != UDH_NoUDH && s->UDH.Length > 0) {
        int n = s->UDH.Length > 60 ? 60 : s->UDH.Length;
        for (int i = 0; i < n; i++)
            snprintf(text + 2 * i, 3, "%02X", s->UDH.Text[i]);
        json_object_set_new(o, "udh", json_string(text));
    }
    time_t at = gammu_epoch(&s->DateTime);
    if (at)
        json_object_set_new(o, "time", json_integer((json_int_t)at));
    char *js = json_dumps(o, JSON_COMPACT);
    snprintf(out, len, "%s", js ? js : "{}");
    free(js);
    json_decref(o);
}

void gammu_unreadable(int loc, const char *error, const char *pdu, struct tmsg *m)
{
    memset(m, 0, sizeof *m);
    m->kind = TMSG_OTHER;
    m->folder = 0;
    m->location = loc;
    snprintf(m->other_kind, sizeof m->other_kind, "undecodable");
    snprintf(m->pdu, sizeof m->pdu, "%s", pdu);
    json_t *o = json_object();
    json_object_set_new(o, "error", json_string(error));
    json_object_set_new(o, "location", json_integer(loc));
    char *js = json_dumps(o, JSON_COMPACT);
    snprintf(m->about, sizeof m->about, "%s", js ? js : "{}");
    free(js);
    json_decref(o);
}

void gammu_message(const GSM_SMSMessage *s, struct tmsg *m)
{
    memset(m, 0, sizeof *m);
    m->folder = s->Folder;
    m->location = s->Location;
    gammu_ucs2_to_utf8(s->Number, m->sender, sizeof m->sender);
    if (s->PDU == SMS_Status_Report) {
        m->kind = TMSG_REPORT;
        snprintf(m->report_ref, sizeof m->report_ref, "%d", (int)s->MessageReference);
        /* TS 23.040 status: 0x00-0x1F done, 0x20-0x3F still trying, 0x40+ gave up.
         * (Gammu's backup files keep no status, only the text it decoded.) */
        char txt[64];
        gammu_ucs2_to_utf8(s->Text, txt, sizeof txt);
        m->delivered = s->DeliveryStatus < 0x40 && strcasecmp(txt, "Failed") != 0;
        m->sent_at = gammu_epoch(&s->DateTime);
        return;
    }
    if (s->PDU != SMS_Deliver || s->Coding == SMS_Coding_8bit) {
        /* a message an old phone saved or sent, or data (WAP push, MMS notice,
         * configuration): no text from a subscriber, set aside */
        m->kind = TMSG_OTHER;
        snprintf(m->other_kind, sizeof m->other_kind, "%s",
                 s->PDU == SMS_Submit ? "submit" : s->PDU == SMS_Deliver ? "data" : "other");
        m->sent_at = gammu_epoch(&s->DateTime);
        describe(s, m->about, sizeof m->about);
        return;
    }
    m->kind = TMSG_TEXT;
    gammu_ucs2_to_utf8(s->Text, m->text, sizeof m->text);
    m->len = strlen(m->text);
    m->sent_at = gammu_epoch(&s->DateTime);
    if ((s->UDH.Type == UDH_ConcatenatedMessages || s->UDH.Type == UDH_ConcatenatedMessages16bit)
        && s->UDH.AllParts > 1 && s->UDH.PartNumber >= 1 && s->UDH.PartNumber <= s->UDH.AllParts) {
        m->concat_total = s->UDH.AllParts;
        m->concat_part = s->UDH.PartNumber;
        m->concat_ref = s->UDH.Type == UDH_ConcatenatedMessages16bit ? s->UDH.ID16bit + 0x10000
                                                                   : s->UDH.ID8bit;
    }
}

bool gammu_number_ok(const char *to)
{
    if (!to || !*to || strlen(to) > GSM_MAX_NUMBER_LENGTH)
        return false;
    for (const char *p = to; *p; p++)
        if (!isdigit((unsigned char)*p) && !(p == to && *p == '+'))
            return false;
    return true;
}
