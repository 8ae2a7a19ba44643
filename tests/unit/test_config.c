/* test_config.c: the key table (config_keys.h) is the one truth: the shipped
 * config/talka.ini shows every section and key with its default, and
 * docs/configuration.md lists every key with its default; the reader keeps line
 * numbers and the checker refuses what the table does not allow. */
#include "gateway/base/config.h"
#include "gateway/base/config_check.h"
#include "gateway/base/config_keys.h"
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
    int o = snprintf(big, sizeof big, "[ussd]\nallow = 10.0.0.0/24");
    for (int k = 1; k < 40; k++)
        o += snprintf(big + o, sizeof big - (size_t)o, ", 10.0.%d.0/24", k);
    snprintf(big + o, sizeof big - (size_t)o, "\n");
    CHECK(check_text(big, err, sizeof err));
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
