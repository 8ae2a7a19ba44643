/* web_sms_count.h: the SMS character and part counter's answer (POST
 * /sms-count, field text): {"chars","units","parts","encoding"} as JSON. */
#ifndef TALKA_WEB_SMS_COUNT_H
#define TALKA_WEB_SMS_COUNT_H

#include "gateway/web/web_request.h"

void web_sms_count(struct web_req *rq);

#endif
