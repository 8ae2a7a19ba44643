/* gammu_pin.h: the SIM PIN, entered from the modem's pin_file when the SIM asks
 * for it. A PIN the SIM refuses is entered once only: the modem is then held
 * (talka status says why) until the file changes, so a wrong file can never
 * use up the SIM's three attempts and lock it. */
#ifndef TALKA_GAMMU_PIN_H
#define TALKA_GAMMU_PIN_H

#include <gammu.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

struct gammu_pin {
    bool refused;            /* the SIM refused the file's PIN ... */
    struct stat file;        /* ... as the file was then */
    char why[400];
};

/* Enters the PIN if the SIM asks for it. False with err when the SIM stays
 * locked (no pin_file, a code talka does not enter, the PIN refused). */
bool gammu_pin_enter(struct gammu_pin *p, GSM_StateMachine *sm, const char *pin_file,
                     const char *section, char *err, size_t errlen);

/* True (with why) while the SIM's refusal of the PIN file stands: the file is
 * unchanged since. Each such look is logged at debug level. */
bool gammu_pin_held(struct gammu_pin *p, const char *pin_file, char *why, size_t len);

#endif
