/* web_volunteer_load.c: the volunteer a dashboard request names (see
 * web_volunteer_load.h). */
#include "gateway/web/web_volunteer_load.h"

#include <string.h>

bool web_volunteer_load(struct web_req *rq, struct volunteer *v)
{
    long long id = web_num(rq, "id");
    enum db_status s = id ? volunteer_by_id(rq->db, id, v) : DB_NONE;
    if (DB_FAILED(s)) {
        web_fail(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "database error");
        return false;
    }
    if (s == DB_NONE || strncmp(v->number, "+", 1)) {
        web_fail(rq, MHD_HTTP_NOT_FOUND, TR(rq, "Tāda brīvprātīgā nav.", "No such volunteer."));
        return false;
    }
    return true;
}

