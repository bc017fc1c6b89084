// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The human monitor's commands, as a table: name (with its aliases, "stop|s"), the argument
 * synopsis and the help line QEMU prints, and the function. "info" has a table of its own.
 * Commands act through the same calls as their QMP twins.
 */
#include "qemu/osdep.h"
#include "exec/gdbstub.h"
#include "monitor/hmp.h"
#include "monitor/monitor.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"

typedef struct Hmp {
	HmpPrinter *print;
	void *opaque;
} Hmp;

typedef struct HmpCommand {
	const char *name;   /* "stop|s": the name and its aliases */
	const char *params; /* the synopsis after the name in help */
	const char *help;
	void (*fn)(Hmp *h, const char *arg); /* arg: the rest of the line, trimmed */
	bool takes_arg;
} HmpCommand;

static void hmp_printf(Hmp *h, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void hmp_printf(Hmp *h, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	h->print(h->opaque, s);
	g_free(s);
}

/* ---- info ---- */

static void info_status(Hmp *h, const char *arg)
{
	RunState st = runstate_get();

	if (st == RUN_STATE_RUNNING)
		hmp_printf(h, "VM status: running\n");
	else if (st == RUN_STATE_PAUSED)
		hmp_printf(h, "VM status: paused\n");
	else
		hmp_printf(h, "VM status: paused (%s)\n", runstate_name(st));
}

/* QEMU prints the version and package with nothing between them. */
static void info_version(Hmp *h, const char *arg)
{
	hmp_printf(h, "%sQuicksilver %s\n", QEMU_VERSION, QS_VERSION);
}

static void info_name(Hmp *h, const char *arg)
{
	if (qemu_name)
		hmp_printf(h, "%s\n", qemu_name);
}

static void info_kvm(Hmp *h, const char *arg)
{
	hmp_printf(h, "kvm support: not compiled\n");
}

static void info_uuid(Hmp *h, const char *arg)
{
	g_autofree char *s = qemu_uuid_string();

	hmp_printf(h, "%s\n", s);
}

static const HmpCommand info_commands[] = {
	{ "kvm", "", "show KVM information", info_kvm },
	{ "name", "", "show the current VM name", info_name },
	{ "status", "", "show the current VM status (running|paused)", info_status },
	{ "uuid", "", "show the current VM UUID", info_uuid },
	{ "version", "", "show the version of QEMU", info_version },
	{ NULL },
};

/* ---- commands ---- */

static void hmp_help(Hmp *h, const char *arg);
static void hmp_info(Hmp *h, const char *arg);

static void hmp_stop(Hmp *h, const char *arg)
{
	vm_stop(RUN_STATE_PAUSED);
}

static void hmp_cont(Hmp *h, const char *arg)
{
	if (runstate_get() == RUN_STATE_SHUTDOWN)
		hmp_printf(h, "Error: Resetting the Virtual Machine is required\n");
	else
		vm_start();
}

static void hmp_quit(Hmp *h, const char *arg)
{
	qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static void hmp_system_reset(Hmp *h, const char *arg)
{
	qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
}

static void hmp_system_powerdown(Hmp *h, const char *arg)
{
	qmp_event_send("POWERDOWN", NULL);
}

static void hmp_gdbserver(Hmp *h, const char *arg)
{
	const char *device = *arg ? arg : "tcp::1234";
	Error *err = NULL;

	if (!gdbserver_start(device, &err)) {
		hmp_printf(h, "Could not open gdbserver on device '%s'\n", device);
		error_free(err);
	} else if (!strcmp(device, "none")) {
		hmp_printf(h, "Disabled gdbserver\n");
	} else {
		hmp_printf(h, "Waiting for gdb connection on device '%s'\n", device);
	}
}

static const HmpCommand hmp_commands[] = {
	{ "cont|c", "", "resume emulation", hmp_cont },
	{ "gdbserver", "[device]",
	  "start gdbserver on given device (default 'tcp::1234'), stop with 'none'", hmp_gdbserver,
	  true },
	{ "help|?", "[cmd]", "show the help", hmp_help, true },
	{ "info", "[subcommand]", "show various information about the system state", hmp_info,
	  true },
	{ "quit|q", "", "quit the emulator", hmp_quit },
	{ "stop|s", "", "stop emulation", hmp_stop },
	{ "system_powerdown", "", "send system power down event", hmp_system_powerdown },
	{ "system_reset", "", "reset the system", hmp_system_reset },
	{ NULL },
};

/* ---- lookup and help ---- */

static bool name_matches(const char *names, const char *word)
{
	g_auto(GStrv) alts = g_strsplit(names, "|", -1);

	for (int i = 0; alts[i]; i++)
		if (!strcmp(alts[i], word))
			return true;
	return false;
}

static const HmpCommand *find(const HmpCommand *table, const char *word)
{
	for (; table->name; table++)
		if (name_matches(table->name, word))
			return table;
	return NULL;
}

static void print_help_line(Hmp *h, const char *prefix, const HmpCommand *c)
{
	hmp_printf(h, "%s%s %s -- %s\n", prefix, c->name, c->params, c->help);
}

static void print_table(Hmp *h, const char *prefix, const HmpCommand *table)
{
	for (; table->name; table++)
		print_help_line(h, prefix, table);
}

static void hmp_help(Hmp *h, const char *arg)
{
	const HmpCommand *c;

	if (!*arg) {
		print_table(h, "", hmp_commands);
		return;
	}
	if (g_str_has_prefix(arg, "info") && (!arg[4] || arg[4] == ' ')) {
		const char *sub = g_strchug((char *)arg + 4);

		c = *sub ? find(info_commands, sub) : NULL;
		if (c)
			print_help_line(h, "info ", c);
		else if (!*sub)
			print_table(h, "info ", info_commands);
		else
			hmp_printf(h, "unknown command: 'info %s'\n", sub);
		return;
	}
	c = find(hmp_commands, arg);
	if (c)
		print_help_line(h, "", c);
	else
		hmp_printf(h, "unknown command: '%s'\n", arg);
}

/* Splits "word rest" off line; returns the rest, trimmed. */
static char *split_word(char *line, char **word)
{
	char *p = g_strchug(line);

	*word = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = 0;
	return g_strstrip(p);
}

static void run_in(Hmp *h, const HmpCommand *table, const char *prefix, char *line)
{
	char *word, *rest = split_word(line, &word);
	const HmpCommand *c;

	if (!*word)
		return;
	c = find(table, word);
	if (!c) {
		hmp_printf(h, "unknown command: '%s%s'\n", prefix, word);
		return;
	}
	if (*rest && !c->takes_arg) {
		hmp_printf(h, "%s: extraneous characters at the end of line\n", c->name);
		hmp_printf(h, "Try \"help %s%s\" for more information\n", prefix, word);
		return;
	}
	c->fn(h, rest);
}

static void hmp_info(Hmp *h, const char *arg)
{
	char *line = g_strdup(arg);

	if (!*arg)
		print_table(h, "info ", info_commands);
	else
		run_in(h, info_commands, "info ", line);
	g_free(line);
}

void hmp_run(const char *line, HmpPrinter *print, void *opaque)
{
	Hmp h = { print, opaque };
	char *copy = g_strdup(line);

	run_in(&h, hmp_commands, "", copy);
	g_free(copy);
}
