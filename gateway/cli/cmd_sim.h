/* cmd_sim.h: `talka sim` (cmd_sim.c). */
#ifndef TALKA_CMD_SIM_H
#define TALKA_CMD_SIM_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_sim(int argc, char **argv);

#endif
