/* cmd_sms.h: `talka sms` (cmd_sms.c). */
#ifndef TALKA_CMD_SMS_H
#define TALKA_CMD_SMS_H

/* argv[0] is the subcommand's name; exit status 0 done, 1 failed, 2 usage or
 * configuration error (see docs/talka.md). */
int cmd_sms(int argc, char **argv);

#endif
