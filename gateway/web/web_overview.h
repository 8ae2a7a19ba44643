/* web_overview.h: the overview page (trees accepted and waiting, volunteers,
 * texts today; per municipality as a sortable table and a map, per species, per
 * day for 30 days) and its JSON figures, which the page refreshes by itself. */
#ifndef TALKA_WEB_OVERVIEW_H
#define TALKA_WEB_OVERVIEW_H

#include "gateway/web/web_request.h"

void web_overview(struct web_req *rq);
void web_api_overview(struct web_req *rq);

#endif
