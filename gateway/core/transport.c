/* transport.c: the table of transport kinds (filled by TRANSPORT_REGISTER before
 * main) and of the links the config names (see transport.h). */
#include "gateway/core/transport.h"

#include <assert.h>
#include <stdio.h>

#define MAX_KINDS 8

static const struct transport_kind *kinds[MAX_KINDS];
static int nkinds;

void transport_register(const struct transport_kind *k)
{
    assert(nkinds < MAX_KINDS);
    if (nkinds < MAX_KINDS)
        kinds[nkinds++] = k;
}

const struct transport_kind *transport_kind_at(int i)
{
    return i >= 0 && i < nkinds ? kinds[i] : NULL;
}

int transport_links(const struct config *cfg, struct transport_link *out, int max)
{
    int n = 0;
    for (int k = 0; k < nkinds && n < max; k++) {
        char names[TRANSPORT_MAX_LINKS][32];
        int room = max - n < TRANSPORT_MAX_LINKS ? max - n : TRANSPORT_MAX_LINKS;
        int got = kinds[k]->configured(cfg, names, room);
        for (int i = 0; i < got && n < max; i++, n++) {
            struct transport_link *l = &out[n];
            snprintf(l->name, sizeof l->name, "%s", names[i]);
            snprintf(l->section, sizeof l->section, "%s", names[i]);
            if (kinds[k]->section)
                kinds[k]->section(names[i], l->section, sizeof l->section);
            l->kind = kinds[k];
            l->rate = config_int(cfg, l->section, "rate");
        }
    }
    return n;
}
