/* cmd_run.h: `talka run` (cmd_run.c). */
#ifndef TALKA_CMD_RUN_H
#define TALKA_CMD_RUN_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_run(int argc, char **argv);

#endif
