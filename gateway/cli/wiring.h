/* wiring.h: where the command line connects the features to the core: the
 * pipeline with the broadcast feature's staff commands as its staff hook. Every
 * subcommand that handles texts opens its pipeline here, so staff commands work
 * the same from the modem, `talka sms` and recovery at start-up. */
#ifndef TALKA_WIRING_H
#define TALKA_WIRING_H

#include "gateway/core/pipeline.h"

/* app_open(a, APP_ALL), pipeline_new and the hooks. Logs the error and
 * returns 2 on a configuration error, 0 on success. */
int wiring_open_pipeline(struct app *a, struct pipeline **p);

#endif
