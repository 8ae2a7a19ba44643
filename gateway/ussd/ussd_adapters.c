/* ussd_adapters.c: the list of provider formats [ussd] format may name. */
#include "gateway/ussd/ussd_adapters.h"
#include "gateway/ussd/ussd_adapter_form.h"

#include <string.h>

static const struct ussd_adapter *const adapters[] = {
    &ussd_adapter_form,
};

const struct ussd_adapter *ussd_adapter_find(const char *name)
{
    for (size_t i = 0; i < sizeof adapters / sizeof adapters[0]; i++)
        if (!strcmp(adapters[i]->name, name))
            return adapters[i];
    return NULL;
}
