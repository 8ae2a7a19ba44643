/* web_volunteer_load.h: the volunteer a dashboard request names by id= (the
 * volunteer's page and its forms); erased volunteers are not found. */
#ifndef TALKA_WEB_VOLUNTEER_LOAD_H
#define TALKA_WEB_VOLUNTEER_LOAD_H

#include "db/volunteers.h"
#include "gateway/web/web_request.h"

#include <stdbool.h>

/* False (with the answer set: 500 or 404) when there is none. */
bool web_volunteer_load(struct web_req *rq, struct volunteer *v);

#endif
