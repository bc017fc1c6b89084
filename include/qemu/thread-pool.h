// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Worker threads for blocking work (disk I/O) that must not stall the vCPU loop: a job runs
 * on a worker, and its completion runs back on the main thread from the main loop, so
 * completions may touch device and machine state freely. Workers are started on demand, up
 * to a fixed number, and block every signal so the main thread keeps handling them.
 */
#ifndef QEMU_THREAD_POOL_H
#define QEMU_THREAD_POOL_H

typedef int ThreadPoolFunc(void *opaque);
typedef void ThreadPoolDone(void *opaque, int ret);

/*
 * Runs func(opaque) on a worker, then done(opaque, what func returned) on the main thread
 * (drains wait for it with aio_wait_poll).
 */
void thread_pool_submit(ThreadPoolFunc *func, ThreadPoolDone *done, void *opaque);

#endif
