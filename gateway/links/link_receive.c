/* link_receive.c: reading a link (see link_receive.h). */
#include "gateway/links/link_receive.h"

#include "db/modem_aside.h"
#include "db/modem_parts.h"
#include "db/modem_status.h"
#include "gateway/base/log.h"
#include "gateway/core/pipeline.h"
#include "parsers/grammar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GROUPS_PER_SWEEP 32

static uint64_t fnv1a(const char *a, size_t alen, const char *b, size_t blen)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < alen; i++)
        h = (h ^ (unsigned char)a[i]) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
    for (size_t i = 0; i < blen; i++)
        h = (h ^ (unsigned char)b[i]) * 1099511628211ULL;
    return h;
}

static bool remove_from_device(struct modem *m, const struct tmsg *msg)
{
    char err[256] = "";
    op_begin(m);
    bool ok = m->k->poller->remove(m->t, msg, err, sizeof err);
    op_end(m);
    if (!ok && msg->kind != TMSG_OTHER)
        log_warn("%s: could not delete message %d from the device (%s); it will be read again"
                 " and recognised", m->name, msg->location, err);
    else if (!ok)
        log_warn("%s: could not delete message %d from the device (%s); it is set aside and"
                 " stays in its slot (delete it by hand: AT+CMGD)", m->name, msg->location, err);
    return ok;
}

static bool stuck(const struct modem *m, int location)
{
    for (int i = 0; i < m->nstuck; i++)
        if (m->stuck[i] == location)
            return true;
    return false;
}

static void process_stored(struct modem *m, int64_t id)
{
    struct pipeline_outcome out;
    if (!pipeline_process(m->ctx->pipe, m->db, id, 0, &out) && !db_disk_full())
        log_error("%s: inbound %lld stored but not handled yet (database error); it is retried",
                  m->name, (long long)id);
}

/* A single text: stored, deleted from the device, handled. */
static bool take_text(struct modem *m, const struct tmsg *msg)
{
    char tid[128] = "";
    if (msg->sent_at) {
        /* the same message read twice (failed delete, crash) gets the same id */
        snprintf(tid, sizeof tid, "%lld/%016llx", (long long)msg->sent_at,
                 (unsigned long long)fnv1a(msg->sender, strlen(msg->sender), msg->text, msg->len));
    }
    /* the network's stamp says when the volunteer sent it (texts can wait on a
     * full SIM); our clock when the stamp is implausible */
    time_t now = clock_now();
    time_t at = msg->sent_at;
    if (at < now - 7 * 86400 || at > now + 300)
        at = now;
    struct inbound_msg in = {
        .channel = "sms", .transport = m->name, .transport_id = tid[0] ? tid : NULL,
        .sender = msg->sender, .text = msg->text, .len = msg->len, .received_at = at,
    };
    int64_t id = 0;
    bool existed = false;
    if (!pipeline_store(m->ctx->pipe, m->db, &in, &id, &existed)) {
        if (!db_disk_full())   /* a full disk is logged once a minute by the database */
            log_error("%s: cannot store a text (database error); it stays on the device",
                      m->name);
        db_reclaim(m->db);
        return false;
    }
    remove_from_device(m, msg);
    if (existed)
        log_info("%s: message %d was read before (inbound %lld): not stored twice", m->name,
                 msg->location, (long long)id);
    process_stored(m, id);
    return true;
}

/* A group of parts that is complete, or has waited too long. */
static void take_group(struct modem *m, const struct parts_group *g)
{
    char list[128];
    size_t len = 0;
    char *text = parts_join(m->db, g, &len, list, sizeof list);
    if (!text)
        return;
    char tid[48], meta[200];
    snprintf(tid, sizeof tid, "mp/%lld", (long long)g->first_id);
    bool complete = g->have >= g->total;
    snprintf(meta, sizeof meta, "{\"parts\":[%s],\"total\":%d%s}", list, g->total,
             complete ? "" : ",\"partial\":true");
    struct inbound_msg in = {
        .channel = "sms", .transport = m->name, .transport_id = tid, .sender = g->sender,
        .text = text, .len = len, .received_at = g->first_at, .meta_json = meta,
    };
    time_t now = clock_now();
    if (complete) {
        int64_t id = 0;
        bool existed = false;
        if (pipeline_store(m->ctx->pipe, m->db, &in, &id, &existed) &&
            parts_done(m->db, g, id, now)) {
            log_debug("%s: long text of %d parts joined (inbound %lld)", m->name, g->total,
                      (long long)id);
            process_stored(m, id);
        }
    } else {
        /* kept verbatim, never counted: the sender is asked to send it again
         * (reply partial_text, in the language the fragment is written in) */
        struct parse_result pr;
        parse_text(m->ctx->app->lex, text, len, now, &m->ctx->app->popts, &pr);
        enum lang lang = pr.lang;
        memset(&pr, 0, sizeof pr);
        pr.ok = false;
        pr.lang = lang;
        pr.error = "partial_text";
        in.preparsed = &pr;
        struct pipeline_outcome out;
        if (pipeline_handle(m->ctx->pipe, m->db, &in, 0, &out) &&
            parts_done(m->db, g, out.inbound_id, now))
            log_info("%s: long text incomplete after %ld s (parts %s of %d): stored as inbound"
                     " %lld, sender asked to send it again", m->name,
                     (long)(now - g->first_at), list, g->total, (long long)out.inbound_id);
    }
    free(text);
}

void modem_sweep_parts(struct modem *m)
{
    struct parts_group g[GROUPS_PER_SWEEP];
    int n = parts_due(m->db, m->name, clock_now() - m->multipart_timeout, g, GROUPS_PER_SWEEP);
    for (int i = 0; i < n && !modem_stopping(m); i++)
        take_group(m, &g[i]);
}

static bool take_part(struct modem *m, const struct tmsg *msg)
{
    bool dup = false;
    if (!parts_add(m->db, m->name, msg->sender, msg->concat_ref, msg->concat_total,
                   msg->concat_part, msg->text, msg->len, msg->sent_at, clock_now(), &dup)) {
        if (!db_disk_full())
            log_error("%s: cannot store a part (database error); it stays on the device",
                      m->name);
        db_reclaim(m->db);
        return false;
    }
    remove_from_device(m, msg);
    if (dup)
        log_info("%s: part %d/%d at message %d was read before: not stored twice", m->name,
                 msg->concat_part, msg->concat_total, msg->location);
    else
        modem_sweep_parts(m);
    return true;
}

static bool take_report(struct modem *m, const struct tmsg *msg)
{
    if (outbox_mark_delivered(m->db, m->name, msg->report_ref, msg->delivered, clock_now()))
        log_debug("%s: delivery report for reference %s: %s", m->name, msg->report_ref,
                  msg->delivered ? "delivered" : "failed");
    else
        log_debug("%s: delivery report for reference %s matches nothing sent", m->name,
                  msg->report_ref);
    remove_from_device(m, msg);
    return true;
}

/* Anything else on the SIM (saved or sent messages, data, unreadable PDUs): kept
 * with its raw PDU and what could be decoded, then deleted, so it cannot fill
 * the SIM. */
static int take_other(struct modem *m, const struct tmsg *msg)
{
    struct aside_msg a = {
        .modem = m->name, .kind = msg->other_kind[0] ? msg->other_kind : "other",
        .sender = msg->sender, .pdu = msg->pdu[0] ? msg->pdu : NULL,
        .decoded = msg->about[0] ? msg->about : "{}", .sent_at = msg->sent_at,
        .received_at = clock_now(),
    };
    bool existed = false;
    if (!aside_add(m->db, &a, &existed)) {
        log_error("%s: cannot set aside message %d (database error); it stays on the device",
                  m->name, msg->location);
        return -1;
    }
    if (existed && stuck(m, msg->location))
        return 0;   /* seen, kept, and libgammu cannot delete it: said so once */
    if (!existed)
        log_info("%s: message %d is not a text (%s): set aside with its PDU", m->name,
                 msg->location, a.kind);
    if (!remove_from_device(m, msg) && m->nstuck < (int)(sizeof m->stuck / sizeof m->stuck[0]))
        m->stuck[m->nstuck++] = msg->location;
    return 1;
}

/* One pass over the device's memory: >= 0 messages taken, -1 device error. */
int modem_receive_pass(struct modem *m, char *err, size_t errlen)
{
    int n = 0;
    bool start = true;
    while (!modem_stopping(m)) {
        op_begin(m);
        int r = m->k->poller->next(m->t, start, &m->msg, err, errlen);
        op_end(m);
        start = false;
        if (r == 0)
            break;
        if (r < 0)
            return -1;
        bool ok = true;
        switch (m->msg.kind) {
        case TMSG_TEXT:
            ok = m->msg.concat_total > 1 ? take_part(m, &m->msg) : take_text(m, &m->msg);
            break;
        case TMSG_REPORT:
            ok = take_report(m, &m->msg);
            break;
        case TMSG_OTHER: {
            int taken = take_other(m, &m->msg);
            if (taken == 0)
                continue;
            ok = taken > 0;
            break;
        }
        }
        if (!ok)
            break;   /* the database refused: leave the rest on the device for now */
        n++;
    }
    if (n)
        log_info("%s: %d messages read", m->name, n);
    int used, total;
    if (m->k->poller->storage) {
        op_begin(m);
        bool known = m->k->poller->storage(m->t, &used, &total);
        op_end(m);
        long long mono = clock_mono_ms();
        if (known && (used != m->sim_used || total != m->sim_total ||
                      mono - m->sim_written_ms >= 60000)) {
            modem_status_sim(m->db, m->name, used, total, clock_now());
            m->sim_used = used;
            m->sim_total = total;
            m->sim_written_ms = mono;
        }
    }
    return n;
}
