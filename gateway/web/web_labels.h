/* web_labels.h: every code the database stores that a dashboard page shows, in
 * the page's language, from one table (web_labels.c): a planting's status, a
 * ledger reason, a modem's state, a language (LABEL_CODE); what talka made of a
 * text (LABEL_UNDERSTOOD, the conversation) and what it missed (LABEL_MISSED, the
 * inbox); an outbound text's state (LABEL_OUT); an audit-log action (LABEL_ACTION,
 * the journal). One code may read differently in each (an outbound "cancelled"
 * is "atcelta", a planting's "atcelts"), so the kind is part of the key. */
#ifndef TALKA_WEB_LABELS_H
#define TALKA_WEB_LABELS_H

#include "gateway/web/web_request.h"

enum label_kind { LABEL_CODE, LABEL_UNDERSTOOD, LABEL_MISSED, LABEL_OUT, LABEL_ACTION };

/* code's label of that kind in the page's language. A code the table does not
 * list gets the kind's fallback where it has one (LABEL_MISSED: "nesaprasts";
 * LABEL_UNDERSTOOD: by its prefix), else is shown as it is, never hidden. */
const char *page_label(const struct web_req *rq, enum label_kind kind, const char *code);

#endif
