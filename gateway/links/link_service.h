/* link_service.h: the link runner of `talka run`: one thread per configured link, modem or Kannel (link_service.c). */
#ifndef TALKA_LINK_SERVICE_H
#define TALKA_LINK_SERVICE_H

#include "gateway/core/service.h"

extern const struct service modem_service;

#endif
