/* cmd_stubs.c: placeholders for subcommands whose issue is not built yet. Each is
 * weak: the real gateway/cmd_NAME.c replaces it at link time. */
#include "gateway/commands.h"

#include <stdio.h>

static int not_yet(const char *name)
{
    fprintf(stderr, "talka %s: not available in this build yet\n", name);
    return 2;
}

#define STUB(fn, name) \
    __attribute__((weak)) int fn(int argc, char **argv) { (void)argc; (void)argv; return not_yet(name); }

STUB(cmd_parse, "parse")
STUB(cmd_sms, "sms")
STUB(cmd_stats, "stats")
STUB(cmd_volunteer, "volunteer")
STUB(cmd_export, "export")
STUB(cmd_backup, "backup")
STUB(cmd_review, "review")
STUB(cmd_run, "run")
STUB(cmd_status, "status")
STUB(cmd_sim, "sim")
STUB(cmd_registry, "registry")
STUB(cmd_broadcast, "broadcast")
STUB(cmd_ussd, "ussd")
STUB(cmd_maintain, "maintain")
