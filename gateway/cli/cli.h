/* cli.h: small helpers every subcommand uses (cli.c). The subcommands of the talka
 * binary are git-style, one file each (gateway/cli/cmd_NAME.c with its header);
 * -c FILE has already been taken out by main.c (see app_config_path). Exit codes:
 * 0 done, 1 failed, 2 usage or configuration error. */
#ifndef TALKA_CLI_H
#define TALKA_CLI_H

/* True when argv holds -h or --help; commands print their usage and exit 0. */
int wants_help(int argc, char **argv);

#endif
