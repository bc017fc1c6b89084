// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The -rtc option. The guest's wall clock is a start date (the host's time in UTC or local
 * time, or a fixed DATE) plus the time rtc_clock has run since start-up: clock=host follows
 * the host's wall clock, rt the host's monotonic clock, vm the guest's virtual clock (it stops
 * with the guest, and with -icount follows the instructions run).
 */
#include "qemu/osdep.h"
#include <time.h>
#include "qemu/option.h"
#include "sysemu/rtc.h"

QEMUClockType rtc_clock = QEMU_CLOCK_HOST;
static int64_t start_ns = -1; /* the guest's date at start_clock_ns; -1: no -rtc, the host's */
static int64_t start_clock_ns;

/* "2006-06-17T16:01:21" or "2006-06-17", as UTC, in seconds; false if malformed. */
static bool parse_date(const char *s, int64_t *secs)
{
	struct tm tm = { 0 };
	int n = 0;

	if (sscanf(s, "%d-%d-%dT%d:%d:%d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec, &n) != 6 ||
	    s[n]) {
		tm = (struct tm){ 0 };
		n = 0;
		if (sscanf(s, "%d-%d-%d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) != 3 || s[n])
			return false;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*secs = timegm(&tm);
	return true;
}

bool qemu_rtc_option(const char *arg, Error **errp)
{
	QemuOpts *opts = qemu_opts_parse(arg, NULL, errp);
	const char *base, *clock, *drift;
	int64_t secs;
	bool ok = false;

	if (!opts)
		return false;
	base = qemu_opt_get(opts, "base");
	clock = qemu_opt_get(opts, "clock");
	drift = qemu_opt_get(opts, "driftfix");
	if (!qemu_opts_check_unused(opts, errp))
		goto out;
	if (clock) {
		if (!strcmp(clock, "host"))
			rtc_clock = QEMU_CLOCK_HOST;
		else if (!strcmp(clock, "rt"))
			rtc_clock = QEMU_CLOCK_REALTIME;
		else if (!strcmp(clock, "vm"))
			rtc_clock = QEMU_CLOCK_VIRTUAL;
		else {
			error_setg(errp, "invalid option value '%s'", clock);
			goto out;
		}
	}
	/* slew only matters to x86's mc146818 RTC, as in QEMU; it is checked all the same */
	if (drift && strcmp(drift, "none") && strcmp(drift, "slew")) {
		error_setg(errp, "invalid option value '%s'", drift);
		goto out;
	}
	if (!base || !strcmp(base, "utc")) {
		start_ns = qemu_clock_get_ns(QEMU_CLOCK_HOST);
	} else if (!strcmp(base, "localtime")) {
		time_t now = time(NULL);
		struct tm lt;

		localtime_r(&now, &lt);
		start_ns = ((int64_t)now + lt.tm_gmtoff) * NANOSECONDS_PER_SECOND;
	} else if (parse_date(base, &secs)) {
		start_ns = secs * NANOSECONDS_PER_SECOND;
	} else {
		error_setg(errp, "invalid datetime format");
		error_append_hint(errp, "valid formats: '2006-06-17T16:01:21' or '2006-06-17'\n");
		goto out;
	}
	start_clock_ns = qemu_clock_get_ns(rtc_clock);
	ok = true;
out:
	qemu_opts_free(opts);
	return ok;
}

int64_t qemu_rtc_time_ns(void)
{
	if (start_ns < 0)
		return qemu_clock_get_ns(QEMU_CLOCK_HOST);
	return start_ns + qemu_clock_get_ns(rtc_clock) - start_clock_ns;
}
