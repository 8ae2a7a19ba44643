/* gammu_pin.c: entering the SIM PIN once per PIN file (see gammu_pin.h). */
#include "gateway/modem/gammu_pin.h"

#include "gateway/base/config.h"
#include "gateway/base/log.h"

#include <stdio.h>
#include <string.h>

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

bool gammu_pin_held(struct gammu_pin *p, const char *pin_file, char *why, size_t len)
{
    if (!p->refused)
        return false;
    struct stat now;
    if (stat(pin_file, &now) != 0 || !same_file(&now, &p->file)) {
        log_info("%s has changed: the SIM PIN will be tried once more", pin_file);
        p->refused = false;
        return false;
    }
    /* each look, for whoever waits for the modem's loop to go round while it is
     * held (tests/scenario/at_pin.sh) */
    log_debug("%s unchanged since the SIM refused its PIN: not tried again", pin_file);
    if (why && len)
        snprintf(why, len, "%s", p->why);
    return true;
}

bool gammu_pin_enter(struct gammu_pin *p, GSM_StateMachine *sm, const char *pin_file,
                     const char *section, char *err, size_t errlen)
{
    GSM_SecurityCodeType status = SEC_None;
    GSM_Error e = GSM_GetSecurityStatus(sm, &status);
    if (e != ERR_NONE || status == SEC_None)
        return true;   /* not supported or not needed */
    if (status == SEC_Puk) {
        snprintf(err, errlen, "the SIM is locked and asks for its PUK: unlock it by hand "
                 "(gammu entersecuritycode PUK ...); talka never enters a PUK");
        return false;
    }
    if (status != SEC_Pin) {
        snprintf(err, errlen, "the SIM asks for a code talka does not enter (type %d): "
                 "unlock it with gammu by hand", (int)status);
        return false;
    }
    if (!pin_file[0]) {
        snprintf(err, errlen, "the SIM asks for its PIN and [%s] pin_file is not set", section);
        return false;
    }
    GSM_SecurityCode code;
    memset(&code, 0, sizeof code);
    char serr[512];
    struct stat before;
    if (stat(pin_file, &before) != 0) {
        snprintf(err, errlen, "cannot read the PIN file %s", pin_file);
        return false;
    }
    if (!secret_read(pin_file, code.Code, sizeof code.Code, serr, sizeof serr)) {
        snprintf(err, errlen, "%s", serr);
        return false;
    }
    code.Type = SEC_Pin;
    e = GSM_EnterSecurityCode(sm, &code);
    memset(&code, 0, sizeof code);
    if (e == ERR_NONE)
        return true;
    if (e == ERR_TIMEOUT || e == ERR_ABORTED || e == ERR_DEVICEREADERROR ||
        e == ERR_DEVICEWRITEERROR || e == ERR_NOTCONNECTED) {
        snprintf(err, errlen, "entering the SIM PIN: %s", GSM_ErrorString(e));
        return false;   /* the modem did not answer: it may not have checked the PIN */
    }
    /* refused: never again with this file, or the SIM locks after three */
    p->refused = true;
    p->file = before;
    snprintf(p->why, sizeof p->why, "the SIM refused the PIN in %s (%s); talka will not try it"
             " again until that file changes (the SIM locks after 3 wrong PINs)", pin_file,
             GSM_ErrorString(e));
    snprintf(err, errlen, "%s", p->why);
    return false;
}
