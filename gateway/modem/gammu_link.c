/* gammu_link.c: libgammu's errors as the gammu transport sees them (see
 * gammu_link.h). */
#include "gateway/modem/gammu_link.h"

#include <stdio.h>

bool gammu_ok(GSM_Error e, const char *what, char *err, size_t errlen)
{
    if (e == ERR_NONE)
        return true;
    snprintf(err, errlen, "%s: %s", what, GSM_ErrorString(e));
    return false;
}

bool gammu_device_error(GSM_Error e)
{
    switch (e) {
    case ERR_DEVICEOPENERROR: case ERR_DEVICELOCKED: case ERR_DEVICENOTEXIST:
    case ERR_DEVICEBUSY: case ERR_DEVICENOPERMISSION:
    case ERR_NOTCONNECTED: case ERR_TIMEOUT: case ERR_DEVICEWRITEERROR:
    case ERR_DEVICEREADERROR: case ERR_DEVICEPARITYERROR: case ERR_DEVICECHANGESPEEDERROR:
    case ERR_DEVICEDTRRTSERROR: case ERR_DEVICENODRIVER: case ERR_ABORTED:
    case ERR_UNKNOWNRESPONSE: case ERR_FRAMENOTREQUESTED:
        return true;
    default:
        return false;
    }
}

bool gammu_link_lost(GSM_Error e)
{
    switch (e) {
    case ERR_DEVICEOPENERROR: case ERR_DEVICENOTEXIST: case ERR_NOTCONNECTED:
    case ERR_DEVICEWRITEERROR: case ERR_DEVICEREADERROR: case ERR_ABORTED:
        return true;
    default:
        return false;
    }
}
