/* link_receive.h: reading a link (link_receive.c): every part committed to
 * SQLite, then deleted from the device at once; single texts to the pipeline;
 * parts of long texts joined in the database and handed on complete (or, after
 * the timeout, incomplete with the sender asked to send again); delivery reports
 * onto the outbound rows; anything else set aside (modem_aside) and deleted too,
 * so nothing stays on the SIM. After each pass, how full the SIM is. */
#ifndef TALKA_LINK_RECEIVE_H
#define TALKA_LINK_RECEIVE_H

#include "gateway/links/link.h"

/* One pass over the device's memory: how many messages were taken, -1 when the
 * device failed (err says why). */
int modem_receive_pass(struct modem *m, char *err, size_t errlen);
/* Hands on long texts whose parts are all in, or whose timeout passed. */
void modem_sweep_parts(struct modem *m);

#endif
