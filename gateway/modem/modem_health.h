/* modem_health.h: a modem's health (modem_health.c): signal and network logged,
 * clock skew against the network noticed, the SIM balance asked by USSD on a
 * schedule with staff told when it runs low, and the state `talka status` shows. */
#ifndef TALKA_MODEM_HEALTH_H
#define TALKA_MODEM_HEALTH_H

#include "gateway/modem/modem.h"

void modem_check_health(struct modem *m);
void modem_check_balance(struct modem *m);
/* Records the modem's state ("up", "down", "absent", "stopped") and last error. */
void modem_set_state(struct modem *m, const char *state, const char *error);

#endif
