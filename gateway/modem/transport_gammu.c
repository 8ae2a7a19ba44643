/* transport_gammu.c: the libgammu transport: one GSM modem (or gammu's dummy
 * phone) per [gammu] / [gammuN] section of talka.ini, read with gammu's own
 * GSM_ReadConfig. Receives by polling (GSM_GetNextSMS until ERR_EMPTY), deletes
 * at once when asked, sends with GSM_EncodeMultiPartSMS + GSM_SendSMS and waits
 * for the send-status callback, reads signal, network and clock, and dials USSD
 * codes. Callbacks only record what they were told: no modem command runs inside
 * one. Text is converted explicitly between UTF-8 and UCS-2 (DecodeUTF8 /
 * EncodeUTF8), so the process locale cannot garble Latvian letters. */
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "gateway/core/transport.h"
#include "gateway/modem/gammu_info.h"
#include "gateway/modem/gammu_link.h"
#include "gateway/modem/gammu_sms.h"

#include <gammu.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_SECTIONS 10

/* ---------------------------------------------------------------- helpers */

static void section_of(int num, char *out, size_t len)
{
    if (num == 0)
        snprintf(out, len, "gammu");
    else
        snprintf(out, len, "gammu%d", num);
}

static bool section_exists(const struct config *cfg, const char *section)
{
    static const char *keys[] = { "device", "model", "connection", "port" };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (config_find(cfg, section, keys[i]))   /* "port" is libgammu's, not talka's */
            return true;
    return false;
}



/* -------------------------------------------------------------- callbacks */

static void on_send_status(GSM_StateMachine *sm, int status, int ref, void *user)
{
    (void)sm;
    struct transport *t = user;
    t->send_ref = ref;
    t->send_status = status;
}

static void on_ussd(GSM_StateMachine *sm, GSM_USSDMessage *ussd, void *user)
{
    (void)sm;
    struct transport *t = user;
    gammu_ucs2_to_utf8(ussd->Text, t->ussd_text, sizeof t->ussd_text);
    if (ussd->Status == USSD_NotSupported || ussd->Status == USSD_Timeout ||
        ussd->Status == USSD_Unknown) {
        if (!t->ussd_text[0])
            snprintf(t->ussd_text, sizeof t->ussd_text, "(no answer: status %d)",
                     (int)ussd->Status);
    }
    t->ussd_done = true;
}

static void on_sms(GSM_StateMachine *sm, GSM_SMSMessage *sms, void *user)
{
    (void)sm;
    struct transport *t = user;
    if (sms->PDU != SMS_Status_Report) {
        t->incoming = true;   /* read it on the next pass, never here */
    } else if (sms->Location == 0 && t->ndirect < (int)(sizeof t->direct / sizeof t->direct[0])) {
        /* +CDS: the whole report, never stored on the SIM: keep what it says */
        snprintf(t->direct[t->ndirect].ref, sizeof t->direct[0].ref, "%d",
                 (int)sms->MessageReference);
        t->direct[t->ndirect++].delivered = sms->DeliveryStatus < 0x40;
    }   /* +CDSI: a report stored on the SIM, read on the next pass */
}

/* ---------------------------------------------------------------- the kind */

static int g_configured(const struct config *cfg, char names[][32], int max)
{
    int n = 0;
    for (int num = 0; num < MAX_SECTIONS && n < max; num++) {
        char section[32];
        section_of(num, section, sizeof section);
        if (!section_exists(cfg, section))
            continue;
        if (!config_bool(cfg, section, "enabled"))
            continue;
        snprintf(names[n++], 32, "gammu%d", num);
    }
    return n;
}

static struct transport *g_open(const struct config *cfg, const char *name, char *err,
                                size_t errlen)
{
    int num = -1;
    if (sscanf(name, "gammu%d", &num) != 1 || num < 0 || num >= MAX_SECTIONS) {
        snprintf(err, errlen, "%s: not a gammu modem name", name);
        return NULL;
    }
    struct transport *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    t->cfg = cfg;
    t->num = num;
    pthread_mutex_init(&t->sm_lock, NULL);
    snprintf(t->name, sizeof t->name, "%s", name);
    section_of(num, t->section, sizeof t->section);
    /* libgammu's own "port" names the device when talka's "device" is not given */
    const struct config_entry *port = config_find(cfg, t->section, "port");
    const char *dev = config_given(cfg, t->section, "device") ? config_str(cfg, t->section, "device")
                      : port ? port->value : "";
    if (!*dev) {
        snprintf(err, errlen, "[%s] has no device", t->section);
        free(t);
        return NULL;
    }
    const char *model = config_str(cfg, t->section, "model");
    t->dummy = strcasecmp(model, "dummy") == 0;
    /* a relative path is relative to the config file, like every talka path */
    if (dev[0] == '/' || (!t->dummy && strncmp(dev, "./", 2) && strncmp(dev, "../", 3)))
        snprintf(t->device, sizeof t->device, "%s", dev);
    else
        if (!config_resolve(cfg, dev, t->device, sizeof t->device)) {
            snprintf(err, errlen, "[%s] device: path too long", t->section);
            free(t);
            return NULL;
        }
    snprintf(t->smsc, sizeof t->smsc, "%s", config_str(cfg, t->section, "smsc"));
    config_path(cfg, t->section, "pin_file", t->pin_file, sizeof t->pin_file);
    t->send_timeout_ms = config_int(cfg, t->section, "send_timeout") * 1000;
    t->ussd_timeout_ms = config_int(cfg, t->section, "ussd_timeout") * 1000;
    t->rx = calloc(1, sizeof *t->rx);
    t->tx = calloc(1, sizeof *t->tx);
    if (!t->rx || !t->tx) {
        free(t->rx);
        free(t->tx);
        free(t);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return t;
}

static void g_disconnect(struct transport *t)
{
    pthread_mutex_lock(&t->sm_lock);
    if (t->sm) {
        /* also after a failed connect: libgammu may have opened (and flock()ed)
         * the device before it gave up, and a leaked descriptor would keep every
         * later open failing with "busy" (does nothing when nothing is open) */
        GSM_TerminateConnection(t->sm);
        GSM_FreeStateMachine(t->sm);
    }
    t->sm = NULL;
    pthread_mutex_unlock(&t->sm_lock);
    t->connected = false;
    t->rx_has = false;
    t->seen_valid = false;
}

static void g_close(struct transport *t)
{
    if (!t)
        return;
    g_disconnect(t);
    pthread_mutex_destroy(&t->sm_lock);
    free(t->rx);
    free(t->tx);
    free(t);
}

static const char *g_device(struct transport *t) { return t->device; }

static bool g_present(struct transport *t)
{
    if (t->device[0] != '/')
        return true;   /* bluetooth address or the like: let connect decide */
    struct stat st;
    if (stat(t->device, &st) != 0)
        return false;
    if (t->dummy) {
        /* the driver needs the directory itself; its sms/ is recreated on connect */
        return S_ISDIR(st.st_mode);
    }
    return true;
}


static bool g_connect(struct transport *t, char *err, size_t errlen)
{
    g_disconnect(t);
    GSM_StateMachine *sm = GSM_AllocStateMachine();
    pthread_mutex_lock(&t->sm_lock);
    t->sm = sm;
    pthread_mutex_unlock(&t->sm_lock);
    if (!t->sm) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    GSM_Config *gc = GSM_GetConfig(t->sm, 0);
    GSM_Error e = GSM_ReadConfig(config_ini(t->cfg), gc, t->num);
    if (e != ERR_NONE && e != ERR_USING_DEFAULTS) {
        snprintf(err, errlen, "[%s]: %s", t->section, GSM_ErrorString(e));
        g_disconnect(t);
        return false;
    }
    /* gammu takes device paths literally; talka's are relative to the config */
    free(gc->Device);
    gc->Device = strdup(t->device);
    GSM_SetConfigNum(t->sm, 1);
    e = GSM_InitConnection(t->sm, 1);
    if (e != ERR_NONE) {
        snprintf(err, errlen, "connecting %s: %s", t->device, GSM_ErrorString(e));
        g_disconnect(t);
        return false;
    }
    t->connected = true;
    /* InitConnection resets every callback: register them now */
    GSM_SetSendSMSStatusCallback(t->sm, on_send_status, t);
    GSM_SetIncomingUSSDCallback(t->sm, on_ussd, t);
    GSM_SetIncomingSMSCallback(t->sm, on_sms, t);
    if (!t->dummy) {
        if (!gammu_pin_enter(&t->pin, t->sm, t->pin_file, t->section, err, errlen)) {
            g_disconnect(t);
            return false;
        }
        /* new-message notifications, where the modem offers them (best effort) */
        GSM_SetIncomingSMS(t->sm, TRUE);
        gammu_capture_attach(&t->cap, t->sm);
        GSM_SMSC smsc;
        memset(&smsc, 0, sizeof smsc);
        smsc.Location = 1;
        t->sim_smsc[0] = '\0';
        if (GSM_GetSMSC(t->sm, &smsc) == ERR_NONE)
            gammu_ucs2_to_utf8(smsc.Number, t->sim_smsc, sizeof t->sim_smsc);
    }
    t->ndirect = 0;
    t->rx_has = false;
    t->seen_valid = false;
    return true;
}

/* dummy: modification times of the five message folders */
static void folder_mtimes(struct transport *t, struct timespec out[5])
{
    for (int i = 0; i < 5; i++) {
        char p[4200];
        struct stat st;
        snprintf(p, sizeof p, "%s/sms/%d", t->device, i + 1);
        if (stat(p, &st) == 0)
            out[i] = st.st_mtim;
        else
            out[i].tv_sec = out[i].tv_nsec = -1;
    }
}

static bool g_maybe_new(struct transport *t)
{
    if (t->incoming)
        return true;
    if (!t->dummy)
        return false;   /* real modems: the service polls on its interval */
    if (!t->seen_valid)
        return true;
    struct timespec now[5];
    folder_mtimes(t, now);
    return memcmp(now, t->seen_mtime, sizeof now) != 0;
}

/* A location the listing could not decode, read on its own: line noise gets a
 * second chance; a PDU libgammu still cannot decode is handed on to be set
 * aside, with the raw PDU when the driver showed it. 1 a message in m, 0 the
 * location is empty now, -1 the device failed. */
static int reread(struct transport *t, int loc, GSM_Error first, struct tmsg *m)
{
    GSM_MultiSMSMessage *one = t->tx;
    memset(one, 0, sizeof *one);
    one->Number = 1;
    one->SMS[0].Folder = 0;
    one->SMS[0].Location = loc;
    char pdu[sizeof t->cap.pdu];
    snprintf(pdu, sizeof pdu, "%s", t->cap.pdu);
    gammu_capture_begin(&t->cap, t->sm);
    GSM_Error e = GSM_GetSMS(t->sm, one);
    gammu_capture_end(&t->cap, t->sm);
    if (e == ERR_NONE && one->Number >= 1) {
        gammu_message(&one->SMS[0], m);
        snprintf(m->pdu, sizeof m->pdu, "%s", pdu);
        return 1;
    }
    if (e == ERR_EMPTY || e == ERR_INVALIDLOCATION)
        return 0;
    if (gammu_device_error(e) && e != ERR_UNKNOWNRESPONSE)
        return -1;
    gammu_unreadable(loc, GSM_ErrorString(first), pdu, m);
    return 1;
}

static int g_next(struct transport *t, bool start, struct tmsg *m, char *err, size_t errlen)
{
    if (!t->connected) {
        snprintf(err, errlen, "not connected");
        return -1;
    }
    if (start) {
        t->rx_has = false;
        t->incoming = false;
        t->bad_location = 0;
        if (t->dummy)
            folder_mtimes(t, t->pass_mtime);
    }
    if (t->ndirect > 0) {
        memset(m, 0, sizeof *m);
        m->kind = TMSG_REPORT;
        m->location = -1;   /* nothing to delete */
        t->ndirect--;
        snprintf(m->report_ref, sizeof m->report_ref, "%s", t->direct[t->ndirect].ref);
        m->delivered = t->direct[t->ndirect].delivered;
        return 1;
    }
    for (;;) {
        if (t->rx_has && t->rx_index < t->rx->Number) {
            gammu_message(&t->rx->SMS[t->rx_index++], m);
            if (t->rx->Number == 1)
                snprintf(m->pdu, sizeof m->pdu, "%s", t->cap.pdu);
            return 1;
        }
        /* the driver continues from the location left in rx: keep it between calls */
        if (start) {
            memset(t->rx, 0, sizeof *t->rx);
            t->rx->SMS[0].Folder = 0;
            t->rx->SMS[0].Location = 0;
        }
        if (!t->dummy)
            gammu_capture_begin(&t->cap, t->sm);
        GSM_Error e = GSM_GetNextSMS(t->sm, t->rx, start ? TRUE : FALSE);
        if (!t->dummy)
            gammu_capture_end(&t->cap, t->sm);
        start = false;
        if (e == ERR_EMPTY) {
            t->rx_has = false;
            if (t->dummy) {
                memcpy(t->seen_mtime, t->pass_mtime, sizeof t->seen_mtime);
                t->seen_valid = true;
            }
            return 0;
        }
        int loc = t->rx->SMS[0].Location;
        if (e != ERR_NONE && (!gammu_device_error(e) || e == ERR_UNKNOWNRESPONSE) &&
            e != ERR_NOTSUPPORTED && e != ERR_NOTIMPLEMENTED && !t->dummy && loc > 0 &&
            loc != t->bad_location) {
            /* one message libgammu could not read; the listing goes on after it */
            t->rx_has = false;
            t->bad_location = loc;
            int r = reread(t, loc, e, m);
            if (r < 0)
                snprintf(err, errlen, "reading message %d again: device error", loc);
            if (r != 0)
                return r;
            continue;
        }
        if (e != ERR_NONE) {
            t->rx_has = false;
            snprintf(err, errlen, "reading messages: %s", GSM_ErrorString(e));
            if (e == ERR_NOTSUPPORTED || e == ERR_NOTIMPLEMENTED)
                return 0;
            return gammu_device_error(e) || e == ERR_UNKNOWN ? -1 : 0;
        }
        t->rx_has = true;
        t->rx_index = 0;
        if (t->rx->Number == 0)
            t->rx_has = false;   /* an empty location: go on */
    }
}

static bool g_remove(struct transport *t, const struct tmsg *m, char *err, size_t errlen)
{
    if (!t->connected) {
        snprintf(err, errlen, "not connected");
        return false;
    }
    if (m->location < 0)
        return true;   /* a report the modem handed over directly */
    GSM_SMSMessage *del = &t->tx->SMS[0];
    memset(del, 0, sizeof *del);
    del->Folder = 0;   /* the location encodes the folder */
    del->Location = m->location;
    GSM_Error e = GSM_DeleteSMS(t->sm, del);
    if (e == ERR_EMPTY)
        return true;
    return gammu_ok(e, "deleting a message", err, errlen);
}

static enum tsend_result g_send(struct transport *t, const char *to, const char *text,
                                bool want_report, char *ref, size_t reflen, char *err,
                                size_t errlen)
{
    if (ref && reflen)
        ref[0] = '\0';
    if (!t->connected) {
        snprintf(err, errlen, "not connected");
        return TSEND_DEVICE;
    }
    if (!gammu_number_ok(to)) {
        snprintf(err, errlen, "not a number that can be texted");
        return TSEND_REJECTED;
    }
    if (!gammu_encode_text(text, t->tx, err, errlen))
        return TSEND_REJECTED;
    GSM_Error e;
    atomic_store(&t->aborted, false);
    for (int i = 0; i < t->tx->Number; i++) {
        GSM_SMSMessage *p = &t->tx->SMS[i];
        DecodeUTF8(p->Number, to, strlen(to));
        p->PDU = want_report ? SMS_Status_Report : SMS_Submit;
        if (t->smsc[0]) {
            p->SMSC.Location = 0;
            DecodeUTF8(p->SMSC.Number, t->smsc, strlen(t->smsc));
        } else if (t->sim_smsc[0]) {
            p->SMSC.Location = 0;   /* the SIM's own, read once (one command less a part) */
            DecodeUTF8(p->SMSC.Number, t->sim_smsc, strlen(t->sim_smsc));
        } else {
            p->SMSC.Location = 1;   /* the SIM's own SMSC */
        }
        t->send_status = -1;
        t->send_ref = -1;
        e = GSM_SendSMS(t->sm, p);
        if (e != ERR_NONE) {
            snprintf(err, errlen, "sending part %d of %d: %s", i + 1, t->tx->Number,
                     GSM_ErrorString(e));
            return gammu_device_error(e) ? TSEND_DEVICE : TSEND_RETRY;
        }
        long long deadline = clock_mono_ms() + t->send_timeout_ms;
        while (t->send_status == -1 && clock_mono_ms() < deadline) {
            GSM_Error r = GSM_ReadDevice(t->sm, TRUE);
            if (t->send_status != -1)
                break;
            /* libgammu 1.42 takes a +CMTI/+CDSI that comes while it waits for
             * the "> " prompt for the answer, and then calls the prompt "not
             * requested": the PDU went out all the same, keep waiting for its
             * status (giving up here would send it twice) */
            if (r != ERR_NONE && gammu_link_lost(r)) {
                snprintf(err, errlen, "waiting for the send status: %s", GSM_ErrorString(r));
                return TSEND_DEVICE;
            }
            if (t->dummy)
                break;   /* the dummy answers inside GSM_SendSMS or never */
            /* the send has taken longer than [modem] hang_timeout: the watchdog's
             * abort ends this wait too (GSM_ReadDevice does not see it), as it
             * ends any other call; the part may have gone out, so it is a device
             * error and the part is sent again after the reconnect */
            if (atomic_load(&t->aborted))
                break;
        }
        if (t->send_status == -1) {
            snprintf(err, errlen, "no send status from the modem (part %d of %d)%s", i + 1,
                     t->tx->Number, atomic_load(&t->aborted) ? ", aborted" : "");
            return TSEND_DEVICE;
        }
        if (t->send_status != 0) {
            snprintf(err, errlen, "the network refused part %d of %d (status %d)", i + 1,
                     t->tx->Number, t->send_status);
            return TSEND_RETRY;
        }
        if (ref && reflen)
            snprintf(ref, reflen, "%d", t->send_ref);
    }
    return TSEND_OK;
}



static void g_idle(struct transport *t, int ms)
{
    if (t->connected && !t->dummy) {
        /* lets the modem's unsolicited lines (new message, USSD) reach the callbacks */
        GSM_ReadDevice(t->sm, FALSE);
    }
    clock_sleep_ms(ms);
}

static bool g_held(struct transport *t, char *why, size_t len)
{
    return t->pin_file[0] && gammu_pin_held(&t->pin, t->pin_file, why, len);
}

static void g_abort(struct transport *t)
{
    pthread_mutex_lock(&t->sm_lock);
    atomic_store(&t->aborted, true);
    if (t->sm)
        GSM_AbortOperation(t->sm);
    pthread_mutex_unlock(&t->sm_lock);
}

static void g_section(const char *name, char *out, size_t len);

static const struct transport_sender gammu_sender = {
    .send = g_send,
};

static const struct transport_poller gammu_poller = {
    .present = g_present,
    .maybe_new = g_maybe_new,
    .next = g_next,
    .remove = g_remove,
    .storage = gammu_storage,
    .held = g_held,
    .ussd = gammu_ussd,
};

const struct transport_kind gammu_transport = {
    .name = "gammu",
    .configured = g_configured,
    .open = g_open,
    .close = g_close,
    .device = g_device,
    .connect = g_connect,
    .disconnect = g_disconnect,
    .health = gammu_health,
    .idle = g_idle,
    .abort = g_abort,
    .section = g_section,
    .sender = &gammu_sender,
    .poller = &gammu_poller,
};

static void g_section(const char *name, char *out, size_t len)
{
    int num = 0;
    if (sscanf(name, "gammu%d", &num) != 1)
        num = 0;
    section_of(num, out, len);
}

TRANSPORT_REGISTER(gammu_transport)
