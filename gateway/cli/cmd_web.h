/* cmd_web.h: `talka web user add|list|passwd|remove` and `talka web bootstrap`. */
#ifndef TALKA_CMD_WEB_H
#define TALKA_CMD_WEB_H

int cmd_web(int argc, char **argv);

#endif
