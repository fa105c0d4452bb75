/* SPDX-License-Identifier: MIT */
/*
 * fy_cleanup.c - what a run removes when SIGINT, SIGTERM or SIGHUP end
 * it: the private temporary folder of a report, the temporary file of an
 * all-or-nothing file output. The handler removes what is registered
 * (async-signal-safe: openat/unlinkat, getdents64, no malloc), then dies
 * of the signal with its default action, so the caller sees 128 + N.
 *
 * A commit (renameat2 and the removal of the old report) is held: the
 * signals are blocked and, should one reach another thread, only noted;
 * it is delivered when the commit is over (docs/reliability.md, Outputs).
 *
 * A child (pandoc) registered with fy_cleanup_add_child() is killed and
 * waited for first, so that it writes nothing into what is removed.
 *
 * This module owns its state: a fixed table of what to remove, written
 * with the signals blocked in the thread that changes it.
 */
#include "fuyuan/core.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NSLOTS 8
#define NCHILDREN 4

struct slot {
    volatile sig_atomic_t used;
    int dirfd;                /* AT_FDCWD or a folder of the caller's */
    int tree;                 /* a folder (removed whole), else a file */
    char name[PATH_MAX];
};

static struct slot slots[NSLOTS];
static volatile pid_t children[NCHILDREN]; /* 0: free */
static volatile sig_atomic_t installed, held, pending;
static sigset_t saved_mask;   /* the mask before fy_cleanup_hold() */
static const int caught[] = {SIGINT, SIGTERM, SIGHUP};

static void remove_all(void)
{
    /* the children first: a pandoc must not write into what goes */
    for (int i = 0; i < NCHILDREN; i++) {
        pid_t pid = children[i];
        if (pid <= 0)
            continue;
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
        children[i] = 0;
    }
    for (int i = NSLOTS - 1; i >= 0; i--) { /* the last added first */
        if (!slots[i].used)
            continue;
        if (slots[i].tree)
            fy_remove_tree_at(slots[i].dirfd, slots[i].name);
        else
            unlinkat(slots[i].dirfd, slots[i].name, 0);
        slots[i].used = 0;
    }
}

static void on_signal(int sig)
{
    int e = errno;

    if (held) { /* in a commit: delivered by fy_cleanup_release() */
        pending = sig;
        errno = e;
        return;
    }
    remove_all();
    signal(sig, SIG_DFL);
    raise(sig); /* blocked in here: it kills on return */
    errno = e;
}

static void block(sigset_t *old)
{
    sigset_t set;

    sigemptyset(&set);
    for (size_t i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
        sigaddset(&set, caught[i]);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static void install(void)
{
    struct sigaction sa, was;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
        sigaddset(&sa.sa_mask, caught[i]);
    for (size_t i = 0; i < sizeof(caught) / sizeof(caught[0]); i++) {
        /* a signal ignored when we started (nohup) stays ignored */
        if (sigaction(caught[i], NULL, &was) == 0
            && was.sa_handler == SIG_IGN)
            continue;
        sigaction(caught[i], &sa, NULL);
    }
    installed = 1;
}

int fy_cleanup_add(int dirfd, const char *name, int tree)
{
    sigset_t old;
    int found = -1;

    if (strlen(name) >= PATH_MAX)
        return -1;
    block(&old);
    if (!installed)
        install();
    for (int i = 0; i < NSLOTS && found < 0; i++) {
        if (slots[i].used)
            continue;
        slots[i].dirfd = dirfd;
        slots[i].tree = tree;
        strcpy(slots[i].name, name);
        slots[i].used = 1;
        found = i;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return found;
}

void fy_cleanup_drop(int slot)
{
    if (slot >= 0 && slot < NSLOTS)
        slots[slot].used = 0;
}

int fy_cleanup_add_child(pid_t pid)
{
    sigset_t old;
    int found = -1;

    block(&old);
    if (!installed)
        install();
    for (int i = 0; i < NCHILDREN && found < 0; i++)
        if (!children[i]) {
            children[i] = pid;
            found = i;
        }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return found;
}

void fy_cleanup_drop_child(int slot)
{
    if (slot >= 0 && slot < NCHILDREN)
        children[slot] = 0;
}

void fy_cleanup_now(void)
{
    sigset_t old;

    block(&old);
    remove_all();
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void fy_cleanup_hold(void)
{
    block(&saved_mask);
    held = 1;
}

void fy_cleanup_release(void)
{
    int sig = pending;

    held = 0;
    pending = 0;
    if (sig) /* noted by another thread: deliver it here */
        raise(sig);
    pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
}

void fy_test_pause(const char *phase)
{
    const char *at = getenv("FY_TEST_PAUSE_AT");

    if (at && strcmp(at, phase) == 0)
        raise(SIGSTOP);
}
