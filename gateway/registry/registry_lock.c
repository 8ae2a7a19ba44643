/* registry_lock.c: the uploaders' lock (see registry_lock.h). */
#include "gateway/registry/registry_lock.h"
#include "db/registry.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void me(const char *role, char *holder, size_t hl, char *host, size_t hostlen)
{
    if (gethostname(host, hostlen - 1) != 0)
        snprintf(host, hostlen, "localhost");
    host[hostlen - 1] = '\0';
    snprintf(holder, hl, "%s:%ld:%s", host, (long)getpid(), role);
}

static bool process_gone(long pid)
{
    if (pid <= 0)
        return true;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

bool registry_lock_take(struct db *db, const char *role, time_t now, char *who, size_t wholen)
{
    char holder[128], host[64];
    me(role, holder, sizeof holder, host, sizeof host);
    if (wholen)
        who[0] = '\0';
    if (!db_begin(db)) {
        snprintf(who, wholen, "database busy");
        return false;
    }
    struct registry_lock_row l;
    bool ok = registry_lock_read(db, &l) == DB_FOUND;
    bool free_now = false;
    if (ok) {
        if (!l.holder[0] || !strcmp(l.holder, holder))
            free_now = true;
        else if (!strcmp(l.host, host))
            free_now = l.pid != (long)getpid() && process_gone((long)l.pid);
        else
            free_now = l.expires_at <= (int64_t)now;
    }
    bool taken = false;
    if (ok && free_now)
        taken = registry_lock_swap(db, l.holder, holder, host, (int64_t)getpid(),
                                   (int64_t)now + REGISTRY_LOCK_LEASE);
    if (!db_commit(db)) {
        snprintf(who, wholen, "database error");
        return false;
    }
    if (!taken && ok && wholen)
        snprintf(who, wholen, "%s", l.holder);
    return taken;
}

void registry_lock_release(struct db *db, const char *role)
{
    char holder[128], host[64];
    me(role, holder, sizeof holder, host, sizeof host);
    registry_lock_swap(db, holder, "", "", 0, 0);
}
