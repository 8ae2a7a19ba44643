/* web_moderation.h: reports waiting for review: the list, one report (raw text,
 * the volunteer's pseudonym and history, the exact SMS each decision sends), and
 * approving or rejecting with a reason (coordinators and admins). */
#ifndef TALKA_WEB_MODERATION_H
#define TALKA_WEB_MODERATION_H

#include "gateway/web/web_request.h"

void web_moderation(struct web_req *rq);
void web_report(struct web_req *rq);
void web_approve(struct web_req *rq);
void web_reject(struct web_req *rq);
/* POST /moderation/reject-preview: the exact rejection SMS for a reason (JSON). */
void web_reject_preview(struct web_req *rq);

#endif
