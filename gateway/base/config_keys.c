/* config_keys.c: every key of talka.ini in one table (see config_keys.h). */
#include "gateway/base/config_keys.h"

#include "gateway/base/net_allow.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define INT(s, k, d, lo, hi, u, a) { s, k, CONFIG_INT, d, lo, hi, NULL, u, a }
#define BOOL(s, k, d, a)           { s, k, CONFIG_BOOL, d, 0, 0, NULL, NULL, a }
#define WORD(s, k, d, w, a)        { s, k, CONFIG_WORD, d, 0, 0, w, NULL, a }
#define OF(t, s, k, d, a)          { s, k, t, d, 0, 0, NULL, NULL, a }

static const struct config_key keys[] = {
    OF(CONFIG_PATH, "talka", "database", "../var/talka.db", "the SQLite database"),
    WORD("talka", "sync", "normal", "normal|full",
         "normal survives a killed process; full also survives power loss"),
    OF(CONFIG_ZONE, "talka", "timezone", "Europe/Riga",
       "the campaign's local time zone (dates in texts, quiet hours, day caps, shown times)"),
    WORD("talka", "log_level", "info", "error|warn|info|debug", "how much goes to the log"),
    INT("talka", "retention_days", "0", 0, 36500, "days",
        "raw texts of handled messages and sent replies older than this are deleted (0: kept)"),
    OF(CONFIG_PATH, "talka", "secret_file", "../var/talka.secret",
       "the key behind volunteers' pseudonyms (created when missing; chmod 600)"),
    OF(CONFIG_TEXT, "talka", "group", NULL,
       "a group that may read the database, backups and exports (files 0640, directories 0750)"),

    OF(CONFIG_PATH, "lists", "species", "species.tsv", "tree species and their names"),
    OF(CONFIG_PATH, "lists", "places", "places.tsv", "places, parishes and municipalities"),
    OF(CONFIG_PATH, "lists", "replies", "replies.ini", "reply templates per language"),

    INT("parse", "min_count", "1", 1, 1000000, "trees", "the smallest count a report may carry"),
    INT("parse", "max_count", "10000", 1, 10000000, "trees",
        "the largest count a report may carry; larger ones are refused"),

    INT("points", "per_tree", "10", 0, 10000, "points", "points for each tree planted"),
    INT("points", "native_multiplier", "2", 1, 100, NULL,
        "native species earn per_tree times this"),
    INT("points", "first_report_bonus", "50", 0, 100000, "points",
        "a volunteer's first accepted report earns this once"),

    INT("rules", "cancel_hours", "24", 0, 720, "hours", "ATCELT cancels a report this recent"),
    INT("rules", "review_threshold", "500", 1, 10000000, "trees",
        "reports of at least this many trees wait for staff review"),
    INT("rules", "ask_first_count", "1000", 1, 10000000, "trees",
        "a volunteer's first report above this many trees is asked back (JĀ/NĒ) first"),

    INT("flood", "duplicate_minutes", "10", 0, 1440, "minutes",
        "the same report again within this window is not counted twice"),
    INT("flood", "texts_per_hour", "30", 1, 100000, "texts",
        "texts from one number an hour that are handled; later ones are stored only"),
    INT("flood", "replies_per_hour", "20", 0, 100000, "replies",
        "replies to one number an hour"),

    OF(CONFIG_URL, "registry", "url", NULL,
       "the registry's batch endpoint (https://); the uploader is off while unset"),
    OF(CONFIG_PATH, "registry", "token_file", NULL, "the bearer token, in a chmod 600 file"),
    OF(CONFIG_PATH, "registry", "secret_file", NULL,
       "the HMAC key for volunteer pseudonyms, in a chmod 600 file"),
    OF(CONFIG_TEXT, "registry", "gateway_id", NULL, "this gateway's name (default: the host name)"),
    INT("registry", "batch_size", "100", 1, 10000, "plantings", "plantings per batch"),
    INT("registry", "interval", "60", 1, 1000000, "seconds", "time between uploads"),
    OF(CONFIG_PATH, "registry", "ca_file", NULL, "extra CA certificates for the registry"),
    INT("registry", "connect_timeout", "10", 1, 1000000, "seconds", "connection timeout"),
    INT("registry", "timeout", "30", 1, 1000000, "seconds", "whole request timeout"),

    OF(CONFIG_TEXT, "gammu*", "device", NULL, "the modem device (libgammu's key)"),
    OF(CONFIG_TEXT, "gammu*", "model", NULL, "libgammu's model (dummy: a directory as phone)"),
    OF(CONFIG_TEXT, "gammu*", "connection", NULL, "libgammu's connection (at, none, ...)"),
    INT("gammu*", "rate", "0", 0, 10000, "parts a minute", "send limit of this modem (0: none)"),
    INT("gammu*", "poll_ms", "1000", 50, 600000, "ms", "read the SIM at least this often"),
    INT("gammu*", "poll_busy_ms", "5000", 50, 600000, "ms",
        "read the SIM this often while replies go out"),
    INT("gammu*", "health_every", "300", 1, 86400, "seconds", "log signal and network this often"),
    BOOL("gammu*", "delivery_reports", "yes", "ask the network for delivery reports"),
    INT("gammu*", "max_attempts", "8", 1, 1000, "sends", "sends of one message before it fails"),
    INT("gammu*", "retry_after", "30", 1, 3600, "seconds",
        "a failed send is tried again after this long, doubling to 1 h"),
    OF(CONFIG_TEXT, "gammu*", "smsc", NULL, "SMSC override (default: the SIM's own)"),
    OF(CONFIG_PATH, "gammu*", "pin_file", NULL, "the SIM PIN, in a chmod 600 file"),
    OF(CONFIG_TEXT, "gammu*", "balance_code", NULL, "USSD code that asks the SIM balance"),
    INT("gammu*", "balance_every", "86400", 60, 10000000, "seconds", "time between balance checks"),
    OF(CONFIG_TEXT, "gammu*", "balance_low", NULL, "PCRE2 pattern: a matching balance alerts staff"),
    BOOL("gammu*", "enabled", "yes", "no: keep the section but leave the modem alone"),
    INT("gammu*", "send_timeout", "60", 1, 3600, "seconds", "one send may take this long"),
    INT("gammu*", "ussd_timeout", "30", 1, 3600, "seconds", "one USSD request may take this long"),

    INT("modem", "multipart_timeout", "600", 1, 86400, "seconds",
        "a long text waits this long for missing parts, then is handled as it is"),
    INT("modem", "hang_timeout", "180", 1, 86400, "seconds",
        "a device call longer than this is aborted and the modem reconnected"),
    INT("modem", "down_after", "300", 1, 10000000, "seconds",
        "talka status --check fails when a modem is down this long"),
    INT("modem", "stuck_after", "900", 1, 10000000, "seconds",
        "talka status --check fails when a due message waited this long"),
    OF(CONFIG_PHONES, "modem", "alert_numbers", NULL,
       "who hears about a low SIM balance (default: [staff] numbers)"),

    OF(CONFIG_LISTEN, "ussd", "listen", NULL, "host:port of the USSD endpoint; off while unset"),
    OF(CONFIG_PATH, "ussd", "secret_file", "../var/ussd.secret",
       "the aggregator's key (?key=), in a chmod 600 file"),
    OF(CONFIG_ALLOW, "ussd", "allow", NULL, "addresses or CIDR ranges allowed to call (default: any)"),
    OF(CONFIG_TEXT, "ussd", "path", "/ussd", "the URL path of the endpoint"),
    WORD("ussd", "format", "form", "form", "the provider's request format"),
    OF(CONFIG_PATH, "ussd", "screens", "ussd.ini", "the menu screens per language"),
    WORD("ussd", "russian", "cyrillic", "cyrillic|translit",
         "Russian screens in Cyrillic (70 characters) or translit (160)"),
    OF(CONFIG_TEXT, "ussd", "sms_number", NULL, "the number \"how to text us\" names"),
    WORD("ussd", "default_lang", "lv", "lv|ru|en", "the language of a caller talka does not know"),
    INT("ussd", "session_timeout", "180", 10, 86400, "seconds", "an idle session ends after this"),
    INT("ussd", "keep", "3600", 10, 10000000, "seconds", "ended sessions are kept this long"),
    /* an aggregator calls from few addresses with many requests at once, so one
     * address may hold a quarter of the connections (256 of 1024: a burst of 200
     * handsets fits), never all of them; an idle connection is dropped after 5 s;
     * the kernel queues bursts of 1024 */
    INT("ussd", "threads", "4", 1, 64, "threads", "request threads"),
    INT("ussd", "max_connections", "1024", 1, 100000, "connections", "open connections at most"),
    INT("ussd", "per_ip_connections", "256", 0, 100000, "connections",
        "open connections from one address (0: no limit)"),
    INT("ussd", "timeout", "5", 1, 3600, "seconds", "an idle connection is closed after this"),
    INT("ussd", "listen_backlog", "1024", 1, 65535, "connections",
        "connections the kernel queues before they are accepted"),

    OF(CONFIG_LISTEN, "kannel", "listen", NULL,
       "host:port of talka's endpoint for Kannel's smsbox; off while unset"),
    OF(CONFIG_PATH, "kannel", "secret_file", NULL, "the key smsbox sends (?key=), chmod 600"),
    OF(CONFIG_ALLOW, "kannel", "allow", "127.0.0.1, ::1", "smsbox's addresses or CIDR ranges"),
    OF(CONFIG_URL, "kannel", "callback_url", NULL,
       "how Kannel reaches talka, for the dlr-url (default http:// + listen)"),
    OF(CONFIG_PHONES, "kannel", "alert_numbers", NULL,
       "who hears when Kannel refuses texts for good (default: [staff] numbers)"),
    INT("kannel", "alert_every", "1800", 1, 10000000, "seconds", "time between alerts per link"),
    INT("kannel", "threads", "4", 1, 64, "threads", "HTTP threads"),
    INT("kannel", "max_connections", "512", 1, 100000, "connections", "open connections at most"),
    INT("kannel", "per_ip_connections", "256", 0, 100000, "connections",
        "open connections from one address (0: no limit)"),
    INT("kannel", "timeout", "60", 1, 3600, "seconds", "an idle connection is closed after this"),

    OF(CONFIG_URL, "kannel*", "sendsms_url", NULL, "the smsbox sendsms interface of this link"),
    OF(CONFIG_TEXT, "kannel*", "username", NULL, "a sendsms-user of kannel.conf"),
    OF(CONFIG_PATH, "kannel*", "password_file", NULL, "its password, in a chmod 600 file"),
    OF(CONFIG_TEXT, "kannel*", "smsc", NULL, "Kannel's smsc-id to send through"),
    OF(CONFIG_TEXT, "kannel*", "from", NULL, "the sender volunteers see"),
    INT("kannel*", "rate", "0", 0, 1000000, "parts a minute", "send limit of this link (0: none)"),
    INT("kannel*", "in_flight", "64", 1, 100, "requests", "sendsms requests under way at once"),
    INT("kannel*", "dlr_mask", "3", 0, 31, NULL,
        "delivery reports: 1 delivered + 2 undelivered (0: none)"),
    INT("kannel*", "timeout", "30", 1, 3600, "seconds", "one sendsms request may take this long"),
    INT("kannel*", "max_attempts", "8", 1, 1000, "sends", "sends of one message before it fails"),
    INT("kannel*", "retry_after", "30", 1, 3600, "seconds",
        "a failed send is tried again after this long, doubling to 1 h"),
    BOOL("kannel*", "delivery_reports", "yes", "ask for delivery reports"),
    INT("kannel*", "health_every", "300", 1, 86400, "seconds", "log the link's state this often"),
    BOOL("kannel*", "enabled", "yes", "no: keep the section but leave the link alone"),

    OF(CONFIG_ZONE, "broadcast", "timezone", NULL,
       "must equal [talka] timezone when set (talka keeps one local zone)"),
    OF(CONFIG_QUIET, "broadcast", "quiet_hours", "21:00-09:00",
       "broadcasts pause between these local times; empty or none: never"),
    INT("broadcast", "daily_cap", "0", 0, 10000000, "parts",
        "parts a modem may send a day before broadcasts stop for the day (0: no cap)"),
    INT("broadcast", "reply_hard_cap", "0", 0, 10000000, "parts",
        "parts a modem may send a day before it stops sending anything (0: none)"),
    INT("broadcast", "assumed_rate", "10", 1, 10000, "parts a minute",
        "for time estimates: the rate of a modem without its own"),
    INT("broadcast", "release_ahead", "300", 1, 1000000, "copies",
        "broadcast copies queued ahead of the modems"),
    INT("broadcast", "prefer_factor", "10", 1, 1000, NULL,
        "broadcasts avoid a link this many times slower than the fastest one up"),

    OF(CONFIG_PHONES, "staff", "numbers", NULL,
       "numbers that may send staff commands and receive alerts"),
    OF(CONFIG_PATH, "staff", "pin_file", NULL, "the staff PIN, in a chmod 600 file"),

    OF(CONFIG_LISTEN, "web", "listen", NULL, "host:port of the staff dashboard; off while unset"),
    OF(CONFIG_ALLOW, "web", "allow", NULL,
       "addresses or CIDR ranges allowed to connect (default: any)"),
    OF(CONFIG_PATH, "web", "cert_file", NULL, "HTTPS certificate (with key_file)"),
    OF(CONFIG_PATH, "web", "key_file", NULL, "HTTPS key, chmod 600"),
    OF(CONFIG_ADDRESS, "web", "trusted_proxy", NULL,
       "the reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are believed"),
    INT("web", "session_idle", "1800", 60, 604800, "seconds",
        "a session unused this long has to sign in again"),
    INT("web", "threads", "4", 1, 32, "threads", "request threads"),
    INT("web", "max_connections", "512", 4, 10000, "connections",
        "open connections at most (16 addresses at per_ip_connections)"),
    INT("web", "per_ip_connections", "32", 0, 10000, "connections",
        "open connections from one address (0: no limit)"),
    INT("web", "timeout", "30", 1, 3600, "seconds", "an idle connection is closed after this"),
    INT("web", "request_deadline", "10", 1, 3600, "seconds",
        "a request's headers and body must arrive within this (slow clients are closed)"),

    OF(CONFIG_LISTEN, "metrics", "listen", NULL,
       "host:port of the Prometheus /metrics listener, apart from the dashboard; off while unset"),
    OF(CONFIG_ALLOW, "metrics", "allow", "127.0.0.1, ::1",
       "addresses or CIDR ranges of the Prometheus servers that may scrape"),
    OF(CONFIG_PATH, "metrics", "token_file", NULL,
       "a bearer token scrapers must send (Authorization: Bearer ...), chmod 600; none: no token"),
};

const struct config_key *config_keys(size_t *n)
{
    *n = sizeof keys / sizeof keys[0];
    return keys;
}

int config_section_is_modem(const char *section)
{
    if (strncasecmp(section, "gammu", 5) != 0)
        return 0;
    for (const char *p = section + 5; *p; p++)
        if (!isdigit((unsigned char)*p))
            return 0;
    return 1;
}

static int same_section(const char *table, const char *section)
{
    if (!strcmp(table, "gammu*"))
        return config_section_is_modem(section);
    if (!strcmp(table, "kannel*")) {   /* [kannel0] ... [kannel9]: one Kannel link each */
        if (strncasecmp(section, "kannel", 6) || !section[6])
            return 0;
        for (const char *p = section + 6; *p; p++)
            if (!isdigit((unsigned char)*p))
                return 0;
        return 1;
    }
    return !strcasecmp(table, section);
}

const struct config_key *config_key_find(const char *section, const char *key)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (same_section(keys[i].section, section) && !strcasecmp(keys[i].key, key))
            return &keys[i];
    return NULL;
}

int config_section_known(const char *section)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (same_section(keys[i].section, section))
            return 1;
    return 0;
}

const char *config_type_name(enum config_type t)
{
    switch (t) {
    case CONFIG_INT: return "whole number";
    case CONFIG_BOOL: return "yes/no";
    case CONFIG_WORD: return "word";
    case CONFIG_ZONE: return "time zone";
    case CONFIG_PATH: return "file";
    case CONFIG_TEXT: return "text";
    case CONFIG_QUIET: return "HH:MM-HH:MM or none";
    case CONFIG_PHONES: return "phone numbers";
    case CONFIG_LISTEN: return "ADDRESS:PORT";
    case CONFIG_ALLOW: return "addresses";
    case CONFIG_ADDRESS: return "IP address";
    case CONFIG_URL: return "URL";
    }
    return "?";
}

void config_keys_markdown(FILE *out)
{
    const char *section = "";
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const struct config_key *k = &keys[i];
        if (strcmp(section, k->section)) {
            section = k->section;
            bool gammu = !strcmp(section, "gammu*"), link = !strcmp(section, "kannel*");
            fprintf(out, "%s### [%s]%s\n\n| key | type | default | allowed | meaning |\n"
                         "| --- | --- | --- | --- | --- |\n", i ? "\n" : "",
                    gammu ? "gammu" : link ? "kannel0" : section,
                    gammu ? ", [gammu1], [gammu2], ... (talka's keys; libgammu's own keys are "
                            "passed on)"
                          : link ? ", [kannel1], ... [kannel9]: one Kannel link each" : "");
        }
        char allowed[256] = "";
        if (k->type == CONFIG_INT)
            snprintf(allowed, sizeof allowed, "%ld to %ld%s%s", k->min, k->max,
                     k->unit ? " " : "", k->unit ? k->unit : "");
        else if (k->type == CONFIG_WORD)
            for (size_t n = 0, j = 0; k->words[j] && n + 3 < sizeof allowed; j++) {
                if (k->words[j] == '|') {
                    allowed[n++] = ',';
                    allowed[n++] = ' ';
                } else {
                    allowed[n++] = k->words[j];
                }
                allowed[n] = '\0';
            }
        else if (k->type == CONFIG_BOOL)
            snprintf(allowed, sizeof allowed, "yes, no");
        else if (k->type == CONFIG_LISTEN)
            snprintf(allowed, sizeof allowed, "127.0.0.1:8080, [::1]:8080, :8080");
        else if (k->type == CONFIG_ALLOW)
            snprintf(allowed, sizeof allowed, "up to %d addresses or CIDR ranges, comma-separated",
                     NET_ALLOW_MAX);
        else if (k->type == CONFIG_URL)
            snprintf(allowed, sizeof allowed, "http:// or https:// with a host");
        fprintf(out, "| `%s` | %s | %s%s%s | %s | %s |\n", k->key, config_type_name(k->type),
                k->def ? "`" : "", k->def ? (*k->def ? k->def : "(empty)") : "(unset)",
                k->def ? "`" : "", allowed, k->about);
    }
}
