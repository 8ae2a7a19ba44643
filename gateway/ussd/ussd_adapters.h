/* ussd_adapters.h: the table of provider formats [ussd] format may name
 * (ussd_adapters.c); a new format is one file and one line there. */
#ifndef TALKA_USSD_ADAPTERS_H
#define TALKA_USSD_ADAPTERS_H

#include "gateway/ussd/ussd_adapter.h"

/* The adapter named in [ussd] format; NULL when unknown. */
const struct ussd_adapter *ussd_adapter_find(const char *name);

#endif
