/* web_service.h: the staff dashboard inside `talka run` (web_service.c). */
#ifndef TALKA_WEB_SERVICE_H
#define TALKA_WEB_SERVICE_H

#include "gateway/core/service.h"

extern const struct service web_service;

#endif
