/* transport.h: what every SMS transport implements, as small tables of
 * functions: what every link does (open, connect, health), what a link that
 * sends does (struct transport_sender, every link) and what a link that is
 * polled does (struct transport_poller: libgammu modems, transport_gammu.c;
 * Kannel pushes its texts and has none, kannel_transport.c). A
 * transport file defines one `struct transport_kind` and registers it with
 * TRANSPORT_REGISTER(kind), so a new channel is one new file (transport.c keeps
 * the table of kinds and of configured links). The link runner
 * (gateway/links/link_service.c) runs one thread per configured instance; an
 * instance is used by that thread only, except abort(), which any thread may call. */
#ifndef TALKA_TRANSPORT_H
#define TALKA_TRANSPORT_H

#include "gateway/base/config.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum tmsg_kind {
    TMSG_TEXT = 0,   /* a text (or one part of a long text) from a subscriber */
    TMSG_REPORT,     /* a delivery report for something we sent */
    TMSG_OTHER,      /* anything else (saved or sent messages, data, unreadable PDUs):
                        set aside with what could be decoded, then deleted */
};

/* One message read from the device. */
struct tmsg {
    enum tmsg_kind kind;
    char sender[48];          /* as received, UTF-8 */
    char text[1600];          /* UTF-8, NUL-terminated */
    size_t len;
    time_t sent_at;           /* the network's time stamp, 0 when unknown */
    /* part of a long text when total > 1 */
    int concat_ref, concat_total, concat_part;
    /* delivery report */
    char report_ref[16];      /* the message reference it reports on */
    bool delivered;           /* false: the network gave up */
    /* where it lies on the device (for remove() and logs) */
    int folder, location;
    /* TMSG_OTHER: what it is (submit, data, undecodable, other), what could be
     * decoded (a JSON object) and the raw PDU as hex ("" when the transport did
     * not see it) */
    char other_kind[16];
    char about[800];
    char pdu[400];
};

struct transport_health {
    int signal_percent;       /* -1 when unknown */
    char network[64];         /* operator name or code, "" when unknown */
    bool registered;          /* home or roaming */
    time_t device_time;       /* the device's (network) clock, 0 when unknown */
};

enum tsend_result {
    TSEND_OK = 0,
    TSEND_RETRY,              /* this message failed; try it again later */
    TSEND_REJECTED,           /* this message can never be sent (bad number, too long) */
    TSEND_DEVICE,             /* the device failed: retry later and reconnect */
};

struct transport;

/* What every link that sends needs: Kannel and modems alike. */
struct transport_sender {
    /* Sends text to a number, split into parts and encoded (GSM-7 or UCS-2) as
     * needed; ref gets the network's message reference (of the last part). */
    enum tsend_result (*send)(struct transport *t, const char *to, const char *text,
                              bool want_report, char *ref, size_t reflen, char *err,
                              size_t errlen);
    /* Optional (NULL: one send at a time through send()): a link that can carry
     * several sends at once (Kannel's smsbox answers sendsms requests
     * concurrently). send_slots() says how many may be in flight; send_begin()
     * starts one in a free slot (0 .. slots-1) and returns at once: true it is
     * under way, false it finished already (*r says how, as send() would);
     * send_done() hands back one that has finished (its slot, -1 none yet: it
     * waits up to ms for one), with the result, ref and err of send(). */
    int (*send_slots)(struct transport *t);
    bool (*send_begin)(struct transport *t, int slot, const char *to, const char *text,
                       bool want_report, enum tsend_result *r, char *err, size_t errlen);
    int (*send_done)(struct transport *t, int ms, enum tsend_result *r, char *ref,
                     size_t reflen, char *err, size_t errlen);
};

/* What a link that is polled needs: a device (a modem) whose memory holds the
 * texts and reports until they are read and deleted, with a SIM of its own. A
 * link whose texts are pushed to a service (Kannel's get-url) has none. */
struct transport_poller {
    /* The device path exists (a USB stick may be unplugged); cheap. */
    bool (*present)(struct transport *t);
    /* Cheap hint that a receive pass may find something new. */
    bool (*maybe_new)(struct transport *t);
    /* The next stored message: 1 one was read, 0 none left, -1 device error.
     * start begins a new pass over the device's memory. */
    int (*next)(struct transport *t, bool start, struct tmsg *m, char *err, size_t errlen);
    /* Deletes m from the device (a message already gone counts as deleted). */
    bool (*remove)(struct transport *t, const struct tmsg *m, char *err, size_t errlen);
    /* How full the device's message memory is: true with used and total filled
     * (may be NULL, or false when the device cannot tell). */
    bool (*storage)(struct transport *t, int *used, int *total);
    /* The instance must not be connected until a person acts (the SIM refused
     * the PIN in the PIN file, ...): true with why filled (may be NULL). */
    bool (*held)(struct transport *t, char *why, size_t len);
    /* Dials a USSD code (e.g. a balance check) and waits for the answer. */
    bool (*ussd)(struct transport *t, const char *code, char *reply, size_t len, char *err,
                 size_t errlen);
};

struct transport_kind {
    const char *name;                       /* "gammu" */
    /* Names of the instances cfg configures (gammu0, gammu1, ...); returns how many. */
    int (*configured)(const struct config *cfg, char names[][32], int max);
    /* Reads the instance's settings; NULL with a message on a configuration error. */
    struct transport *(*open)(const struct config *cfg, const char *name, char *err,
                              size_t errlen);
    void (*close)(struct transport *t);
    /* Where it is: a device path, a sendsms URL (for logs and `talka status`). */
    const char *(*device)(struct transport *t);
    bool (*connect)(struct transport *t, char *err, size_t errlen);
    void (*disconnect)(struct transport *t);
    bool (*health)(struct transport *t, struct transport_health *h, char *err, size_t errlen);
    /* Waits for the link's events for up to ms milliseconds (may be NULL). */
    void (*idle)(struct transport *t, int ms);
    /* Thread-safe: makes a call that hangs return soon; reconnect afterwards. */
    void (*abort)(struct transport *t);
    /* The config section holding an instance's settings (rate, balance code, ...). */
    void (*section)(const char *name, char *out, size_t len);
    const struct transport_sender *sender;  /* every link sends */
    const struct transport_poller *poller;  /* NULL: its texts are pushed, not polled */
};

/* The registered kinds (TRANSPORT_REGISTER); NULL past the last. */
const struct transport_kind *transport_kind_at(int i);
void transport_register(const struct transport_kind *k);

#define TRANSPORT_MAX_LINKS 16

/* One configured link (a modem, later a Kannel connection): the table every part
 * of talka reads the configured links from. */
struct transport_link {
    char name[32];                     /* gammu0, gammu1, ... */
    char section[32];                  /* the config section of its settings */
    const struct transport_kind *kind;
    long rate;                         /* parts a minute, 0: no limit */
};

/* The links cfg configures, in kind order; returns how many (at most max). */
int transport_links(const struct config *cfg, struct transport_link *out, int max);

#define TRANSPORT_REGISTER(kind)                                            \
    __attribute__((constructor)) static void transport_register_##kind(void) \
    { transport_register(&kind); }

#endif
