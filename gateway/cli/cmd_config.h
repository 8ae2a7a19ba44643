/* cmd_config.h: `talka config check` (cmd_config.c). */
#ifndef TALKA_CMD_CONFIG_H
#define TALKA_CMD_CONFIG_H

/* argv[0] is the subcommand's name; exit status 0 valid, 2 usage or configuration
 * error (see docs/talka.md). */
int cmd_config(int argc, char **argv);

#endif
