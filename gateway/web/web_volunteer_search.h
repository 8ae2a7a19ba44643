/* web_volunteer_search.h: the Brīvprātīgie search page (GET /volunteers?q=):
 * any part of a number, a name with or without diacritics, or a pseudonym. */
#ifndef TALKA_WEB_VOLUNTEER_SEARCH_H
#define TALKA_WEB_VOLUNTEER_SEARCH_H

#include "gateway/web/web_request.h"

void web_volunteers(struct web_req *rq);

#endif
