/* metrics_service.h: the Prometheus /metrics listener inside `talka run`
 * (metrics_service.c), on [metrics] listen: a listener of its own, so a reverse
 * proxy in front of the dashboard never exposes it. */
#ifndef TALKA_METRICS_SERVICE_H
#define TALKA_METRICS_SERVICE_H

#include "gateway/core/service.h"

extern const struct service metrics_service;

#endif
