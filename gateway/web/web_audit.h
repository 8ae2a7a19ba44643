/* web_audit.h: the journal (Žurnāls, admins): the audit log as a page, filtered
 * by account, action and date, and the same rows as CSV. */
#ifndef TALKA_WEB_AUDIT_H
#define TALKA_WEB_AUDIT_H

#include "gateway/web/web_request.h"

void web_journal(struct web_req *rq);       /* GET /journal */
void web_journal_csv(struct web_req *rq);   /* GET /journal.csv */

#endif
