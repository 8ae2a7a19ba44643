/* main.c: the talka binary: global options, then dispatch to a subcommand. */
#include "gateway/core/app.h"
#include "gateway/cli/cli.h"
#include "gateway/cli/cmd_backup.h"
#include "gateway/cli/cmd_broadcast.h"
#include "gateway/cli/cmd_config.h"
#include "gateway/cli/cmd_export.h"
#include "gateway/cli/cmd_maintain.h"
#include "gateway/cli/cmd_migrate.h"
#include "gateway/cli/cmd_parse.h"
#include "gateway/cli/cmd_registry.h"
#include "gateway/cli/cmd_review.h"
#include "gateway/cli/cmd_run.h"
#include "gateway/cli/cmd_sim.h"
#include "gateway/cli/cmd_sms.h"
#include "gateway/cli/cmd_stats.h"
#include "gateway/cli/cmd_status.h"
#include "gateway/cli/cmd_ussd.h"
#include "gateway/cli/cmd_volunteer.h"
#include "gateway/cli/cmd_web.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* TALKA_VERSION: build/gen/version.h, from debian/changelog (the one place) */
#include "version.h"

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    { "run",       cmd_run,       "run the gateway daemon (modems, uploader, USSD endpoint)" },
    { "sms",       cmd_sms,       "handle one text as if it came from a number" },
    { "parse",     cmd_parse,     "show what texts on stdin mean, as JSON lines" },
    { "status",    cmd_status,    "modems, queues and counters; --check for monitoring" },
    { "stats",     cmd_stats,     "tree totals per municipality and species, top volunteers" },
    { "review",    cmd_review,    "list, approve or reject reports waiting for staff" },
    { "volunteer", cmd_volunteer, "show what talka keeps about one number" },
    { "broadcast", cmd_broadcast, "create, list, show and cancel reminder broadcasts" },
    { "registry",  cmd_registry,  "registry upload queue: status, flush" },
    { "export",    cmd_export,    "plantings as CSV or GeoJSON (never phone numbers)" },
    { "backup",    cmd_backup,    "online copy of the database, safe while running" },
    { "maintain",  cmd_maintain,  "apply retention: delete old raw texts of handled messages" },
    { "migrate",   cmd_migrate,   "create the database or apply its pending schema migrations" },
    { "config",    cmd_config,    "check the configuration and print its effective values" },
    { "sim",       cmd_sim,       "simulated modem: put a text in, read what was sent" },
    { "ussd",      cmd_ussd,      "walk the USSD menu against a running endpoint" },
    { "web",       cmd_web,       "staff dashboard accounts: user add, list, passwd, remove" },
};

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] COMMAND [ARGS]\n\n"
               "talka is an SMS and USSD gateway for civic campaigns.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nOptions (before or after COMMAND):\n"
               "  -c, --config FILE  configuration (default %s, or $TALKA_CONFIG)\n"
               "  -h, --help         this help; 'talka COMMAND --help' for a command\n"
               "  --version          print the version\n"
               "\nSee man-style documentation in docs/talka.md.\n", CONFIG_DEFAULT_PATH);
}

/* Takes -c FILE / --config FILE / --config=FILE out of argv, wherever it stands. */
static int take_config_option(int argc, char **argv)
{
    int out = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--")) {
            while (i < argc)
                argv[out++] = argv[i++];
            break;
        }
        if ((!strcmp(argv[i], "-c") || !strcmp(argv[i], "--config")) && i + 1 < argc) {
            app_config_path = argv[++i];
            continue;
        }
        if (!strncmp(argv[i], "--config=", 9)) {
            app_config_path = argv[i] + 9;
            continue;
        }
        argv[out++] = argv[i];
    }
    argv[out] = NULL;
    return out;
}

int main(int argc, char **argv)
{
    /* libgammu converts text through the locale: it must be UTF-8 */
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "");
    const char *env = getenv("TALKA_CONFIG");
    if (env && *env)
        app_config_path = env;
    argc = take_config_option(argc, argv);
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (!strcmp(name, "-h") || !strcmp(name, "--help") || !strcmp(name, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(name, "--version") || !strcmp(name, "version")) {
        printf("talka %s\n", TALKA_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "talka: unknown command '%s'\n\n", name);
    usage(stderr);
    return 2;
}
