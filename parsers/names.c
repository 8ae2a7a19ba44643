/* names.c: the names of commands (see names.h). */
#include "parsers/names.h"

const char *command_name(enum command c)
{
    switch (c) {
    case CMD_PLANT: return "plant";
    case CMD_POINTS: return "points";
    case CMD_REGISTER: return "register";
    case CMD_STOP: return "stop";
    case CMD_START: return "start";
    case CMD_HELP: return "help";
    case CMD_DELETE: return "delete";
    case CMD_CANCEL: return "cancel";
    case CMD_YES: return "yes";
    case CMD_NO: return "no";
    case CMD_THANKS: return "thanks";
    default: return "unknown";
    }
}
