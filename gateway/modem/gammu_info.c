/* gammu_info.c: signal, network, clock, USSD and SIM usage through libgammu
 * (see gammu_info.h). */
#include "gateway/modem/gammu_info.h"

#include "gateway/base/clock.h"
#include "gateway/modem/gammu_sms.h"

#include <stdio.h>
#include <string.h>

bool gammu_health(struct transport *t, struct transport_health *h, char *err, size_t errlen)
{
    memset(h, 0, sizeof *h);
    h->signal_percent = -1;
    if (!t->connected) {
        snprintf(err, errlen, "not connected");
        return false;
    }
    GSM_SignalQuality q;
    memset(&q, 0, sizeof q);
    GSM_Error e = GSM_GetSignalQuality(t->sm, &q);
    if (e == ERR_NONE)
        h->signal_percent = q.SignalPercent;
    else if (gammu_device_error(e))
        return gammu_ok(e, "reading the signal", err, errlen);
    GSM_NetworkInfo ni;
    memset(&ni, 0, sizeof ni);
    e = GSM_GetNetworkInfo(t->sm, &ni);
    if (e == ERR_NONE) {
        char name[40]; /* "name (code)" fits h->network */
        gammu_ucs2_to_utf8(ni.NetworkName, name, sizeof name);
        if (name[0])
            snprintf(h->network, sizeof h->network, "%s (%s)", name, ni.NetworkCode);
        else
            snprintf(h->network, sizeof h->network, "%s", ni.NetworkCode);
        h->registered = ni.State == GSM_HomeNetwork || ni.State == GSM_RoamingNetwork;
    } else if (gammu_device_error(e)) {
        return gammu_ok(e, "reading the network", err, errlen);
    }
    GSM_DateTime dt;
    memset(&dt, 0, sizeof dt);
    if (GSM_GetDateTime(t->sm, &dt) == ERR_NONE)
        h->device_time = gammu_epoch(&dt);
    return true;
}

bool gammu_ussd(struct transport *t, const char *code, char *reply, size_t len, char *err,
                   size_t errlen)
{
    reply[0] = '\0';
    if (!t->connected) {
        snprintf(err, errlen, "not connected");
        return false;
    }
    t->ussd_done = false;
    t->ussd_text[0] = '\0';
    GSM_Error e = GSM_SetIncomingUSSD(t->sm, TRUE);
    if (e != ERR_NONE && e != ERR_NOTSUPPORTED && e != ERR_NOTIMPLEMENTED)
        return gammu_ok(e, "enabling USSD", err, errlen);
    char buf[64];
    snprintf(buf, sizeof buf, "%s", code);
    e = GSM_DialService(t->sm, buf);
    if (e != ERR_NONE)
        return gammu_ok(e, "dialling the USSD code", err, errlen);
    long long deadline = clock_mono_ms() + t->ussd_timeout_ms;
    while (!t->ussd_done && clock_mono_ms() < deadline) {
        GSM_Error r = GSM_ReadDevice(t->sm, TRUE);
        if (r != ERR_NONE && gammu_link_lost(r))
            return gammu_ok(r, "waiting for the USSD answer", err, errlen);
        if (!t->ussd_done)
            clock_sleep_ms(t->dummy ? 1000 : 100);
    }
    if (!t->ussd_done) {
        snprintf(err, errlen, "no USSD answer within %ld s", t->ussd_timeout_ms / 1000);
        return false;
    }
    snprintf(reply, len, "%s", t->ussd_text);
    return true;
}

bool gammu_storage(struct transport *t, int *used, int *total)
{
    /* the dummy driver opens some 50 000 paths to answer this: not worth it */
    if (!t->connected || t->dummy)
        return false;
    GSM_SMSMemoryStatus st;
    memset(&st, 0, sizeof st);
    if (GSM_GetSMSStatus(t->sm, &st) != ERR_NONE)
        return false;
    *used = st.SIMUsed + st.PhoneUsed;
    *total = st.SIMSize + st.PhoneSize;
    return *total > 0;
}
