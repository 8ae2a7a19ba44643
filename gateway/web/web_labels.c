/* web_labels.c: the one table of labels for stored codes (see web_labels.h). Was
 * three tables and two functions (the journal's actions, the inbox's outcomes,
 * web_page.c's codes, the conversation's outcomes and states), which drifted. */
#include "gateway/web/web_labels.h"

#include <stdbool.h>
#include <string.h>

/* A code ending in '*' matches every code it begins (a fallback by prefix); "*"
 * alone, any code of that kind the rows above it did not name. First match wins. */
static const struct label {
    enum label_kind kind;
    const char *code, *lv, *en;
} labels[] = {
    /* a planting's status, a ledger reason, a modem's state, a language */
    { LABEL_CODE, "accepted", "pieņemts", "accepted" },
    { LABEL_CODE, "pending_review", "gaida pārbaudi", "waiting for review" },
    { LABEL_CODE, "rejected", "noraidīts", "rejected" },
    { LABEL_CODE, "cancelled", "atcelts", "cancelled" },
    { LABEL_CODE, "trees", "par kokiem", "for trees" },
    { LABEL_CODE, "first_report", "pirmā ziņojuma balva", "first report bonus" },
    { LABEL_CODE, "first_report_withdrawn", "pirmā ziņojuma balva atsaukta", "first report bonus withdrawn" },
    { LABEL_CODE, "cancel", "stādījums atsaukts", "planting withdrawn" },
    { LABEL_CODE, "approve", "apstiprināts", "approved" },
    { LABEL_CODE, "up", "darbojas", "up" },
    { LABEL_CODE, "down", "nedarbojas", "down" },
    { LABEL_CODE, "absent", "nav pievienots", "absent" },
    { LABEL_CODE, "stopped", "apturēts", "stopped" },
    { LABEL_CODE, "lv", "latviešu", "Latvian" },
    { LABEL_CODE, "ru", "krievu", "Russian" },
    { LABEL_CODE, "en", "angļu", "English" },

    /* what talka made of a text (inbound.outcome), under it in the conversation */
    { LABEL_UNDERSTOOD, "planted", "stādījums ierakstīts", "planting recorded" },
    { LABEL_UNDERSTOOD, "pending_review", "stādījums gaida pārbaudi", "planting waits for review" },
    { LABEL_UNDERSTOOD, "points", "jautāja punktus", "asked for points" },
    { LABEL_UNDERSTOOD, "registered", "vārds ierakstīts", "name recorded" },
    { LABEL_UNDERSTOOD, "stopped", "STOP: atgādinājumi izslēgti", "STOP: reminders off" },
    { LABEL_UNDERSTOOD, "started", "atgādinājumi ieslēgti", "reminders on" },
    { LABEL_UNDERSTOOD, "help", "palīdzība", "help" },
    { LABEL_UNDERSTOOD, "help2", "palīdzība", "help" },
    { LABEL_UNDERSTOOD, "duplicate", "atkārtots ziņojums", "repeated report" },
    { LABEL_UNDERSTOOD, "flood", "pārāk daudz īsziņu", "too many texts" },
    { LABEL_UNDERSTOOD, "cancelled", "atsauca stādījumu", "withdrew a planting" },
    { LABEL_UNDERSTOOD, "cancel_none", "nebija ko atsaukt", "nothing to withdraw" },
    { LABEL_UNDERSTOOD, "delete_asked", "lūdza dzēst datus", "asked to erase data" },
    { LABEL_UNDERSTOOD, "deleted", "dati dzēsti", "data erased" },
    { LABEL_UNDERSTOOD, "awaiting_confirmation", "jautāts precizējums", "asked back" },
    { LABEL_UNDERSTOOD, "answer:ask_again", "atbilde nebija skaidra", "answer unclear" },
    { LABEL_UNDERSTOOD, "answer:declined", "atteicās", "declined" },
    { LABEL_UNDERSTOOD, "answer:nothing_waiting", "atbilde, bet nekas negaidīja", "an answer with nothing waiting" },
    { LABEL_UNDERSTOOD, "error:*", "nesaprasts", "not understood" },
    { LABEL_UNDERSTOOD, "ignored:*", "neņemts vērā", "ignored" },
    { LABEL_UNDERSTOOD, "", "vēl nav apstrādāts", "not handled yet" },
    { LABEL_UNDERSTOOD, "*", "apstrādāts", "handled" },

    /* what talka missed in a text of the inbox (inbound.outcome) */
    { LABEL_MISSED, "error:unknown_command", "nesaprasts teksts", "not understood" },
    { LABEL_MISSED, "error:unknown_species", "nezināma suga", "unknown species" },
    { LABEL_MISSED, "error:unknown_place", "nezināma vieta", "unknown place" },
    { LABEL_MISSED, "error:ambiguous_species", "neskaidra suga", "unclear species" },
    { LABEL_MISSED, "error:ambiguous_place", "neskaidra vieta", "unclear place" },
    { LABEL_MISSED, "error:missing_count", "nav skaita", "no count" },
    { LABEL_MISSED, "error:missing_species", "nav sugas", "no species" },
    { LABEL_MISSED, "error:missing_place", "nav vietas", "no place" },
    { LABEL_MISSED, "error:count_out_of_range", "neiespējams skaits", "count out of range" },
    { LABEL_MISSED, "error:count_range", "skaits kā diapazons", "count as a range" },
    { LABEL_MISSED, "error:bad_date", "nesaprasts datums", "unclear date" },
    { LABEL_MISSED, "error:future_date", "datums nākotnē", "date in the future" },
    { LABEL_MISSED, "error:empty", "tukša īsziņa", "empty text" },
    { LABEL_MISSED, "help", "jautājums vai palīdzības lūgums", "a question or a plea for help" },
    { LABEL_MISSED, "help2", "jautājums vai palīdzības lūgums", "a question or a plea for help" },
    { LABEL_MISSED, "awaiting_confirmation", "pārjautājums palika bez atbildes", "question back unanswered" },
    { LABEL_MISSED, "*", "nesaprasts", "not understood" },

    /* an outbound text's state, in the conversation */
    { LABEL_OUT, "queued", "rindā", "queued" },
    { LABEL_OUT, "sending", "sūta", "sending" },
    { LABEL_OUT, "sent", "nosūtīta", "sent" },
    { LABEL_OUT, "delivered", "piegādāta", "delivered" },
    { LABEL_OUT, "failed", "neizdevās", "failed" },
    { LABEL_OUT, "cancelled", "atcelta", "cancelled" },

    /* the journal: audit_log.action */
    { LABEL_ACTION, "web_login", "pieteicās", "signed in" },
    { LABEL_ACTION, "web_login_refused", "pieteikšanās atteikta", "sign-in refused" },
    { LABEL_ACTION, "web_logout", "izgāja", "signed out" },
    { LABEL_ACTION, "approve", "apstiprināja ziņojumu", "approved a report" },
    { LABEL_ACTION, "reject", "noraidīja ziņojumu", "rejected a report" },
    { LABEL_ACTION, "broadcast_create", "izveidoja atgādinājumu", "created a reminder" },
    { LABEL_ACTION, "broadcast_cancel", "atcēla atgādinājumu", "cancelled a reminder" },
    { LABEL_ACTION, "message_send", "sūtīja ziņu brīvprātīgajam", "sent a volunteer a message" },
    { LABEL_ACTION, "reminders_on", "ieslēdza atgādinājumus", "turned reminders on" },
    { LABEL_ACTION, "reminders_off", "izslēdza atgādinājumus", "turned reminders off" },
    { LABEL_ACTION, "erase", "dzēsa personas datus", "erased personal data" },
    { LABEL_ACTION, "export_numbers", "lejupielādēja numurus", "downloaded numbers" },
    { LABEL_ACTION, "web_user_add", "pievienoja kontu", "added an account" },
    { LABEL_ACTION, "web_user_passwd", "nomainīja paroli", "changed a password" },
    { LABEL_ACTION, "web_user_remove", "noņēma kontu", "removed an account" },
    { LABEL_ACTION, "staff_denied", "personāla komanda atteikta", "staff command refused" },
    { LABEL_ACTION, "staff_pin_wrong", "nepareizs personāla PIN", "wrong staff PIN" },
    { LABEL_ACTION, "inbox_reply", "atbildēja no iesūtnes", "answered from the inbox" },
    { LABEL_ACTION, "inbox_register", "reģistrēja no iesūtnes", "registered from the inbox" },
    { LABEL_ACTION, "inbox_teach", "iemācīja vārdu", "taught a word" },
    { LABEL_ACTION, "inbox_forget", "noņēma iemācītu vārdu", "removed a taught word" },
    { LABEL_ACTION, "inbox_resolve", "atzīmēja kā izskatītu", "marked as reviewed" },
    { LABEL_ACTION, "question_register", "reģistrēja gaidošu ziņojumu", "registered a waiting report" },
    { LABEL_ACTION, "question_drop", "atmeta gaidošu ziņojumu", "dropped a waiting report" },
};

static bool matches(const char *pattern, const char *code)
{
    size_t n = strlen(pattern);
    if (n && pattern[n - 1] == '*')
        return !strncmp(pattern, code, n - 1);
    return !strcmp(pattern, code);
}

const char *page_label(const struct web_req *rq, enum label_kind kind, const char *code)
{
    if (!code)
        code = "";
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (labels[i].kind == kind && matches(labels[i].code, code))
            return TR(rq, labels[i].lv, labels[i].en);
    return code;
}
