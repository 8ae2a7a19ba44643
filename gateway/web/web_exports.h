/* web_exports.h: volunteers.csv and messages.csv (coordinators and admins;
 * numbers and an audit entry only for admins), and their part of the downloads
 * page. */
#ifndef TALKA_WEB_EXPORTS_H
#define TALKA_WEB_EXPORTS_H

#include "gateway/web/web_request.h"

void web_download_volunteers(struct web_req *rq);
void web_download_messages(struct web_req *rq);
/* The downloads page's section for them (nothing for viewers). */
void web_downloads_people(struct web_req *rq);

#endif
