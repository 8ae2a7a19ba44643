/* registry_service.h: the registry uploader of `talka run` (registry_service.c). */
#ifndef TALKA_REGISTRY_SERVICE_H
#define TALKA_REGISTRY_SERVICE_H

#include "gateway/core/service.h"

extern const struct service registry_service;

#endif
