// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -rtc base=utc|localtime|DATE,clock=host|rt|vm,driftfix=none|slew: what the guest's real-time
 * clock starts at and which clock it runs on. Devices read the time through qemu_rtc_time_ns()
 * and arm their alarms on rtc_clock.
 */
#ifndef SYSEMU_RTC_H
#define SYSEMU_RTC_H

#include "qemu/main-loop.h"

extern QEMUClockType rtc_clock;

bool qemu_rtc_option(const char *arg, Error **errp);
/* The guest's wall-clock time now, in ns since the epoch. */
int64_t qemu_rtc_time_ns(void);

#endif
