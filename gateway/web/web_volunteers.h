/* web_volunteers.h: a volunteer in the dashboard (coordinators and admins): the
 * page with the conversation (texts in and out with delivery state and what talka
 * understood), Sūtīt ziņu (web_volunteer_message.h), plantings, the points
 * ledger and reminders on/off (back on only confirmed); and erasure (admins only,
 * confirmed), as DZĒST does. The search is web_volunteer_search.h. */
#ifndef TALKA_WEB_VOLUNTEERS_H
#define TALKA_WEB_VOLUNTEERS_H

#include "gateway/web/web_request.h"

void web_volunteer(struct web_req *rq);
void web_volunteer_reminders(struct web_req *rq);
void web_volunteer_erase(struct web_req *rq);

#endif
