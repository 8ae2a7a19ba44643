/* kannel_service.h: the Kannel endpoint of `talka run` (texts and delivery
 * reports pushed by Kannel's smsbox; see kannel_service.c). */
#ifndef TALKA_KANNEL_SERVICE_H
#define TALKA_KANNEL_SERVICE_H

#include "gateway/core/service.h"

extern const struct service kannel_service;

#endif
