/* web_routes.h: every dashboard path, who may open it, and the checks before a
 * page runs: a session (else a redirect to /login, or 401 for the API and for
 * changing requests), the role (else 403), the method (else 405) and, for every
 * POST, the session's CSRF token (else 403). */
#ifndef TALKA_WEB_ROUTES_H
#define TALKA_WEB_ROUTES_H

#include "gateway/web/web_request.h"

/* Fills rq's answer. */
void web_route(struct web_req *rq);

#endif
