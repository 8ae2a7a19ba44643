/* staff_numbers.c: the staff's numbers from the config (see staff_numbers.h). */
#include "gateway/base/staff_numbers.h"

#include "gateway/base/phone.h"

#include <string.h>

void staff_numbers_load(const struct config *cfg, const char *alert_section,
                        struct staff_numbers *out)
{
    const char *list = config_str(cfg, "staff", "numbers");
    if (alert_section && config_given(cfg, alert_section, "alert_numbers"))
        list = config_str(cfg, alert_section, "alert_numbers");
    out->n = phone_list(list, out->num, STAFF_NUMBERS_MAX);
}

int staff_numbers_find(const struct staff_numbers *s, const char *e164)
{
    for (int k = 0; k < s->n; k++)
        if (!strcmp(s->num[k], e164))
            return k + 1;
    return 0;
}
