/* web_login.h: the login form (standard autocomplete fields for password
 * managers), signing in with the limits of web_accounts.h, signing out, and the
 * language switch. */
#ifndef TALKA_WEB_LOGIN_H
#define TALKA_WEB_LOGIN_H

#include "gateway/web/web_request.h"

void web_login_form(struct web_req *rq);
void web_login_post(struct web_req *rq);
void web_logout(struct web_req *rq);
void web_lang(struct web_req *rq);

#endif
