/* broadcast_service.h: the broadcast part of `talka run` (broadcast_service.c). */
#ifndef TALKA_BROADCAST_SERVICE_H
#define TALKA_BROADCAST_SERVICE_H

#include "gateway/core/service.h"

extern const struct service broadcast_service;

#endif
