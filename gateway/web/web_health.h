/* web_health.h: the gateway health page (each modem, the queues, the registry
 * uploader, USSD counters) and the downloads (CSV and GeoJSON exports, which hold
 * no personal data, so viewers may have them too). */
#ifndef TALKA_WEB_HEALTH_H
#define TALKA_WEB_HEALTH_H

#include "gateway/web/web_request.h"

void web_health(struct web_req *rq);
void web_downloads(struct web_req *rq);
void web_download_csv(struct web_req *rq);
void web_download_geojson(struct web_req *rq);

#endif
