/* web_waiting.h: the moderation page's list of reports waiting for the
 * volunteer's answer (a question asked back, later half-reports), each with
 * "register as guessed" and "drop" (POST /moderation/settle, web_inbox_act.h). */
#ifndef TALKA_WEB_WAITING_H
#define TALKA_WEB_WAITING_H

#include "gateway/web/web_request.h"

/* The section, appended to the moderation page. */
void web_waiting_section(struct web_req *rq);

#endif
