/* pipeline_plant.h: the pipeline's planting commands (pipeline_plant.c): a report,
 * ATCELT and DZĒST. Each runs inside the pipeline's transaction on the job being
 * handled; false on a database error. */
#ifndef TALKA_PIPELINE_PLANT_H
#define TALKA_PIPELINE_PLANT_H

#include "gateway/core/job.h"

bool handle_plant(struct job *j);
bool handle_cancel(struct job *j);
bool handle_delete(struct job *j);
/* Did DZĒST ask for its confirmation (DZĒST JĀ) within the last 10 minutes?
 * False on a database error. */
bool delete_waiting(struct job *j, bool *waits);

#endif
