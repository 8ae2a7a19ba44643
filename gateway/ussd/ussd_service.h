/* ussd_service.h: the USSD endpoint of `talka run` (ussd_service.c). */
#ifndef TALKA_USSD_SERVICE_H
#define TALKA_USSD_SERVICE_H

#include "gateway/core/service.h"

extern const struct service ussd_service;

#endif
