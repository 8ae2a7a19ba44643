/* modem_service.h: the modem part of `talka run`: one thread per configured modem (modem_service.c). */
#ifndef TALKA_MODEM_SERVICE_H
#define TALKA_MODEM_SERVICE_H

#include "gateway/core/service.h"

extern const struct service modem_service;

#endif
