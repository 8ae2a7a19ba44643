/* cmd_config.c: `talka config check`: reads talka.ini as the daemon would, checks
 * every key against the key table and prints the effective configuration. */
#include "gateway/cli/cmd_config.h"

#include "gateway/base/config_check.h"
#include "gateway/base/config_keys.h"
#include "gateway/cli/cli.h"
#include "gateway/core/app.h"
#include "gateway/registry/registry_config.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: talka [-c FILE] config check [--quiet]\n"
               "       talka config keys\n\n"
               "Reads the configuration as 'talka run' would: every key is checked for its\n"
               "type and range, unknown sections and keys and repeated sections are refused.\n"
               "On success prints the effective configuration (each key with its value and\n"
               "the line it came from, or 'default'); secrets stay in their files and are\n"
               "never printed. --quiet prints nothing on success.\n"
               "'config keys' prints every key talka knows, with its type, default and\n"
               "range, as the Markdown tables of docs/configuration.md.\n"
               "Exit status: 0 valid, 2 usage or configuration error (FILE:LINE: message).\n");
}

int cmd_config(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc == 2 && !strcmp(argv[1], "keys")) {
        config_keys_markdown(stdout);
        return 0;
    }
    bool quiet = argc == 3 && !strcmp(argv[2], "--quiet");
    if (argc < 2 || strcmp(argv[1], "check") || (argc == 3 && !quiet) || argc > 3) {
        usage(stderr);
        return 2;
    }
    char err[1024] = "";
    struct config *cfg = config_load(app_config_path, err, sizeof err);
    if (!cfg) {
        fprintf(stderr, "talka: %s\n", err);
        return 2;
    }
    if (!config_check(cfg, err, sizeof err)) {
        fprintf(stderr, "talka: %s\n", err);
        config_free(cfg);
        return 2;
    }
    /* the registry's own rule for its URL (https://), as its uploader applies it */
    if (registry_configured(cfg) &&
        !registry_url_allowed(config_str(cfg, "registry", "url"), err, sizeof err)) {
        fprintf(stderr, "talka: %s:%d: %s\n", config_file(cfg),
                config_find(cfg, "registry", "url")->line, err);
        config_free(cfg);
        return 2;
    }
    if (!quiet)
        config_print(cfg, stdout);
    config_free(cfg);
    return 0;
}
