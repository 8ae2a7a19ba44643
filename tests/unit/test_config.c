/* test_config.c: the key table (config_keys.h) is the one truth: the shipped
 * config/talka.ini shows every section and key with its default, and
 * docs/configuration.md lists every key with its default; the reader keeps line
 * numbers and the checker refuses what the table does not allow. */
#include "gateway/base/config.h"
#include "gateway/base/config_check.h"
#include "gateway/base/config_keys.h"
#include "gateway/base/net_allow.h"
#include "tests/test.h"

#include <stdlib.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 20);
    size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* the text of one section of the shipped ini: from "[s]" or ";[s]" to the next header */
static const char *ini_section(const char *ini, const char *s, char *out, size_t outlen)
{
    char hdr[64];
    snprintf(hdr, sizeof hdr, "\n[%s]\n", s);
    const char *p = strstr(ini, hdr);
    if (!p) {
        snprintf(hdr, sizeof hdr, "\n;[%s]\n", s);
        p = strstr(ini, hdr);
    }
    if (!p)
        return NULL;
    p += strlen(hdr);
    const char *end = p;
    while ((end = strchr(end, '\n')) && end[1] != '[' && strncmp(end + 1, ";[", 2))
        end++;
    size_t len = end ? (size_t)(end - p) : strlen(p);
    snprintf(out, outlen, "\n%.*s", (int)len, p);
    return out;
}

TEST(config_shipped_ini_shows_every_key_with_its_default)
{
    char *ini = slurp("config/talka.ini");
    CHECK(ini);
    size_t n;
    const struct config_key *k = config_keys(&n);
    for (size_t i = 0; ini && i < n; i++) {
        char sec[8192], line[256], cline[256];
        if (!strcmp(k[i].section, "gammu*")) {
            snprintf(line, sizeof line, ";   %s = ", k[i].key);
            if (strcmp(k[i].key, "device") && strcmp(k[i].key, "model") &&
                strcmp(k[i].key, "connection") && !strstr(ini, line))
                test_fail(__FILE__, __LINE__, "talka.ini does not describe modem key %s", k[i].key);
            continue;
        }
        const char *section = strcmp(k[i].section, "kannel*") ? k[i].section : "kannel0";
        if (!ini_section(ini, section, sec, sizeof sec)) {
            test_fail(__FILE__, __LINE__, "talka.ini has no section [%s]", k[i].section);
            continue;
        }
        snprintf(line, sizeof line, "\n%s =%s%s", k[i].key, k[i].def ? " " : "",
                 k[i].def ? k[i].def : "");
        snprintf(cline, sizeof cline, "\n;%s =%s%s", k[i].key, k[i].def ? " " : "",
                 k[i].def ? k[i].def : "");
        if (!strstr(sec, line) && !strstr(sec, cline))
            test_fail(__FILE__, __LINE__, "talka.ini [%s] lacks '%s = %s'", k[i].section,
                      k[i].key, k[i].def ? k[i].def : "");
    }
    free(ini);
}

TEST(config_docs_list_every_key_with_its_default)
{
    char *doc = slurp("docs/configuration.md");
    CHECK(doc);
    size_t n;
    const struct config_key *k = config_keys(&n);
    for (size_t i = 0; doc && i < n; i++) {
        char row[256];
        snprintf(row, sizeof row, "| `%s` | %s | %s%s%s |", k[i].key, config_type_name(k[i].type),
                 k[i].def ? "`" : "", k[i].def ? (*k[i].def ? k[i].def : "(empty)") : "(unset)",
                 k[i].def ? "`" : "");
        if (!strstr(doc, row))
            test_fail(__FILE__, __LINE__, "docs/configuration.md lacks the row %s", row);
    }
    free(doc);
}

static bool check_text(const char *text, char *err, size_t errlen)
{
    char path[512];
    snprintf(path, sizeof path, "%s/check.ini", test_tmpdir());
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    struct config *cfg = config_load(path, err, errlen);
    bool ok = cfg && config_check(cfg, err, errlen);
    config_free(cfg);
    return ok;
}

TEST(config_checker_refuses_what_the_table_does_not_allow)
{
    char err[1024];
    CHECK(check_text("[talka]\ntimezone = Europe/Riga\n[points]\nper_tree = 10\n", err, sizeof err));
    CHECK(!check_text("[points]\n\nnative_multiplier = -2\n", err, sizeof err));
    CHECK(strstr(err, "check.ini:3: [points] native_multiplier: -2 is out of range (allowed: 1 to 100"));
    CHECK(!check_text("[parse]\nmin_count = 20\nmax_count = 10\n", err, sizeof err));
    CHECK(strstr(err, ":3: [parse] max_count"));
    CHECK(!check_text("[talka]\ntimezone = Europe/Riga\n[broadcast]\ntimezone = Europe/Tallinn\n",
                      err, sizeof err));
    CHECK(strstr(err, ":4: [broadcast] timezone"));
    CHECK(!check_text("[gammu1]\ndevice = x\n[gammu1]\nrate = 2\n", err, sizeof err));
    CHECK(strstr(err, ":3: [gammu1]: section repeated (first on line 1)"));
    CHECK(!check_text("[staff]\n[talka]\n[staff]\n", err, sizeof err));
    CHECK(strstr(err, ":3: [staff]: section repeated (first on line 1)"));
    /* long lines are read whole (a long allow list); far too long ones are refused */
    char big[6000];
    int o = snprintf(big, sizeof big, "[ussd]\nallow = 2001:db8:100::/48");
    for (int k = 1; k < NET_ALLOW_MAX; k++)
        o += snprintf(big + o, sizeof big - (size_t)o, ", 2001:db8:%d::/48", 100 + k);
    snprintf(big + o, sizeof big - (size_t)o, "\n");
    CHECK(o > 500);
    CHECK(check_text(big, err, sizeof err));
    /* one entry more than the endpoint holds */
    snprintf(big + o, sizeof big - (size_t)o, ", ::1\n");
    CHECK(!check_text(big, err, sizeof err));
    CHECK(strstr(err, "check.ini:2: [ussd] allow: entry too long or too many entries"));
    o = snprintf(big, sizeof big, "[talka]\nlog_level = ");
    memset(big + o, 'x', 5000);
    snprintf(big + o + 5000, sizeof big - (size_t)o - 5000, "\n");
    CHECK(!check_text(big, err, sizeof err));
    CHECK(strstr(err, "check.ini:2: line longer than"));
    CHECK(!check_text("[talka]\nsync =\n", err, sizeof err));   /* empty is empty: no word */
    CHECK(strstr(err, "[talka] sync: '' is not allowed"));
    CHECK(check_text("[gammu]\ndevice = x\nlogformat = textall\n", err, sizeof err));
    CHECK(!check_text("[modem]\nhang_timeout = 0\n", err, sizeof err));
    CHECK(!check_text("[gammu]\ndelivery_reports = maybe\n", err, sizeof err));
    CHECK(strstr(err, "[gammu] delivery_reports: 'maybe' is not yes or no"));
}

/* the address keys are read with the endpoints' parsers, and refused naming the key */
TEST(config_checker_refuses_bad_addresses_naming_the_key)
{
    char err[1024];
    CHECK(check_text("[web]\nlisten = 127.0.0.1:8080\ntrusted_proxy = ::1\n[ussd]\n"
                     "listen = [::1]:8733\nallow = 10.0.0.0/8, ::1\n[kannel]\nlisten = :13013\n"
                     "callback_url = http://10.0.0.2:13013\n[kannel1]\n"
                     "sendsms_url = http://127.0.0.1:13013/cgi-bin/sendsms\n[registry]\n"
                     "url = https://registry.example.lv/api\n", err, sizeof err));
    CHECK(check_text("[web]\nlisten =\n[ussd]\nallow =\n", err, sizeof err));  /* off, anyone */
    CHECK(!check_text("[web]\nlisten = nonsense\n", err, sizeof err));
    CHECK(strstr(err, "check.ini:2: [web] listen: 'nonsense' is not an address to listen on"));
    CHECK(!check_text("[ussd]\nlisten = localhost:8733\n", err, sizeof err));  /* numeric only */
    CHECK(strstr(err, "check.ini:2: [ussd] listen: 'localhost:8733' is not an address"));
    /* getaddrinfo() alone would take these and bind port 99999 modulo 65536 */
    CHECK(!check_text("[ussd]\nlisten = 127.0.0.1:99999\n", err, sizeof err));
    CHECK(strstr(err, "[ussd] listen: '127.0.0.1:99999' is not an address"));
    CHECK(!check_text("[web]\nlisten = [::1]:65536\n", err, sizeof err));
    /* port 0: any free port, which the endpoint logs and reports (docs/testing.md) */
    CHECK(check_text("[web]\nlisten = [::1]:0\n", err, sizeof err));
    CHECK(!check_text("[kannel]\nlisten = 127.0.0.1\n", err, sizeof err));
    CHECK(strstr(err, "[kannel] listen: '127.0.0.1' is not an address"));
    CHECK(!check_text("[kannel]\n\nallow = 127.0.0.1, 10.0.0.300\n", err, sizeof err));
    CHECK(strstr(err, "check.ini:3: [kannel] allow: '10.0.0.300' is not an address or CIDR"));
    CHECK(!check_text("[web]\ntrusted_proxy = proxy.local\n", err, sizeof err));
    CHECK(strstr(err, "[web] trusted_proxy: 'proxy.local' is not an IP address"));
    CHECK(!check_text("[registry]\nurl = registry.example.lv/api\n", err, sizeof err));
    CHECK(strstr(err, "[registry] url: 'registry.example.lv/api' is not a URL"));
    CHECK(!check_text("[kannel2]\nsendsms_url = ftp://127.0.0.1/x\n", err, sizeof err));
    CHECK(strstr(err, "[kannel2] sendsms_url: 'ftp://127.0.0.1/x' is not a URL"));
}

TEST(config_checker_holds_rules_across_keys)
{
    char err[1024];
    CHECK(!check_text("[web]\nthreads = 8\nmax_connections = 4\n", err, sizeof err));
    CHECK(strstr(err, ":3: [web] max_connections: max_connections 4 is below threads 8"));
    CHECK(check_text("[ussd]\nthreads = 64\n", err, sizeof err));   /* 1024 >= 64 */
    CHECK(!check_text("[kannel]\nmax_connections = 2\n", err, sizeof err));
    CHECK(strstr(err, ":2: [kannel] max_connections: max_connections 2 is below threads 4"));
    /* only the low key given: the message blames it, with the default it breaks */
    CHECK(!check_text("[gammu]\ndevice = x\n[gammu2]\ndevice = x\npoll_ms = 9000\n", err,
                      sizeof err));
    CHECK(strstr(err, ":5: [gammu2] poll_ms: poll_busy_ms 5000 is below poll_ms 9000 "
                      "(allowed: poll_busy_ms >= poll_ms)"));
}

/* every default of the table passes the checker: a getter never returns a bad one */
TEST(config_every_default_passes_the_checker)
{
    size_t n;
    const struct config_key *k = config_keys(&n);
    for (size_t i = 0; i < n; i++) {
        if (!k[i].def)
            continue;
        char text[512], err[1024];
        const char *s = !strcmp(k[i].section, "gammu*") ? "gammu3"
                        : !strcmp(k[i].section, "kannel*") ? "kannel3" : k[i].section;
        snprintf(text, sizeof text, "[%s]\n%s = %s\n", s, k[i].key, k[i].def);
        if (!check_text(text, err, sizeof err))
            test_fail(__FILE__, __LINE__, "the default [%s] %s = %s: %s", s, k[i].key, k[i].def,
                      err);
    }
}

/* the typed getters: the file's value, else the table's default; instance sections */
TEST(config_getters_read_the_file_or_the_table)
{
    char path[512], err[1024];
    snprintf(path, sizeof path, "%s/get.ini", test_tmpdir());
    FILE *f = fopen(path, "w");
    fputs("[gammu2]\ndevice = x\npoll_ms = 2000\ndelivery_reports = no\n"
          "[ussd]\npath =\n[lists]\nspecies = /abs/sp.tsv\n", f);
    fclose(f);
    struct config *cfg = config_load(path, err, sizeof err);
    CHECK(cfg && config_check(cfg, err, sizeof err));
    CHECK(config_int(cfg, "gammu2", "poll_ms") == 2000);
    CHECK(config_int(cfg, "gammu2", "poll_busy_ms") == 5000);          /* the table's */
    CHECK(config_int(cfg, "gammu", "poll_ms") == 1000);
    CHECK(config_table_int("gammu2", "poll_ms") == 1000);              /* whatever the file says */
    CHECK(!config_bool(cfg, "gammu2", "delivery_reports"));
    CHECK(config_bool(cfg, "kannel4", "delivery_reports"));
    CHECK(!strcmp(config_str(cfg, "ussd", "path"), ""));               /* empty is empty */
    CHECK(config_given(cfg, "ussd", "path") && !config_given(cfg, "ussd", "listen"));
    CHECK(!strcmp(config_str(cfg, "ussd", "russian"), "cyrillic"));
    CHECK(!strcmp(config_str(cfg, "ussd", "listen"), ""));             /* unset */
    CHECK(!strcmp(config_str(cfg, "kannel", "allow"), "127.0.0.1, ::1"));
    char out[4096];
    CHECK(config_path(cfg, "lists", "species", out, sizeof out) && !strcmp(out, "/abs/sp.tsv"));
    char want[4096];
    snprintf(want, sizeof want, "%s/replies.ini", test_tmpdir());
    CHECK(config_path(cfg, "lists", "replies", out, sizeof out) && !strcmp(out, want));
    CHECK(!config_path(cfg, "web", "cert_file", out, sizeof out) && !out[0]);
    config_free(cfg);
}
