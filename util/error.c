// SPDX-License-Identifier: GPL-2.0-or-later
/* Error objects, their propagation, and the QEMU-format reports printed on stderr. */
#include "qemu/osdep.h"

struct Error {
	char *msg;
	GString *hint;
	ErrorClass cls;
};

Error *error_fatal;
Error *error_abort;

static const char *progname = "qemu-system-riscv64";
static char *loc_opt, *loc_arg;
static FILE *error_out;

void error_set_progname(const char *name)
{
	const char *slash = strrchr(name, '/');
	progname = slash ? slash + 1 : name;
}

const char *error_get_progname(void)
{
	return progname;
}

void error_set_output(FILE *f)
{
	error_out = f;
}

static FILE *out(void)
{
	return error_out ? error_out : stderr;
}

void loc_set_cmdline(const char *opt, const char *arg)
{
	g_free(loc_opt);
	g_free(loc_arg);
	loc_opt = g_strdup(opt);
	loc_arg = g_strdup(arg);
}

void loc_clear(void)
{
	loc_set_cmdline(NULL, NULL);
}

static bool msg_timestamp;
static const char *msg_guest_name;

void error_set_message_format(bool timestamp, const char *guest_name)
{
	msg_timestamp = timestamp;
	msg_guest_name = guest_name;
}

static void print_prefix(void)
{
	if (msg_timestamp) {
		GDateTime *now = g_date_time_new_now_utc();
		char *ts = g_date_time_format(now, "%Y-%m-%dT%H:%M:%S.%fZ");

		fprintf(out(), "%s ", ts);
		g_free(ts);
		g_date_time_unref(now);
	}
	if (msg_guest_name)
		fprintf(out(), "%s ", msg_guest_name);
	fprintf(out(), "%s: ", progname);
	if (loc_opt)
		fprintf(out(), loc_arg ? "%s %s: " : "%s: ", loc_opt, loc_arg);
}

static void vreport(const char *kind, const char *fmt, va_list ap)
{
	print_prefix();
	if (kind)
		fputs(kind, out());
	vfprintf(out(), fmt, ap);
	fputc('\n', out());
	fflush(out());
}

void error_report(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(NULL, fmt, ap);
	va_end(ap);
}

void warn_report(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

void info_report(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("info: ", fmt, ap);
	va_end(ap);
}

void error_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(out(), fmt, ap);
	va_end(ap);
}

void error_report_err(Error *err)
{
	error_report("%s", err->msg);
	if (err->hint)
		fputs(err->hint->str, out());
	error_free(err);
}

static void error_handle(Error **errp, Error *err)
{
	if (errp == &error_abort) {
		fprintf(stderr, "Unexpected error: %s\n", err->msg);
		abort();
	}
	if (errp == &error_fatal) {
		error_report_err(err);
		exit(1);
	}
	if (!errp) {
		error_free(err);
		return;
	}
	g_assert(*errp == NULL);
	*errp = err;
}

static void error_vsetg(Error **errp, const char *suffix, const char *fmt, va_list ap)
{
	Error *err = g_new0(Error, 1);
	char *msg = g_strdup_vprintf(fmt, ap);
	err->msg = suffix ? g_strconcat(msg, ": ", suffix, NULL) : g_strdup(msg);
	g_free(msg);
	error_handle(errp, err);
}

void error_setg(Error **errp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vsetg(errp, NULL, fmt, ap);
	va_end(ap);
}

void error_set(Error **errp, ErrorClass cls, const char *fmt, ...)
{
	Error *err = NULL;
	va_list ap;

	va_start(ap, fmt);
	error_vsetg(&err, NULL, fmt, ap);
	va_end(ap);
	err->cls = cls;
	error_handle(errp, err);
}

ErrorClass error_get_class(const Error *err)
{
	return err->cls;
}

const char *error_class_name(ErrorClass cls)
{
	static const char *const names[] = {
		[ERROR_CLASS_GENERIC_ERROR] = "GenericError",
		[ERROR_CLASS_COMMAND_NOT_FOUND] = "CommandNotFound",
		[ERROR_CLASS_DEVICE_NOT_ACTIVE] = "DeviceNotActive",
		[ERROR_CLASS_DEVICE_NOT_FOUND] = "DeviceNotFound",
		[ERROR_CLASS_KVM_MISSING_CAP] = "KVMMissingCap",
	};
	return names[cls];
}

void error_setg_errno(Error **errp, int os_errno, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vsetg(errp, g_strerror(os_errno), fmt, ap);
	va_end(ap);
}

void error_append_hint(Error **errp, const char *fmt, ...)
{
	va_list ap;
	if (!errp || errp == &error_fatal || errp == &error_abort || !*errp)
		return;
	if (!(*errp)->hint)
		(*errp)->hint = g_string_new(NULL);
	va_start(ap, fmt);
	g_string_append_vprintf((*errp)->hint, fmt, ap);
	va_end(ap);
}

void error_prepend(Error **errp, const char *fmt, ...)
{
	va_list ap;
	char *pre, *msg;
	if (!errp || !*errp)
		return;
	va_start(ap, fmt);
	pre = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	msg = g_strconcat(pre, (*errp)->msg, NULL);
	g_free(pre);
	g_free((*errp)->msg);
	(*errp)->msg = msg;
}

void error_propagate(Error **dst, Error *src)
{
	if (src)
		error_handle(dst, src);
}

const char *error_get_pretty(const Error *err)
{
	return err->msg;
}

void error_free(Error *err)
{
	if (!err)
		return;
	g_free(err->msg);
	if (err->hint)
		g_string_free(err->hint, TRUE);
	g_free(err);
}
