/* gammu_sms.c: libgammu's SMS structures and talka's (see gammu_sms.h). */
#include "gateway/modem/gammu_sms.h"

#include <ctype.h>
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
    if (s->PDU != SMS_Deliver) {
        m->kind = TMSG_OTHER;
        return;
    }
    m->kind = TMSG_TEXT;
    if (s->Coding == SMS_Coding_8bit) {
        size_t n = (size_t)s->Length;
        if (n >= sizeof m->text)
            n = sizeof m->text - 1;
        memcpy(m->text, s->Text, n);
        m->text[n] = '\0';
        m->len = n;
    } else {
        gammu_ucs2_to_utf8(s->Text, m->text, sizeof m->text);
        m->len = strlen(m->text);
    }
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
