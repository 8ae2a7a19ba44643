/* cmd_parse.h: `talka parse` (cmd_parse.c). */
#ifndef TALKA_CMD_PARSE_H
#define TALKA_CMD_PARSE_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_parse(int argc, char **argv);

#endif
