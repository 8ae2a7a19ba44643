/* web_inbox.h: the inbox (Iesūtne, coordinators): every text talka did not
 * understand, newest first, and one text with what staff can do about it
 * (web_inbox.c shows them; web_inbox_act.c acts). */
#ifndef TALKA_WEB_INBOX_H
#define TALKA_WEB_INBOX_H

#include "gateway/web/web_request.h"

/* GET /inbox: the list (?before=ID pages on). */
void web_inbox(struct web_req *rq);
/* GET /inbox/text?id=N: one text: answer, register, teach, mark as reviewed. */
void web_inbox_text(struct web_req *rq);
/* GET /inbox/words: the words taught, who taught them, remove. */
void web_inbox_words(struct web_req *rq);

/* The notice after an action (?done=CODE or ?fail=CODE: fixed codes, never
 * text from a form), in the page's language. */
void inbox_notice(struct web_req *rq);

#endif
