/* web_sms_count.h: the dashboard's one SMS character and part counter (POST
 * /sms-count, field text): {"chars","units","parts","per_part","encoding"} as
 * JSON, parts 0 for an empty text. */
#ifndef TALKA_WEB_SMS_COUNT_H
#define TALKA_WEB_SMS_COUNT_H

#include "gateway/web/web_request.h"

void web_sms_count(struct web_req *rq);

#endif
