/* web_volunteer_message.h: Sūtīt ziņu, a staff text to one volunteer: its form
 * on the volunteer's page and POST /volunteer/message. */
#ifndef TALKA_WEB_VOLUNTEER_MESSAGE_H
#define TALKA_WEB_VOLUNTEER_MESSAGE_H

#include "db/volunteers.h"
#include "gateway/web/web_request.h"

void web_volunteer_message(struct web_req *rq);
void web_volunteer_message_form(struct web_req *rq, const struct volunteer *v);

#endif
