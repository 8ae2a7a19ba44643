/* gammu_link.h: one libgammu modem as the gammu transport's files see it (the
 * transport itself in transport_gammu.c, device queries in gammu_info.c): its
 * settings, its state machine and what libgammu's callbacks recorded. */
#ifndef TALKA_GAMMU_LINK_H
#define TALKA_GAMMU_LINK_H

#include "gateway/base/config.h"
#include "gateway/modem/gammu_capture.h"
#include "gateway/modem/gammu_pin.h"

#include <gammu.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

struct transport {
    const struct config *cfg;
    char name[32];            /* gammu0, gammu1, ... */
    char section[32];         /* gammu, gammu1, ... */
    int num;                  /* N of [gammuN], 0 for [gammu] */
    char device[4096];        /* resolved */
    bool dummy;               /* model = dummy: a directory acting as a phone */
    char smsc[32];            /* SMSC override, "" to use the SIM's */
    char pin_file[4096];      /* "" when the SIM has no PIN */
    long send_timeout_ms;
    long ussd_timeout_ms;

    GSM_StateMachine *sm;
    pthread_mutex_t sm_lock;  /* guards sm against abort() from the watchdog */
    bool connected;
    GSM_MultiSMSMessage *rx;  /* one ~260 KB buffer for reading */
    GSM_MultiSMSMessage *tx;  /* and one for sending */
    int rx_index;             /* next SMS[] of rx to hand out */
    bool rx_has;
    int bad_location;         /* the last location libgammu could not read, 0 none */
    struct gammu_capture cap; /* raw PDUs, from the driver's debug text */
    struct gammu_pin pin;

    /* filled by callbacks */
    atomic_int send_status;       /* -1 waiting */
    atomic_int send_ref;
    atomic_bool ussd_done;
    char ussd_text[512];
    atomic_bool incoming;         /* the modem announced a new text (+CMTI) */
    atomic_bool aborted;          /* the watchdog aborted the call under way (g_abort) */
    /* delivery reports the modem handed over directly (+CDS), not stored */
    struct { char ref[16]; bool delivered; } direct[32];
    int ndirect;
    char sim_smsc[64];            /* the SIM's SMSC, read once per connection */

    /* dummy: modification times of DIR/sms/1..5 at the start of the last pass */
    struct timespec seen_mtime[5];
    struct timespec pass_mtime[5];
    bool seen_valid;
};

/* True when e is ERR_NONE; else false with "what: gammu's message" in err. */
bool gammu_ok(GSM_Error e, const char *what, char *err, size_t errlen);

/* Errors after which the link to the device is not to be trusted. */
bool gammu_device_error(GSM_Error e);

/* The device is gone or the call was aborted (not merely a line libgammu did not
 * expect, such as a notice arriving while it waited for the "> " prompt). */
bool gammu_link_lost(GSM_Error e);

#endif
