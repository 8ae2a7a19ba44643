/* ussd_adapter_form.h: the common form-encoded provider convention
 * (ussd_adapter_form.c). */
#ifndef TALKA_USSD_ADAPTER_FORM_H
#define TALKA_USSD_ADAPTER_FORM_H

#include "gateway/ussd/ussd_adapter.h"

extern const struct ussd_adapter ussd_adapter_form;

#endif
