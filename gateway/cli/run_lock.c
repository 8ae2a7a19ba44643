/* run_lock.c: the lock that keeps a second `talka run` off a database (see
 * run_lock.h). flock() is released by the kernel when the process dies, so a
 * crashed daemon never leaves a stale lock behind. */
#include "gateway/cli/run_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

int run_lock_take(const char *db_path, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s.run.lock", db_path);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open the lock file %s: %s", path, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        char buf[32] = "";
        ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
        buf[n > 0 ? n : 0] = '\0';
        long pid = strtol(buf, NULL, 10);
        close(fd);
        if (e == EWOULDBLOCK) {
            if (pid > 0)
                snprintf(err, errlen, "another talka run (pid %ld) is using the database %s; "
                         "stop it first", pid, db_path);
            else
                snprintf(err, errlen, "another talka run is using the database %s (lock %s)",
                         db_path, path);
        } else {
            snprintf(err, errlen, "cannot lock %s: %s", path, strerror(e));
        }
        return -1;
    }
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
        snprintf(err, errlen, "cannot write the lock file %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

void run_lock_release(int fd)
{
    if (fd < 0)
        return;
    if (ftruncate(fd, 0) != 0) {
        /* the lock goes with the descriptor anyway; a stale PID is only informative */
    }
    close(fd);
}
