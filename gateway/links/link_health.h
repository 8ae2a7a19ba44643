/* link_health.h: a link's health (link_health.c): signal and network logged,
 * clock skew against the network noticed, the SIM balance asked by USSD on a
 * schedule with staff told when it runs low, and the state `talka status` shows. */
#ifndef TALKA_LINK_HEALTH_H
#define TALKA_LINK_HEALTH_H

#include "gateway/links/link.h"

void modem_check_health(struct modem *m);
void modem_check_balance(struct modem *m);
/* Records the modem's state ("up", "down", "absent", "stopped") and last error. */
void modem_set_state(struct modem *m, const char *state, const char *error);

#endif
