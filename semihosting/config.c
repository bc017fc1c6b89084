// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -semihosting and -semihosting-config enable=on|off,target=native|gdb|auto,chardev=ID,
 * userspace=on|off,arg=STR...: whether the trap sequence means semihosting, where its console
 * goes, and the command line SYS_GET_CMDLINE hands out (the arg= list, else the kernel's file
 * name and -append).
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "chardev/char.h"
#include "semihosting/semihost.h"
#include "semihosting/console.h"

static bool enabled, userspace;
static const char *chardev_id;
static GPtrArray *args; /* char *, from arg= */
char *semihosting_cmdline;

void semihosting_enable(void)
{
	enabled = true;
}

bool semihosting_option(const char *arg, Error **errp)
{
	QemuOpts *opts = qemu_opts_parse_noisily(arg, "enable", errp);
	const char *target;
	Error *err = NULL;
	bool ok = false;

	if (!opts)
		return false;
	enabled = qemu_opt_get_bool(opts, "enable", true, &err);
	if (!err)
		userspace = qemu_opt_get_bool(opts, "userspace", false, &err);
	for (guint i = 0; !err && i < opts->opts->len; i++)
		if (!strcmp(((QemuOpt *)g_ptr_array_index(opts->opts, i))->name, "arg"))
			((QemuOpt *)g_ptr_array_index(opts->opts, i))->used = true;
	qemu_opt_get(opts, "target");
	qemu_opt_get(opts, "chardev");
	if (err || !qemu_opts_check_unused(opts, &err)) {
		/* QEMU says what is wrong, then that the option is refused */
		error_report_err(err);
		error_setg(errp, "unsupported semihosting-config %s", arg);
		goto out;
	}
	target = qemu_opt_get(opts, "target");
	/* gdb: the calls go to a debugger's host; there is no gdbstub yet, so native (auto) */
	if (target && strcmp(target, "native") && strcmp(target, "auto")) {
		if (!strcmp(target, "gdb"))
			error_setg(errp, "semihosting target=gdb needs the gdbstub, which Quicksilver "
					 "does not have yet");
		else
			error_setg(errp, "unsupported semihosting-config %s", arg);
		goto out;
	}
	if (qemu_opt_get(opts, "chardev"))
		chardev_id = g_strdup(qemu_opt_get(opts, "chardev"));
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);

		if (strcmp(o->name, "arg"))
			continue;
		if (!args)
			args = g_ptr_array_new();
		g_ptr_array_add(args, g_strdup(o->str));
	}
	ok = true;
out:
	qemu_opts_free(opts);
	return ok;
}

bool semihosting_enabled(bool user_mode)
{
	return enabled && (!user_mode || userspace);
}

bool semihosting_init(const char *kernel, const char *append, Error **errp)
{
	Chardev *chr = NULL;

	if (!enabled)
		return true;
	if (chardev_id) {
		chr = qemu_chr_find(chardev_id);
		if (!chr) {
			error_setg(errp, "semihosting chardev '%s' not found", chardev_id);
			return false;
		}
	}
	if (!semihosting_console_init(chr, errp))
		return false;
	if (args) {
		g_ptr_array_add(args, NULL);
		semihosting_cmdline = g_strjoinv(" ", (char **)args->pdata);
	} else if (kernel) {
		semihosting_cmdline = append && *append ? g_strdup_printf("%s %s", kernel, append)
							: g_strdup(kernel);
	}
	return true;
}
