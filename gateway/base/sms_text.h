/* sms_text.h: what a text costs as SMS: GSM-7 (with the extension table) or
 * UCS-2, how many segments, and folding Latvian letters to GSM-7. */
#ifndef TALKA_SMS_TEXT_H
#define TALKA_SMS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum sms_encoding { SMS_GSM7 = 0, SMS_UCS2 };

struct sms_info {
    enum sms_encoding encoding;
    int units;      /* septets (GSM-7) or UTF-16 code units (UCS-2) */
    int segments;   /* 1 when units fit 160/70, else ceil(units / 153 or 67) */
    int per_part;   /* units a part holds at this length: 160 or 153 (GSM-7), 70 or 67 (UCS-2) */
};

/* Measures UTF-8 text (invalid bytes count as one UCS-2 unit each). */
void sms_measure(const char *utf8, struct sms_info *info);

/* True when every character of utf8 is in the GSM 03.38 default or extension table. */
bool sms_is_gsm7(const char *utf8);

/* Copies utf8 into out with Latvian (and other Latin) diacritics folded to ASCII
 * (ā→a, Š→S); other characters are kept. */
void sms_fold_latvian(const char *utf8, char *out, size_t outlen);

const char *sms_encoding_name(enum sms_encoding e);  /* "gsm7" | "ucs2" */

/* Removes, in place, the invisible Unicode format characters that reorder or hide
 * text (U+202A-U+202E, U+2066-U+2069 bidirectional controls, zero-width spaces
 * and joiners, soft hyphen, BOM): for anything a person typed that is echoed back
 * or shown to staff. Returns the new length. */
size_t sms_strip_format(char *utf8);

#endif
