/* web_admin.h: the accounts page (admins only): list, add with a role, set a new
 * password, remove. The last admin cannot be removed. */
#ifndef TALKA_WEB_ADMIN_H
#define TALKA_WEB_ADMIN_H

#include "gateway/web/web_request.h"

void web_accounts(struct web_req *rq);
void web_account_add_post(struct web_req *rq);
void web_account_passwd_post(struct web_req *rq);
void web_account_remove_post(struct web_req *rq);

#endif
