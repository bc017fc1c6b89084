// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -icount: the virtual clock counts guest instructions instead of host time, 2^shift ns each
 * (shift=auto adapts the shift to keep near real time). CPUs then run only up to the next
 * virtual timer deadline, so timers fire at exact instruction counts and a run repeats itself;
 * when every CPU waits, sleep=off jumps the clock to the next deadline at once, sleep=on lets
 * host time pass first; align=on holds the guest back when it runs ahead of the host.
 */
#ifndef SYSEMU_CPU_TIMERS_H
#define SYSEMU_CPU_TIMERS_H

bool icount_configure(const char *arg, Error **errp);
bool icount_enabled(void);
/* The virtual clock under -icount, in ns. */
int64_t icount_get_ns(void);
/* loadvm: the clock reads ns now and counts on from there. */
void icount_set_ns(int64_t ns);
/* How many instructions the CPUs may run before the next virtual deadline, at most max. */
int64_t icount_budget(int64_t max);
/* Every CPU waits for an interrupt: move the clock on and wait as sleep= says. */
void icount_idle(void);
/* Between slices: shift=auto adapts, align=on waits for the host to catch up. */
void icount_account(void);

#endif
