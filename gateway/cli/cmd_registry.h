/* cmd_registry.h: `talka registry` (cmd_registry.c). */
#ifndef TALKA_CMD_REGISTRY_H
#define TALKA_CMD_REGISTRY_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_registry(int argc, char **argv);

#endif
