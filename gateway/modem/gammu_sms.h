/* gammu_sms.h: libgammu's SMS structures and talka's: text encoded into parts
 * (GSM-7 when it fits, else UCS-2, concatenated with UDH), a stored message read
 * into a struct tmsg, UCS-2 to UTF-8 and gammu's time stamps. Shared by the
 * libgammu transport and the simulated phone (`talka sim`). */
#ifndef TALKA_GAMMU_SMS_H
#define TALKA_GAMMU_SMS_H

#include "gateway/core/transport.h"

#include <gammu.h>
#include <stdbool.h>
#include <time.h>

/* Encodes UTF-8 text into out's parts; false with a message on failure. */
bool gammu_encode_text(const char *text, GSM_MultiSMSMessage *out, char *err, size_t errlen);

/* A number the modem can text: digits, a leading + allowed, not too long. */
bool gammu_number_ok(const char *to);

/* What a stored message is for talka: a text (or part), a report, or other
 * (a saved or sent message, a data message: described in m->about as JSON). */
void gammu_message(const GSM_SMSMessage *s, struct tmsg *m);

/* A message at location loc that libgammu could not decode (error), with its
 * raw PDU when known (pdu may be ""): TMSG_OTHER, kind "undecodable". */
void gammu_unreadable(int loc, const char *error, const char *pdu, struct tmsg *m);

/* UCS-2 (gammu's) into UTF-8 out, cut to outlen. */
void gammu_ucs2_to_utf8(const unsigned char *ucs2, char *out, size_t outlen);
/* Seconds since the epoch of a gammu time stamp (0 when unset). */
time_t gammu_epoch(const GSM_DateTime *dt);

#endif
