/* web_volunteers.h: volunteers in the dashboard (coordinators and admins): search
 * by number or name; a volunteer's page with the conversation (texts in and out
 * with delivery state), plantings, the points ledger and reminders on/off; and
 * erasure (admins only, confirmed), as DZĒST does. */
#ifndef TALKA_WEB_VOLUNTEERS_H
#define TALKA_WEB_VOLUNTEERS_H

#include "db/volunteers.h"
#include "gateway/web/web_request.h"

void web_volunteers(struct web_req *rq);
void web_volunteer(struct web_req *rq);
void web_volunteer_reminders(struct web_req *rq);
void web_volunteer_erase(struct web_req *rq);
/* POST /volunteer/message: Sūtīt ziņu (web_volunteer_message.c). */
void web_volunteer_message(struct web_req *rq);
/* Its form on the volunteer's page. */
void web_volunteer_message_form(struct web_req *rq, const struct volunteer *v);
/* The volunteer named by id=; false (with the answer set: 404) when there is none. */
bool web_volunteer_load(struct web_req *rq, struct volunteer *v);

#endif
