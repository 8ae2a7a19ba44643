/* web_inbox_act.h: what staff do from the inbox and the moderation page's
 * waiting list (web_inbox_act.c): answer, register, teach, forget, mark as
 * reviewed, settle a question (the answer form's counter is POST /sms-count,
 * web_sms_count.c). Each writes an audit entry (pseudonym, never a text's words) and
 * redirects with a fixed code, never with text in the URL. */
#ifndef TALKA_WEB_INBOX_ACT_H
#define TALKA_WEB_INBOX_ACT_H

#include "gateway/web/web_request.h"

void web_inbox_reply(struct web_req *rq);      /* POST /inbox/reply: id, text */
void web_inbox_register(struct web_req *rq);   /* POST /inbox/register: id, count, species, place */
void web_inbox_teach(struct web_req *rq);      /* POST /inbox/teach: id, word, kind, target */
void web_inbox_forget(struct web_req *rq);     /* POST /inbox/forget: wid */
void web_inbox_resolve(struct web_req *rq);    /* POST /inbox/resolve: id */
void web_question_settle(struct web_req *rq);  /* POST /moderation/settle: q, keep (1|0) */

#endif
