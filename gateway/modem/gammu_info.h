/* gammu_info.h: what the gammu transport asks a modem besides messages: signal,
 * network and clock, a USSD code (the SIM balance), and how full the SIM is. */
#ifndef TALKA_GAMMU_INFO_H
#define TALKA_GAMMU_INFO_H

#include "gateway/core/transport.h"
#include "gateway/modem/gammu_link.h"

bool gammu_health(struct transport *t, struct transport_health *h, char *err, size_t errlen);
bool gammu_ussd(struct transport *t, const char *code, char *reply, size_t len, char *err,
                size_t errlen);
bool gammu_storage(struct transport *t, int *used, int *total);

#endif
