/* config_check.c: every talka.ini value checked against the key table, and the
 * effective configuration printed for `talka config check` (see config_check.h). */
#include "gateway/base/config_check.h"

#include "gateway/base/config_keys.h"
#include "gateway/base/localtime.h"
#include "gateway/base/net_allow.h"
#include "gateway/base/net_listen.h"
#include "gateway/base/phone.h"

#include <curl/curl.h>

#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

__attribute__((format(printf, 5, 6)))
static bool bad(const struct config *cfg, const struct config_entry *e, char *err, size_t errlen,
                const char *fmt, ...)
{
    int n = snprintf(err, errlen, "%s:%d: [%s] %s: ", config_file(cfg), e->line, e->section,
                     e->key);
    if (n >= 0 && (size_t)n < errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return false;
}

static void list_words(const char *words, char *out, size_t outlen)
{
    size_t o = 0;
    for (const char *p = words; *p && o + 3 < outlen; p++) {
        if (*p == '|') {
            out[o++] = ',';
            out[o++] = ' ';
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

static bool word_allowed(const char *words, const char *v)
{
    size_t n = strlen(v);
    for (const char *p = words; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && n && !strncmp(p, v, n))
            return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

static bool quiet_ok(const char *v)
{
    if (!*v || !strcasecmp(v, "none") || !strcasecmp(v, "off"))
        return true;
    int h1, m1, h2, m2;
    char tail;
    return sscanf(v, "%d:%d-%d:%d %c", &h1, &m1, &h2, &m2, &tail) == 4 && h1 >= 0 &&
           h1 <= 24 && h2 >= 0 && h2 <= 24 && m1 >= 0 && m1 <= 59 && m2 >= 0 && m2 <= 59;
}

static bool phones_ok(const char *v, char *which, size_t len)
{
    char copy[2048];
    snprintf(copy, sizeof copy, "%s", v);
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",; \t", &save); tok; tok = strtok_r(NULL, ",; \t", &save)) {
        char e164[32];
        if (phone_normalize(tok, e164, sizeof e164) != PHONE_E164) {
            snprintf(which, len, "%s", tok);
            return false;
        }
    }
    return true;
}

/* an http:// or https:// URL with a host, as libcurl reads it */
static bool url_ok(const char *v)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL;
    bool ok = u && curl_url_set(u, CURLUPART_URL, v, 0) == CURLUE_OK &&
              curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
              curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && *host &&
              (!strcasecmp(scheme, "http") || !strcasecmp(scheme, "https"));
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return ok;
}

/* the address types, read with the parsers the endpoints use; empty: unset */
static bool check_address(const struct config *cfg, const struct config_entry *e,
                          enum config_type t, char *err, size_t errlen)
{
    const char *v = e->value;
    char why[512], what[256];
    snprintf(what, sizeof what, "[%s] %s", e->section, e->key);
    struct sockaddr_storage ss;
    socklen_t len;
    struct net_allow allow;
    unsigned char ip[16];
    if (!*v)
        return true;
    switch (t) {
    case CONFIG_LISTEN:
        if (!net_listen_parse(what, v, &ss, &len, why, sizeof why))
            return bad(cfg, e, err, errlen, "'%s' is not an address to listen on (allowed: "
                       "ADDRESS:PORT such as 127.0.0.1:8080, [::1]:8080 or :8080)", v);
        return true;
    case CONFIG_ALLOW:
        if (!net_allow_parse(what, v, &allow, why, sizeof why)) {
            snprintf(err, errlen, "%s:%d: %s (allowed: at most %d addresses or CIDR ranges "
                     "such as 127.0.0.1, 10.0.0.0/8, ::1, separated by commas)",
                     config_file(cfg), e->line, why, NET_ALLOW_MAX);
            return false;
        }
        return true;
    case CONFIG_ADDRESS:
        if (inet_pton(AF_INET, v, ip) != 1 && inet_pton(AF_INET6, v, ip) != 1)
            return bad(cfg, e, err, errlen, "'%s' is not an IP address (allowed: one address "
                       "such as 127.0.0.1 or ::1)", v);
        return true;
    case CONFIG_URL:
        if (!url_ok(v))
            return bad(cfg, e, err, errlen, "'%s' is not a URL (allowed: http:// or https:// "
                       "with a host, such as https://registry.example.lv/api)", v);
        return true;
    default:
        return true;
    }
}

/* the value of e against its table entry k */
static bool check_value(const struct config *cfg, const struct config_entry *e,
                        const struct config_key *k, char *err, size_t errlen)
{
    const char *v = e->value;
    char words[512];
    switch (k->type) {
    case CONFIG_INT: {
        char *end;
        errno = 0;
        long n = *v ? strtol(v, &end, 10) : 0;
        if (!*v || errno || *end)
            return bad(cfg, e, err, errlen, "'%s' is not a whole number (allowed: %ld to %ld%s%s)",
                       v, k->min, k->max, k->unit ? " " : "", k->unit ? k->unit : "");
        if (n < k->min || n > k->max)
            return bad(cfg, e, err, errlen, "%ld is out of range (allowed: %ld to %ld%s%s)", n,
                       k->min, k->max, k->unit ? " " : "", k->unit ? k->unit : "");
        return true;
    }
    case CONFIG_BOOL:
        if (config_bool_word(v) < 0)
            return bad(cfg, e, err, errlen, "'%s' is not yes or no (allowed: yes, no, true, "
                       "false, on, off, 1, 0)", v);
        return true;
    case CONFIG_WORD:
        list_words(k->words, words, sizeof words);
        if (!word_allowed(k->words, v))
            return bad(cfg, e, err, errlen, "'%s' is not allowed (allowed: %s)", v, words);
        return true;
    case CONFIG_ZONE:
        if (!localtime_zone_known(v))
            return bad(cfg, e, err, errlen, "unknown time zone '%s' (allowed: a name from the "
                       "zone database, /usr/share/zoneinfo, e.g. Europe/Riga)", v);
        return true;
    case CONFIG_QUIET:
        if (!quiet_ok(v))
            return bad(cfg, e, err, errlen, "'%s' is not a time range (allowed: HH:MM-HH:MM "
                       "such as 21:00-09:00, or empty / none)", v);
        return true;
    case CONFIG_PHONES:
        if (!phones_ok(v, words, sizeof words))
            return bad(cfg, e, err, errlen, "'%s' is not a phone number (allowed: numbers "
                       "such as +37120000000, separated by commas)", words);
        return true;
    case CONFIG_LISTEN:
    case CONFIG_ALLOW:
    case CONFIG_ADDRESS:
    case CONFIG_URL:
        return check_address(cfg, e, k->type, err, errlen);
    case CONFIG_PATH:
    case CONFIG_TEXT:
        return true;
    }
    return true;
}

static bool check_entry(const struct config *cfg, const struct config_entry *e, char *err,
                        size_t errlen)
{
    if (!config_section_known(e->section)) {
        snprintf(err, errlen, "%s:%d: [%s]: unknown section (talka's: talka, lists, parse, points, "
                 "rules, flood, registry, modem, gammu, gammu1..., ussd, kannel, kannel0..., broadcast, "
                 "staff, web, metrics)",
                 config_file(cfg), e->line, e->section);
        return false;
    }
    const struct config_key *k = config_key_find(e->section, e->key);
    if (!k) {
        if (config_section_is_modem(e->section))
            return true;  /* libgammu's own keys (port, logfile, ...) */
        char keys[1024] = "";
        size_t n, o = 0;
        const struct config_key *all = config_keys(&n);
        for (size_t i = 0; i < n; i++)
            if (!strcasecmp(all[i].section, e->section) && o < sizeof keys)
                o += (size_t)snprintf(keys + o, sizeof keys - o, "%s%s", o ? ", " : "", all[i].key);
        return bad(cfg, e, err, errlen, "unknown key (allowed: %s)", keys);
    }
    return check_value(cfg, e, k, err, errlen);
}

/* [section] hi >= [section] lo, blaming the one the file gives (hi when both) */
static bool not_below(const struct config *cfg, const char *section, const char *lo_key,
                      const char *hi_key, char *err, size_t errlen)
{
    long lo = config_int(cfg, section, lo_key), hi = config_int(cfg, section, hi_key);
    if (hi >= lo)
        return true;
    const struct config_entry *e = config_find(cfg, section, hi_key);
    if (!e)
        e = config_find(cfg, section, lo_key);
    assert(e && "the key table's defaults break a rule across keys");
    return bad(cfg, e, err, errlen, "%s %ld is below %s %ld (allowed: %s >= %s)", hi_key, hi,
               lo_key, lo, hi_key, lo_key);
}

bool config_check(const struct config *cfg, char *err, size_t errlen)
{
    for (size_t i = 0; i < config_count(cfg); i++)
        if (!check_entry(cfg, config_entry_at(cfg, i), err, errlen))
            return false;
    /* across keys (every value is valid by now, so the typed getters may read them) */
    if (!not_below(cfg, "parse", "min_count", "max_count", err, errlen) ||
        !not_below(cfg, "ussd", "threads", "max_connections", err, errlen) ||
        !not_below(cfg, "kannel", "threads", "max_connections", err, errlen) ||
        !not_below(cfg, "web", "threads", "max_connections", err, errlen))
        return false;
    for (size_t i = 0; i < config_count(cfg); i++) {
        const char *s = config_entry_at(cfg, i)->section;
        if (config_section_is_modem(s) && !not_below(cfg, s, "poll_ms", "poll_busy_ms", err, errlen))
            return false;
    }
    const struct config_entry *btz = config_find(cfg, "broadcast", "timezone");
    const char *tz = config_str(cfg, "talka", "timezone");
    if (btz && strcmp(btz->value, tz))
        return bad(cfg, btz, err, errlen, "'%s' differs from [talka] timezone '%s' (talka keeps "
                   "one local time zone; remove [broadcast] timezone)", btz->value, tz);
    return true;
}

/* a URL's password is shown as *** */
static void masked(const char *v, char *out, size_t len)
{
    snprintf(out, len, "%s", v);
    char *scheme = strstr(out, "://");
    char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
    char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
    if (at && colon && colon < at && (!slash || at < slash)) {
        char rest[2048];
        snprintf(rest, sizeof rest, "%s", at);
        snprintf(colon + 1, len - (size_t)(colon + 1 - out), "***%s", rest);
    }
}

static void print_section(const struct config *cfg, const char *section, const char *table,
                          FILE *out)
{
    fprintf(out, "[%s]\n", section);
    size_t n;
    const struct config_key *all = config_keys(&n);
    for (size_t i = 0; i < n; i++) {
        if (strcasecmp(all[i].section, table))
            continue;
        const struct config_entry *e = config_find(cfg, section, all[i].key);
        char v[2048];
        if (e) {
            masked(e->value, v, sizeof v);
            fprintf(out, "%s = %s%s; line %d\n", all[i].key, v, *v ? "  " : "", e->line);
        } else if (all[i].def) {
            fprintf(out, "%s = %s  ; default\n", all[i].key, all[i].def);
        } else {
            fprintf(out, ";%s =   ; not set\n", all[i].key);
        }
    }
    /* libgammu's own keys of a modem section */
    for (size_t i = 0; i < config_count(cfg); i++) {
        const struct config_entry *e = config_entry_at(cfg, i);
        if (!strcasecmp(e->section, section) && !config_key_find(section, e->key))
            fprintf(out, "%s = %s  ; line %d (libgammu)\n", e->key, e->value, e->line);
    }
    fprintf(out, "\n");
}

void config_print(const struct config *cfg, FILE *out)
{
    static const char *sections[] = { "talka", "lists", "parse", "points", "rules", "flood",
                                      "registry", "modem", "ussd", "kannel", "broadcast",
                                      "staff", "web", "metrics" };
    fprintf(out, "; effective configuration of %s\n\n", config_file(cfg));
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        print_section(cfg, sections[i], sections[i], out);
    char done[64][128];
    int ndone = 0;
    for (size_t i = 0; i < config_count(cfg); i++) {
        const struct config_entry *e = config_entry_at(cfg, i);
        bool modem = config_section_is_modem(e->section);
        if (!modem && !config_key_find(e->section, "sendsms_url"))
            continue;  /* only [gammuN] and [kannelN] sections from here */
        bool seen = false;
        for (int j = 0; j < ndone; j++)
            seen |= !strcasecmp(done[j], e->section);
        if (seen || ndone == 64)
            continue;
        snprintf(done[ndone++], sizeof done[0], "%s", e->section);
        print_section(cfg, e->section, modem ? "gammu*" : "kannel*", out);
    }
}
