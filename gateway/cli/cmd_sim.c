/* cmd_sim.c: `talka sim`, the simulated modem for development and tests (the
 * dummy driver's directory named by [gammu] device):
 *   send FROM TEXT   a real incoming message in Gammu's smsbackup format (a long
 *                    text as a proper multipart message with UDH); --stdin reads
 *                    FROM<TAB>TEXT lines. Each file is written under a temporary
 *                    name and linked into a free location under a lock, so the
 *                    daemon never reads a half-written file.
 *   outbox           what the daemon handed to the modem, in sending order, one line
 *                    per message: recipient TAB text (tab and newline as \t, \n)
 *   report REF       a delivery report for message reference REF (--failed) */
#include "db/modem_status.h"
#include "gateway/core/app.h"
#include "gateway/base/clock.h"
#include "gateway/base/sms_text.h"
#include "gateway/cli/cmd_sim.h"

#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/core/transport.h"
#include "gateway/modem/gammu_sms.h"

#include <gammu.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LOCATION 10000   /* the dummy driver's locations per folder */

extern const struct transport_kind gammu_transport;

static void usage(FILE *f)
{
    fprintf(f,
        "usage: talka [-c FILE] sim send [--modem NAME] FROM TEXT\n"
        "       talka [-c FILE] sim send [--modem NAME] --stdin   (lines: FROM<TAB>TEXT)\n"
        "       talka [-c FILE] sim outbox\n"
        "       talka [-c FILE] sim report [--modem NAME] [--failed] REF [NUMBER]\n\n"
        "The simulated modem: gammu's dummy driver on the directory named by [gammu]\n"
        "device (or [gammuN] with --modem gammuN).\n"
        "  send    puts an incoming text into the phone's inbox (Gammu smsbackup\n"
        "          format; a long text becomes a multipart message). In --stdin lines\n"
        "          \\t, \\n and \\\\ stand for tab, line break and backslash. Texts are\n"
        "          stamped with the current time, one sender's texts in a batch a second\n"
        "          apart (the daemon takes identical texts from one sender with the same\n"
        "          network time stamp as one message, as a re-read or a network repeat).\n"
        "  outbox  prints the messages the daemon handed to the modem, in sending order:\n"
        "          recipient, a tab, the text with tab and line break as \\t and \\n.\n"
        "          A number erased since (DZĒST) is no longer kept: it shows as\n"
        "          'erased-after-send' (the message did go to the modem).\n"
        "  report  puts a delivery report for message reference REF into the inbox\n"
        "          (every send on the dummy driver gets reference 255).\n"
        "A sender that is not a number of up to 20 digits or a name of up to 11\n"
        "characters, a text that is not valid UTF-8 or needs more than 50 SMS parts\n"
        "is refused (exit status 2), never cut.\n"
        "Exit status: 0 done, 1 failed, 2 usage or configuration error.\n");
}

/* ------------------------------------------------------------ the phone */

struct sender_clock {
    char from[48];
    time_t last;
};

struct phone {
    char dir[4096];
    int lock_fd;
    int hint;   /* next location to try */
    unsigned seq;
    /* a network stamps one phone's texts at least a second apart; a batch does too
     * (the daemon takes one sender's identical texts with one time stamp as one) */
    struct sender_clock *clocks;
    size_t nclocks, capclocks;
};

static time_t stamp_for(struct phone *ph, const char *from)
{
    time_t now = clock_now();
    for (size_t i = 0; i < ph->nclocks; i++) {
        if (!strcmp(ph->clocks[i].from, from)) {
            if (ph->clocks[i].last >= now)
                now = ph->clocks[i].last + 1;
            ph->clocks[i].last = now;
            return now;
        }
    }
    if (ph->nclocks == ph->capclocks) {
        size_t cap = ph->capclocks ? ph->capclocks * 2 : 64;
        struct sender_clock *n = realloc(ph->clocks, cap * sizeof *n);
        if (!n)
            return now;
        ph->clocks = n;
        ph->capclocks = cap;
    }
    snprintf(ph->clocks[ph->nclocks].from, sizeof ph->clocks[0].from, "%s", from);
    ph->clocks[ph->nclocks++].last = now;
    return now;
}

static void clocks_load(struct phone *ph);

static int phone_open(const struct app *a, const char *modem, struct phone *ph)
{
    memset(ph, 0, sizeof *ph);
    ph->lock_fd = -1;
    ph->hint = 1;
    char err[512] = "";
    char name[32];
    snprintf(name, sizeof name, "%s", modem ? modem : "gammu0");
    char section[32];
    gammu_transport.section(name, section, sizeof section);
    if (!*config_str(a->cfg, section, "device")) {
        fprintf(stderr, "talka sim: [%s] is not configured in %s\n", section, config_file(a->cfg));
        return 2;
    }
    if (strcasecmp(config_str(a->cfg, section, "model"), "dummy") != 0) {
        fprintf(stderr, "talka sim: [%s] is a real modem (model is not 'dummy')\n", section);
        return 2;
    }
    struct transport *t = gammu_transport.open(a->cfg, name, err, sizeof err);
    if (!t) {
        fprintf(stderr, "talka sim: %s\n", err);
        return 2;
    }
    snprintf(ph->dir, sizeof ph->dir, "%s", gammu_transport.device(t));
    gammu_transport.close(t);
    /* the driver creates sms/1..5 when it connects; a fresh phone gets its inbox here */
    char p[4200];
    mkdir(ph->dir, 0755);
    snprintf(p, sizeof p, "%s/sms", ph->dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/sms/1", ph->dir);
    if (mkdir(p, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "talka sim: cannot create %s: %s\n", p, strerror(errno));
        return 1;
    }
    snprintf(p, sizeof p, "%s/.sim.lock", ph->dir);
    ph->lock_fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (ph->lock_fd < 0 || flock(ph->lock_fd, LOCK_EX) != 0) {
        fprintf(stderr, "talka sim: cannot lock %s: %s\n", p, strerror(errno));
        if (ph->lock_fd >= 0)
            close(ph->lock_fd);
        return 1;
    }
    clocks_load(ph);
    return 0;
}

/* The senders' last stamps live in DIR/.sim-clock (read and written under the
 * lock), so separate `talka sim send` runs keep one sender's texts apart too. */
static void clocks_load(struct phone *ph)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/.sim-clock", ph->dir);
    FILE *f = fopen(p, "r");
    if (!f)
        return;
    char from[64];
    long long last;
    time_t now = clock_now();
    while (fscanf(f, "%63s %lld", from, &last) == 2) {
        if (last < now - 60)
            continue;   /* long past: no longer matters */
        stamp_for(ph, from);
        ph->clocks[ph->nclocks - 1].last = (time_t)last;
    }
    fclose(f);
}

static void clocks_save(struct phone *ph)
{
    char p[4200], tmp[4300];
    snprintf(p, sizeof p, "%s/.sim-clock", ph->dir);
    snprintf(tmp, sizeof tmp, "%s.%ld", p, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    for (size_t i = 0; i < ph->nclocks; i++)
        if (!strpbrk(ph->clocks[i].from, " \t\n") && ph->clocks[i].from[0])
            fprintf(f, "%s %lld\n", ph->clocks[i].from, (long long)ph->clocks[i].last);
    if (fclose(f) == 0)
        rename(tmp, p);
    else
        unlink(tmp);
}

static void phone_close(struct phone *ph)
{
    if (ph->lock_fd >= 0)
        clocks_save(ph);
    free(ph->clocks);
    ph->clocks = NULL;
    if (ph->lock_fd >= 0) {
        flock(ph->lock_fd, LOCK_UN);
        close(ph->lock_fd);
    }
    ph->lock_fd = -1;
}

/* Writes one message into a free inbox location: a temporary file, then link(2),
 * which never replaces an existing file. */
static bool phone_put(struct phone *ph, GSM_SMSMessage *sms)
{
    char tmp[4200], dest[4200];
    snprintf(tmp, sizeof tmp, "%s/.sim-%ld-%u.tmp", ph->dir, (long)getpid(), ph->seq++);
    unlink(tmp);
    GSM_SMS_Backup *b = calloc(1, sizeof *b);
    if (!b) {
        fprintf(stderr, "talka sim: out of memory\n");
        return false;
    }
    b->SMS[0] = sms;
    b->SMS[1] = NULL;
    GSM_Error e = GSM_AddSMSBackupFile(tmp, b);
    free(b);
    if (e != ERR_NONE) {
        fprintf(stderr, "talka sim: cannot write %s: %s\n", tmp, GSM_ErrorString(e));
        unlink(tmp);
        return false;
    }
    for (int tries = 0; tries < MAX_LOCATION; tries++) {
        int loc = ph->hint;
        ph->hint = ph->hint >= MAX_LOCATION - 1 ? 1 : ph->hint + 1;
        snprintf(dest, sizeof dest, "%s/sms/1/%d", ph->dir, loc);
        if (link(tmp, dest) == 0) {
            unlink(tmp);
            return true;
        }
        if (errno != EEXIST) {
            fprintf(stderr, "talka sim: cannot place %s: %s\n", dest, strerror(errno));
            unlink(tmp);
            return false;
        }
    }
    fprintf(stderr, "talka sim: the simulated phone's inbox is full\n");
    unlink(tmp);
    return false;
}

static void fill_time(GSM_DateTime *dt, time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    memset(dt, 0, sizeof *dt);
    dt->Year = tm.tm_year + 1900;
    dt->Month = tm.tm_mon + 1;
    dt->Day = tm.tm_mday;
    dt->Hour = tm.tm_hour;
    dt->Minute = tm.tm_min;
    dt->Second = tm.tm_sec;
    dt->Timezone = 0;
}

static unsigned char next_ref(void)
{
    static unsigned state;
    if (!state)
        state = (unsigned)getpid() * 2654435761u ^ (unsigned)clock_mono_ms();
    state = state * 1103515245u + 12345u;
    return (unsigned char)(state >> 16);
}

/* Strict UTF-8: no stray continuation bytes, overlong forms, surrogates or
 * code points past U+10FFFF. Returns the offset of the first bad byte, or -1. */
static long utf8_bad_at(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; s[i];) {
        unsigned c = s[i], n, cp;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
        else return (long)i;
        for (unsigned k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return (long)i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return (long)i;
        i += n + 1;
    }
    return -1;
}

/* What a phone could really send: a number of at most 20 digits (an optional
 * '+' first) or an alphanumeric sender of at most 11 characters, and a text in
 * valid UTF-8 of at most GSM_MAX_MULTI_SMS parts. Anything else is refused with
 * the reason, never cut. */
static bool sim_check(const char *from, const char *text, char *why, size_t whylen)
{
    size_t fl = strlen(from), digits = 0;
    bool numeric = fl > 0 && (from[0] == '+' || (from[0] >= '0' && from[0] <= '9'));
    for (size_t i = numeric && from[0] == '+'; i < fl; i++) {
        unsigned char c = (unsigned char)from[i];
        if (numeric ? !(c >= '0' && c <= '9') : !(c >= 0x20 && c < 0x7F)) {
            snprintf(why, whylen, "sender \"%.40s%s\": %s", from, fl > 40 ? "..." : "",
                     numeric ? "a number has only digits after an optional '+'"
                             : "an alphanumeric sender is printable ASCII");
            return false;
        }
        digits++;
    }
    if (fl == 0 || (numeric && (digits == 0 || digits > 20)) || (!numeric && fl > 11)) {
        snprintf(why, whylen, "sender of %zu characters: a number has 1 to 20 digits, an "
                 "alphanumeric sender 1 to 11 characters", fl);
        return false;
    }
    long bad = utf8_bad_at(text);
    if (bad >= 0) {
        snprintf(why, whylen, "the text is not valid UTF-8 (byte %ld)", bad + 1);
        return false;
    }
    struct sms_info info;
    sms_measure(text, &info);
    if (info.segments > GSM_MAX_MULTI_SMS) {
        snprintf(why, whylen, "the text needs %d SMS parts; a phone sends at most %d "
                 "(%d GSM-7 or %d other characters)", info.segments, GSM_MAX_MULTI_SMS,
                 GSM_MAX_MULTI_SMS * 153, GSM_MAX_MULTI_SMS * 67);
        return false;
    }
    return true;
}

/* One incoming text from `from`, split into parts as a phone would. */
static bool sim_text(struct phone *ph, GSM_MultiSMSMessage *msms, const char *from,
                     const char *text)
{
    char err[256];
    if (!gammu_encode_text(text, msms, err, sizeof err)) {
        fprintf(stderr, "talka sim: %s\n", err);
        return false;
    }
    unsigned char ref = next_ref();
    time_t now = stamp_for(ph, from);
    for (int i = 0; i < msms->Number; i++) {
        GSM_SMSMessage *s = &msms->SMS[i];
        s->PDU = SMS_Deliver;
        DecodeUTF8(s->Number, from, strlen(from));
        fill_time(&s->DateTime, now);
        s->SMSCTime = s->DateTime;
        s->Folder = 1;
        s->InboxFolder = TRUE;
        s->State = SMS_UnRead;
        s->Memory = MEM_SM;
        DecodeUTF8(s->SMSC.Number, "+37129000000", 12);
        /* a reference of our own: two long texts in one second must not merge */
        if (msms->Number > 1 && s->UDH.Type == UDH_ConcatenatedMessages && s->UDH.Length >= 6) {
            s->UDH.Text[3] = ref;
            s->UDH.ID8bit = ref;
        }
        if (!phone_put(ph, s))
            return false;
    }
    return true;
}

/* \t \n \\ in --stdin lines */
static void unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *o++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
}

static int sim_send(struct app *a, const char *modem, int argc, char **argv, bool from_stdin)
{
    if (from_stdin ? argc != 0 : argc != 2) {
        usage(stderr);
        return 2;
    }
    struct phone ph;
    int rc = phone_open(a, modem, &ph);
    if (rc)
        return rc;
    GSM_MultiSMSMessage *msms = malloc(sizeof *msms);
    if (!msms) {
        phone_close(&ph);
        return 1;
    }
    rc = 0;
    char why[256];
    if (!from_stdin) {
        if (!sim_check(argv[0], argv[1], why, sizeof why)) {
            fprintf(stderr, "talka sim send: %s; nothing was put into the phone\n", why);
            rc = 2;
        } else if (!sim_text(&ph, msms, argv[0], argv[1])) {
            rc = 1;
        }
    } else {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        long lineno = 0;
        while (rc == 0 && (n = getline(&line, &cap, stdin)) >= 0) {
            lineno++;
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                line[--n] = '\0';
            if (n == 0)
                continue;
            char *tab = strchr(line, '\t');
            if (!tab) {
                fprintf(stderr, "talka sim: line %ld: expected FROM<TAB>TEXT\n", lineno);
                rc = 2;
                break;
            }
            *tab = '\0';
            unescape(tab + 1);
            if (!sim_check(line, tab + 1, why, sizeof why)) {
                fprintf(stderr, "talka sim send: line %ld: %s; the lines before it were put "
                        "into the phone, this one and those after it were not\n", lineno, why);
                rc = 2;
                break;
            }
            if (!sim_text(&ph, msms, line, tab + 1))
                rc = 1;
        }
        free(line);
    }
    free(msms);
    phone_close(&ph);
    return rc;
}

static int sim_report(struct app *a, const char *modem, bool failed, int argc, char **argv)
{
    if (argc < 1 || argc > 2) {
        usage(stderr);
        return 2;
    }
    char *end;
    long ref = strtol(argv[0], &end, 10);
    if (*end || ref < 0 || ref > 255) {
        fprintf(stderr, "talka sim: the message reference is a number 0-255\n");
        return 2;
    }
    const char *number = argc > 1 ? argv[1] : "+37120000000";
    struct phone ph;
    int rc = phone_open(a, modem, &ph);
    if (rc)
        return rc;
    GSM_SMSMessage *s = calloc(1, sizeof *s);
    if (!s) {
        phone_close(&ph);
        return 1;
    }
    GSM_SetDefaultSMSData(s);
    s->PDU = SMS_Status_Report;
    s->MessageReference = (unsigned char)ref;
    s->DeliveryStatus = failed ? 0x41 : 0x00;
    const char *txt = failed ? "Failed" : "Delivered";
    DecodeUTF8(s->Text, txt, strlen(txt));
    s->Length = (int)strlen(txt);
    s->Coding = SMS_Coding_Default_No_Compression;
    DecodeUTF8(s->Number, number, strlen(number));
    fill_time(&s->DateTime, clock_now());
    s->SMSCTime = s->DateTime;
    s->Folder = 1;
    s->InboxFolder = TRUE;
    s->State = SMS_UnRead;
    rc = phone_put(&ph, s) ? 0 : 1;
    free(s);
    phone_close(&ph);
    return rc;
}

static void print_line(void *ctx, const char *recipient, const char *text)
{
    (void)ctx;
    /* the message went to the modem; its number was erased afterwards (DZĒST) */
    bool erased = recipient && !strncmp(recipient, "erased", 6);
    fputs(erased ? "erased-after-send" : recipient ? recipient : "", stdout);
    putchar('\t');
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '\t')
            fputs("\\t", stdout);
        else if (*p == '\n')
            fputs("\\n", stdout);
        else
            putchar(*p);
    }
    putchar('\n');
}

static int sim_outbox(struct app *a, int argc)
{
    if (argc != 0) {
        usage(stderr);
        return 2;
    }
    int n = modem_sent_each(a->db, print_line, NULL);
    return n < 0 ? 1 : 0;
}

int cmd_sim(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *sub = argv[1];
    const char *modem = NULL;
    bool from_stdin = false, failed = false;
    int i = 2;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else if (!strcmp(argv[i], "--modem") && i + 1 < argc) {
            modem = argv[++i];
        } else if (!strcmp(argv[i], "--stdin")) {
            from_stdin = true;
        } else if (!strcmp(argv[i], "--failed")) {
            failed = true;
        } else {
            fprintf(stderr, "talka sim: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    int rest = argc - i;
    char **rargv = argv + i;
    bool is_send = !strcmp(sub, "send"), is_out = !strcmp(sub, "outbox"),
         is_rep = !strcmp(sub, "report");
    if (!is_send && !is_out && !is_rep) {
        fprintf(stderr, "talka sim: unknown subcommand '%s'\n", sub);
        usage(stderr);
        return 2;
    }
    struct app a;
    int rc = app_open(&a, is_out ? APP_DB : 0);
    if (rc)
        return rc;
    if (is_send)
        rc = sim_send(&a, modem, rest, rargv, from_stdin);
    else if (is_rep)
        rc = sim_report(&a, modem, failed, rest, rargv);
    else
        rc = sim_outbox(&a, rest);
    app_close(&a);
    return rc;
}
