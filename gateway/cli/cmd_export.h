/* cmd_export.h: `talka export` (cmd_export.c). */
#ifndef TALKA_CMD_EXPORT_H
#define TALKA_CMD_EXPORT_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_export(int argc, char **argv);

#endif
