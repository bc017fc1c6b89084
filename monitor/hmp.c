// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The human monitor's commands, as a table: name (with its aliases, "stop|s"), the argument
 * synopsis and the help line QEMU prints, and the function. "info" has a table of its own.
 * Commands act through the same calls as their QMP twins.
 */
#include "qemu/osdep.h"
#include "net/net.h"
#include "qemu/option.h"
#include "exec/gdbstub.h"
#include "monitor/hmp.h"
#include "monitor/qmp.h"
#include "chardev/char.h"
#include "exec/address-spaces.h"
#include "hw/core/cpu.h"
#include "qemu/cutils.h"
#include "monitor/monitor.h"
#include "migration/snapshot.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"
#include "qemu/log.h"
#include "monitor/hmp-expr.h"
#include "block/qapi.h"

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

static void info_chardev(Hmp *h, const char *arg)
{
	Object *container = object_get_container("chardevs");

	for (guint i = 0; i < container->children->len; i++) {
		Chardev *chr = CHARDEV(g_ptr_array_index(container->children, i));
		g_autofree char *filename = qemu_chr_filename(chr);

		hmp_printf(h, "%s: filename=%s\n", chr->label, filename);
	}
}

/* QEMU's answer to arguments a command does not take. */
static void extraneous(Hmp *h, const char *name, const char *prefix, const char *typed)
{
	hmp_printf(h, "%s: extraneous characters at the end of line\n", name);
	hmp_printf(h, "Try \"help %s%s\" for more information\n", prefix, typed);
}

static gint by_name(gconstpointer a, gconstpointer b)
{
	return strcmp((*(Object *const *)a)->name, (*(Object *const *)b)->name);
}

/* One object and, indented below it, its children by name: "/name (type)", as QEMU prints. */
static void print_qom_tree(Hmp *h, Object *obj, int depth)
{
	g_autoptr(GPtrArray) sorted = g_ptr_array_new();

	hmp_printf(h, "%*s/%s (%s)\n", depth * 2, "", obj->parent ? obj->name : "",
		   object_get_typename(obj));
	for (guint i = 0; i < obj->children->len; i++)
		g_ptr_array_add(sorted, g_ptr_array_index(obj->children, i));
	g_ptr_array_sort(sorted, by_name);
	for (guint i = 0; i < sorted->len; i++)
		print_qom_tree(h, g_ptr_array_index(sorted, i), depth + 1);
}

static void info_qom_tree(Hmp *h, const char *arg)
{
	const char *path = arg && *arg ? arg : "/machine";
	Object *obj;

	if (strpbrk(path, " \t")) { /* one path at most */
		extraneous(h, "qom-tree", "info ", "qom-tree");
		return;
	}
	obj = object_resolve_path(path);
	if (!obj) {
		hmp_printf(h, "Path '%s' could not be resolved.\n", path);
		return;
	}
	print_qom_tree(h, obj, 0);
}

static void info_network(Hmp *h, const char *arg)
{
	g_autoptr(GString) out = g_string_new(NULL);

	net_info_network(out);
	hmp_printf(h, "%s", out->str);
}

static void info_cpus(Hmp *h, const char *arg)
{
	for (int i = 0; i < nb_cpus; i++)
		hmp_printf(h, "%c CPU #%d: thread_id=%d\n", i ? ' ' : '*', i, (int)getpid());
}

static void info_registers(Hmp *h, const char *arg)
{
	for (int i = 0; i < nb_cpus; i++) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);

		CPU_GET_CLASS(cpus[i])->dump_state(cpus[i], f);
		fclose(f);
		if (nb_cpus > 1)
			hmp_printf(h, "\nCPU#%d\n", i);
		hmp_printf(h, "%s", text);
		free(text);
	}
}

static void hmp_print_text(void *opaque, const char *text)
{
	hmp_printf(opaque, "%s", text);
}

static void info_snapshots(Hmp *h, const char *arg)
{
	snapshot_info(hmp_print_text, h);
}

static void info_block(Hmp *h, const char *arg)
{
	g_autoptr(GString) out = g_string_new(NULL);

	if (strpbrk(arg, " \t") && strncmp(arg, "-n", 2)) {
		extraneous(h, "block", "info ", "block");
		return;
	}
	hmp_info_block(out, arg);
	hmp_printf(h, "%s", out->str);
}

static const HmpCommand info_commands[] = {
	{ "block", "[-n] [device]", "show info of one block device or all block devices",
	  info_block, true },
	{ "chardev", "", "show the character devices", info_chardev },
	{ "cpus", "", "show infos for each CPU", info_cpus },
	{ "kvm", "", "show KVM information", info_kvm },
	{ "name", "", "show the current VM name", info_name },
	{ "network", "", "show the network state", info_network },
	{ "qom-tree", "[path]", "show QOM composition tree", info_qom_tree, true },
	{ "registers", "[-a|--all]",
	  "show the cpu registers (-a|--all: show register info for all cpus)", info_registers,
	  true },
	{ "snapshots", "", "show the currently saved VM snapshots", info_snapshots },
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

/* ---- memory ---- */

/* x and xp remember the last format and size, as QEMU's do. */
static char last_format = 'x';
static int last_size = 4;

static bool parse_number(const char *s, uint64_t *v)
{
	return *s && qemu_strtou64(s, v) == 0;
}

/* The name the running command was typed as ("p" or "print"), for QEMU's hints. */
static const char *typed_cmd = "";

/* QEMU's "Try "help CMD" for more information" after a message. */
static void try_help(Hmp *h, const char *cmd)
{
	hmp_printf(h, "Try \"help %s\" for more information\n", cmd);
}

/* A character as QEMU's monitor quotes it. */
static void print_char(Hmp *h, const char *before, int c)
{
	static const char *const esc[] = {
		['\''] = "\\'", ['\\'] = "\\\\", ['\n'] = "\\n", ['\r'] = "\\r"
	};

	if (c >= 0 && c < (int)ARRAY_SIZE(esc) && esc[c])
		hmp_printf(h, "%s'%s'", before, esc[c]);
	else if (c >= 32 && c <= 126)
		hmp_printf(h, "%s'%c'", before, c);
	else
		hmp_printf(h, "%s'\\x%02x'", before, c);
}

/*
 * "/[count][format][size]" at *p, formats from allowed; x, xp and print share the last format
 * and size, as QEMU's do. False (said) on a character outside them.
 */
static bool parse_format(Hmp *h, const char *cmd, const char **p, const char *allowed,
			 int64_t *count, char *format, int *size)
{
	const char *s = *p;

	*count = 1;
	*format = last_format;
	*size = last_size;
	if (*s == '/') {
		s++;
		if (g_ascii_isdigit(*s))
			*count = g_ascii_strtoll(s, (char **)&s, 10);
		for (; *s && *s != ' '; s++) {
			if (strchr(allowed, *s))
				*format = *s;
			else if (strchr("bhwg", *s))
				*size = *s == 'b' ? 1 : *s == 'h' ? 2 : *s == 'w' ? 4 : 8;
			else {
				hmp_printf(h, "invalid char in format: '%c'\n", *s);
				try_help(h, cmd);
				return false;
			}
		}
	}
	while (*s == ' ')
		s++;
	*p = s;
	last_format = *format;
	last_size = *size;
	return true;
}

/* An expression to its end, nothing after it; false (said) otherwise. */
static bool parse_expr(Hmp *h, const char *cmd, const char *name, const char *p, uint64_t *v)
{
	const char *err = hmp_eval_expr(&p, v);

	while (*p == ' ')
		p++;
	if (err) {
		hmp_printf(h, "%s\n", err);
		try_help(h, cmd);
	} else if (*p) {
		extraneous(h, name, "", cmd);
	}
	return !err && !*p;
}

/* "/[count][format][size] ADDR": QEMU's syntax; false on anything else. */
static bool parse_dump_args(Hmp *h, const char *cmd, const char *arg, int64_t *count, char *format,
			    int *size, uint64_t *addr)
{
	const char *p = arg;

	if (!parse_format(h, cmd, &p, "xduoc", count, format, size))
		return false;
	if (!parse_expr(h, cmd, cmd, p, addr))
		return false;
	if (*count < 0 || *count > (1 << 20)) {
		hmp_printf(h, "invalid address or count\n");
		return false;
	}
	return true;
}

static void print_item(Hmp *h, char format, int size, uint64_t v)
{
	int bits = size * 8;

	switch (format) {
	case 'o':
		hmp_printf(h, " %#*" PRIo64, (bits + 2) / 3, v);
		break;
	case 'x':
		hmp_printf(h, " 0x%0*" PRIx64, bits / 4, v);
		break;
	case 'u':
		hmp_printf(h, " %*" PRIu64, (bits * 10 + 32) / 33, v);
		break;
	case 'd':
		if (bits < 64 && (v >> (bits - 1)) & 1)
			v |= ~0ULL << bits; /* sign-extend */
		hmp_printf(h, " %*" PRId64, (bits * 10 + 32) / 33, (int64_t)v);
		break;
	case 'c':
		print_char(h, " ", (int)v);
		break;
	}
}

static void memory_dump(Hmp *h, const char *arg, bool physical)
{
	int64_t count;
	char format;
	int size;
	uint64_t addr, len;

	if (!parse_dump_args(h, physical ? "xp" : "x", arg, &count, &format, &size, &addr))
		return;
	if (!physical && !nb_cpus) {
		hmp_printf(h, "No CPU available\n");
		return;
	}
	len = count * size;
	while (len) {
		uint8_t buf[16];
		uint64_t line = MIN(len, size == 1 ? 8 : 16);
		bool ok = physical ? address_space_read(get_address_space_memory(), addr, buf,
							line) == MEMTX_OK
				   : cpu_memory_rw_debug(cpus[0], cpu_debug_mmu_idx(cpus[0]), addr,
							 buf, line, false);

		hmp_printf(h, "%016" PRIx64 ":", addr);
		if (!ok) {
			hmp_printf(h, " Cannot access memory\n");
			return;
		}
		/* as QEMU: 'c' counts in the size given but shows each byte */
		for (uint64_t i = 0, step = format == 'c' ? 1 : size; i < line; i += step) {
			uint64_t v = 0;

			for (int b = step - 1; b >= 0; b--)
				v = v << 8 | buf[i + b];
			print_item(h, format, step, v);
		}
		hmp_printf(h, "\n");
		addr += line;
		len -= line;
	}
}

/* print|p [/fmt] expr: in the last format x, xp and print used (hex at first), as QEMU's. */
static void hmp_print(Hmp *h, const char *arg)
{
	const char *p = arg;
	int64_t count;
	char format;
	int size;
	uint64_t v;

	if (!parse_format(h, typed_cmd, &p, "xduoci", &count, &format, &size) ||
	    !parse_expr(h, typed_cmd, "print|p", p, &v))
		return;
	switch (format) {
	case 'o':
		hmp_printf(h, "%#" PRIo64 "\n", v);
		break;
	case 'x':
		hmp_printf(h, "%#" PRIx64 "\n", v);
		break;
	case 'u':
		hmp_printf(h, "%" PRIu64 "\n", v);
		break;
	case 'c':
		print_char(h, "", (int)v);
		hmp_printf(h, "\n");
		break;
	default: /* d, and i (which means nothing more for a number) */
		hmp_printf(h, "%" PRId64 "\n", (int64_t)v);
	}
}

static void hmp_x(Hmp *h, const char *arg)
{
	memory_dump(h, arg, false);
}

static void hmp_xp(Hmp *h, const char *arg)
{
	memory_dump(h, arg, true);
}

/* memsave ADDR SIZE FILE and pmemsave ADDR SIZE FILE */
static void save_memory(Hmp *h, const char *arg, bool physical)
{
	g_auto(GStrv) words = g_strsplit_set(arg, " \t", -1);
	GPtrArray *w = g_ptr_array_new();
	uint64_t addr, size;
	Error *err = NULL;

	for (int i = 0; words[i]; i++)
		if (*words[i])
			g_ptr_array_add(w, words[i]);
	if (w->len != 3 || !parse_number(g_ptr_array_index(w, 0), &addr) ||
	    !parse_number(g_ptr_array_index(w, 1), &size)) {
		hmp_printf(h, "%s: usage: %s addr size file\n", physical ? "pmemsave" : "memsave",
			   physical ? "pmemsave" : "memsave");
	} else if (!qmp_save_memory(g_ptr_array_index(w, 2), addr, size,
				    physical || !nb_cpus ? NULL : cpus[0], &err)) {
		hmp_printf(h, "Error: %s\n", error_get_pretty(err));
		error_free(err);
	}
	g_ptr_array_free(w, TRUE);
}

static void hmp_memsave(Hmp *h, const char *arg)
{
	save_memory(h, arg, false);
}

static void hmp_pmemsave(Hmp *h, const char *arg)
{
	save_memory(h, arg, true);
}

/* ---- network ---- */

/* set_link NAME on|off, with QEMU's complaints about the arguments. */
static void hmp_set_link(Hmp *h, const char *arg)
{
	g_auto(GStrv) words = g_strsplit_set(arg, " \t", -1);
	const char *w[3] = { NULL, NULL, NULL };
	Error *err = NULL;
	int n = 0;

	for (char **p = words; *p; p++)
		if (**p && n < 3)
			w[n++] = *p;
	if (!w[0]) {
		hmp_printf(h, "set_link: string expected\n");
		hmp_printf(h, "Try \"help set_link\" for more information\n");
	} else if (!w[1] || (strcmp(w[1], "on") && strcmp(w[1], "off"))) {
		hmp_printf(h, "Expected 'on' or 'off'\n");
		hmp_printf(h, "Try \"help set_link\" for more information\n");
	} else if (w[2]) {
		extraneous(h, "set_link", "", "set_link");
	} else if (!qemu_set_link(w[0], !strcmp(w[1], "on"), &err)) {
		hmp_printf(h, "Error: %s\n", error_get_pretty(err));
		error_free(err);
	}
}

/* netdev_add TYPE,id=ID,...: QEMU checks the id first, and its duplicate goes to stderr. */
static void hmp_netdev_add(Hmp *h, const char *arg)
{
	g_autoptr(GString) out = g_string_new(NULL);
	Error *err = NULL;
	QemuOpts *opts = qemu_opts_parse(arg, "type", &err);
	const char *type = opts ? qemu_opt_get(opts, "type") : NULL;
	const char *id = opts ? qemu_opt_get(opts, "id") : NULL;

	if (opts && (is_help_option(type) || (opts->help && !type))) {
		net_print_backends(out);
		hmp_printf(h, "%s", out->str);
	} else if (opts && !id) {
		hmp_printf(h, "Error: Parameter 'id' is missing\n");
	} else if (opts && qemu_find_netdev(id)) {
		error_report("Duplicate ID '%s' for netdev", id);
		hmp_printf(h, "Try \"help netdev_add\" for more information\n");
	} else if (!opts || !qemu_netdev_add(opts, false, &err)) {
		hmp_printf(h, "Error: %s\n", error_get_pretty(err));
		error_free(err);
	}
	qemu_opts_free(opts);
}

static void hmp_netdev_del(Hmp *h, const char *arg)
{
	g_auto(GStrv) words = g_strsplit_set(arg, " \t", -1);
	const char *id = NULL;
	Error *err = NULL;

	for (char **p = words; *p && !id; p++)
		if (**p)
			id = *p;
	if (!id) {
		hmp_printf(h, "netdev_del: string expected\n");
		hmp_printf(h, "Try \"help netdev_del\" for more information\n");
	} else if (!qemu_netdev_del(id, &err)) {
		hmp_printf(h, "Error: %s\n", error_get_pretty(err));
		error_free(err);
	}
}

/* ---- snapshots ---- */

/* The one word a command takes; NULL after QEMU's complaint when there is none. */
static const char *one_word(Hmp *h, const char *cmd, const char *arg)
{
	if (*arg)
		return arg;
	hmp_printf(h, "%s: string expected\n", cmd);
	hmp_printf(h, "Try \"help %s\" for more information\n", cmd);
	return NULL;
}

static void report(Hmp *h, bool ok, Error *err)
{
	if (!ok && err) {
		hmp_printf(h, "Error: %s\n", error_get_pretty(err));
		error_free(err);
	}
}

/* block_resize device size: a bare size counts in MiB, as QEMU's monitor reads it. */
static void hmp_block_resize(Hmp *h, const char *arg)
{
	g_auto(GStrv) words = g_strsplit_set(arg, " \t", -1);
	const char *w[3] = { NULL, NULL, NULL };
	Error *err = NULL;
	uint64_t size;
	int n = 0;

	for (char **p = words; *p; p++)
		if (**p && n < 3)
			w[n++] = *p;
	if (!w[0]) {
		hmp_printf(h, "block_resize: block device name expected\n");
		hmp_printf(h, "Try \"help block_resize\" for more information\n");
	} else if (!w[1] || qemu_strtosz(w[1], 1 << 20, &size) < 0 || size > INT64_MAX) {
		hmp_printf(h, "invalid size\n");
		hmp_printf(h, "Try \"help block_resize\" for more information\n");
	} else if (w[2]) {
		extraneous(h, "block_resize", "", "block_resize");
	} else {
		bool ok = block_resize(w[0], NULL, size, &err);
		report(h, ok, err);
	}
}

/* eject [-f] device (-f unlocks a tray a guest locked: we have none to lock) */
static void hmp_eject(Hmp *h, const char *arg)
{
	const char *dev = g_str_has_prefix(arg, "-f") && (!arg[2] || arg[2] == ' ') ? arg + 2 : arg;
	Error *err = NULL;
	bool ok;

	while (*dev == ' ')
		dev++;
	if (!*dev) {
		hmp_printf(h, "eject: block device name expected\n");
		hmp_printf(h, "Try \"help eject\" for more information\n");
		return;
	}
	if (strpbrk(dev, " \t")) {
		extraneous(h, "eject", "", "eject");
		return;
	}
	ok = block_eject(dev, NULL, &err);
	report(h, ok, err);
}

static void log_usage(Hmp *h)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	const char *rest;

	qemu_print_log_usage(f);
	fclose(f);
	/* the monitor's list has "none" first, as QEMU's */
	rest = strchr(text, '\n') ? strchr(text, '\n') + 1 : "";
	hmp_printf(h, "%.*s%-15s %s\n%s", (int)(rest - text), text, "none", "remove all logs",
		   rest);
	free(text);
}

/* log ITEMS|none: the -d items from now on (translation-time ones show in new blocks only). */
static void hmp_log(Hmp *h, const char *arg)
{
	int mask = strcmp(arg, "none") ? qemu_str_to_log_mask(arg) : 0;

	if (!*arg) {
		hmp_printf(h, "log: string expected\n");
		hmp_printf(h, "Try \"help log\" for more information\n");
	} else if (mask < 0 || is_help_option(arg)) {
		log_usage(h);
	} else {
		qemu_loglevel = mask;
	}
}

static void hmp_logfile(Hmp *h, const char *arg)
{
	Error *err = NULL;
	bool ok;

	if (!*arg) {
		hmp_printf(h, "logfile: filename expected\n");
		hmp_printf(h, "Try \"help logfile\" for more information\n");
		return;
	}
	ok = qemu_set_log_filename(arg, &err);
	report(h, ok, err);
}

static void hmp_savevm(Hmp *h, const char *arg)
{
	Error *err = NULL;
	bool ok = save_snapshot(*arg ? arg : NULL, &err);

	report(h, ok, err);
}

static void hmp_loadvm(Hmp *h, const char *arg)
{
	const char *name = one_word(h, "loadvm", arg);
	Error *err = NULL;

	if (name) {
		bool ok = load_snapshot(name, &err);
		report(h, ok, err);
	}
}

static void hmp_delvm(Hmp *h, const char *arg)
{
	const char *name = one_word(h, "delvm", arg);
	Error *err = NULL;

	if (name) {
		bool ok = delete_snapshot(name, &err);
		report(h, ok, err);
	}
}

static const HmpCommand hmp_commands[] = {
	{ "block_resize", "device size", "resize a block image", hmp_block_resize, true },
	{ "cont|c", "", "resume emulation", hmp_cont },
	{ "delvm", "tag", "delete a VM snapshot from its tag", hmp_delvm, true },
	{ "eject", "[-f] device", "eject a removable medium (use -f to force it)", hmp_eject,
	  true },
	{ "gdbserver", "[device]",
	  "start gdbserver on given device (default 'tcp::1234'), stop with 'none'", hmp_gdbserver,
	  true },
	{ "help|?", "[cmd]", "show the help", hmp_help, true },
	{ "info", "[subcommand]", "show various information about the system state", hmp_info,
	  true },
	{ "loadvm", "tag", "restore a VM snapshot from its tag", hmp_loadvm, true },
	{ "log", "item1[,...]", "activate logging of the specified items", hmp_log, true },
	{ "logfile", "filename", "output logs to 'filename'", hmp_logfile, true },
	{ "memsave", "addr size file",
	  "save to disk virtual memory dump starting at 'addr' of size 'size'", hmp_memsave, true },
	{ "netdev_add",
	  "[user|tap|socket|stream|dgram|vde|bridge|hubport|netmap|vhost-user],id=str[,prop=value]["
	  ",...]",
	  "add host network device", hmp_netdev_add, true },
	{ "netdev_del", "id", "remove host network device", hmp_netdev_del, true },
	{ "pmemsave", "addr size file",
	  "save to disk physical memory dump starting at 'addr' of size 'size'", hmp_pmemsave,
	  true },
	{ "print|p", "/fmt expr", "print expression value (use $reg for CPU register access)",
	  hmp_print, true },
	{ "quit|q", "", "quit the emulator", hmp_quit },
	{ "savevm", "[tag]", "save a VM snapshot. If no tag is provided, a new snapshot is created",
	  hmp_savevm, true },
	{ "set_link", "name on|off", "change the link status of a network adapter", hmp_set_link,
	  true },
	{ "stop|s", "", "stop emulation", hmp_stop },
	{ "system_powerdown", "", "send system power down event", hmp_system_powerdown },
	{ "system_reset", "", "reset the system", hmp_system_reset },
	{ "x", "/fmt addr", "virtual memory dump starting at 'addr'", hmp_x, true },
	{ "xp", "/fmt addr", "physical memory dump starting at 'addr'", hmp_xp, true },
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
	if (c && !strcmp(arg, "log"))
		log_usage(h); /* as QEMU: the items rather than the synopsis */
	else if (c)
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
		extraneous(h, c->name, prefix, word);
		return;
	}
	typed_cmd = word;
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
