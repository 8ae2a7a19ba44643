/* commands.h: the subcommands of the talka binary (git-style), one file each
 * (gateway/cmd_NAME.c). argv[0] is the subcommand's name; -c FILE has already
 * been taken out by main.c (see app_config_path). Exit codes: 0 done, 1 failed,
 * 2 usage or configuration error. */
#ifndef TALKA_COMMANDS_H
#define TALKA_COMMANDS_H

#include "gateway/core/app.h"

int cmd_parse(int argc, char **argv);
int cmd_sms(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_volunteer(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_sim(int argc, char **argv);
int cmd_registry(int argc, char **argv);
int cmd_broadcast(int argc, char **argv);
int cmd_ussd(int argc, char **argv);
int cmd_maintain(int argc, char **argv);

/* True when argv holds -h or --help; commands print their usage and exit 0. */
int wants_help(int argc, char **argv);

#endif
