/* wiring.c: the pipeline with its hooks (see wiring.h). */
#include "gateway/cli/wiring.h"

#include "gateway/staff/staff.h"

int wiring_open_pipeline(struct app *a, struct pipeline **p)
{
    int rc = pipeline_open_app(a, p);
    if (rc == 0)
        pipeline_set_staff_hook(*p, staff_handle);
    return rc;
}
