/* web_broadcasts.h: broadcasts in the dashboard: compose (segment, text with
 * placeholders previewed on a sample volunteer, recipient count, parts per copy,
 * time to send through quiet hours and caps), schedule, the list with progress
 * (sent / waiting / failed), and cancel. Coordinators and admins. */
#ifndef TALKA_WEB_BROADCASTS_H
#define TALKA_WEB_BROADCASTS_H

#include "gateway/web/web_request.h"

void web_broadcasts(struct web_req *rq);
void web_broadcast_preview(struct web_req *rq);
void web_broadcast_create(struct web_req *rq);
void web_broadcast_cancel(struct web_req *rq);
/* POST /broadcasts/count: the live recipient count of the form's audience (JSON). */
void web_broadcast_count(struct web_req *rq);

#endif
