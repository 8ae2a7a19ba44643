/* job.c: the reply of the text being handled (see job.h). */
#include "gateway/core/job.h"

#include <stdio.h>

bool points_text(struct db *db, int64_t volunteer_id, char *buf, size_t len)
{
    int64_t points = 0;
    if (points_total(db, volunteer_id, &points) != DB_FOUND)
        return false;
    snprintf(buf, len, "%lld", (long long)points);
    return true;
}

void name_part(const struct volunteer *v, char *out, size_t len)
{
    if (v->name[0])
        snprintf(out, len, ", %s", v->name);
    else if (len)
        out[0] = '\0';
}

void job_reply(struct job *j, const char *key, const struct reply_var *vars, int nvars)
{
    replies_render(j->p->app->replies, j->lang, key, vars, nvars, j->out->reply,
                   sizeof j->out->reply, &j->out->reply_info);
    j->out->reply_due = true;
}
