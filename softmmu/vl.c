// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The command line and the life of the process: every option QEMU users type is looked up in
 * one table, parsed as it comes (help requests answered at once), then the machine is built in
 * QEMU's order (chardevs, serial ports, machine, -device list) and the main loop runs until a
 * shutdown request. Options whose backends Quicksilver does not have yet are refused by name.
 */
#include "qemu/osdep.h"
#include <sys/prctl.h>
#include "qemu/cutils.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/option.h"
#include "chardev/char.h"
#include "net/net.h"
#include "net/hub.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "sysemu/cpus.h"
#include "accel/tcg/tb.h"
#include "hw/qdev-core.h"
#include "qom/object_interfaces.h"
#include "hw/qdev-global.h"
#include "sysemu/os-posix.h"
#include "sysemu/rtc.h"
#include "sysemu/cpu-timers.h"
#include "semihosting/semihost.h"
#include "exec/gdbstub.h"
#include "monitor/monitor.h"
#include "sysemu/runstate.h"
#include "migration/snapshot.h"
#include "sysemu/block-backend.h"
#include "sysemu/sysemu.h"

bool autostart = true;
bool no_reboot;
bool no_shutdown;

static GPtrArray *machine_opts; /* QemuOpts * of every -machine, merged in order */
static GPtrArray *netdev_args;	/* -netdev arguments */
static GPtrArray *nic_args;	/* -nic arguments */
static GPtrArray *net_args;	/* -net arguments but none */
static GPtrArray *device_opts;	/* (char *) -device arguments */
static GPtrArray *chardev_args; /* (char *) -chardev arguments */
static GPtrArray *serial_args;	/* (char *) -serial arguments */
static GPtrArray
    *monitor_args;	      /* -monitor ("h" + dev), -qmp ("c"), -qmp-pretty ("p"), -mon ("m") */
static GPtrArray *drive_args; /* -drive ("d" + arg) and -blockdev ("b" + arg), in order */
static GPtrArray *firmware_dirs; /* -L directories then defaults, NULL-terminated */
static GPtrArray *object_args;	 /* (char *) -object arguments, each checked as it was read */
static GPtrArray *objects;	 /* Object * parsed from them, in the same order */
static const char *cpu_model;
static const char *ram_arg;
static const char *smp_arg;
static bool nographic;
static bool display_none;
static bool no_defaults;     /* -nodefaults: no default serial port (nor, later, monitor) */
static bool daemonize;	     /* -daemonize */
static const char *pidfile;  /* -pidfile */
static QemuOpts *msg_opts;   /* -msg, applied once the command line is read */
static const char *rtc_arg;  /* -rtc, ... checked then */
static const char *boot_arg; /* -boot, ... checked then */
static bool vga_warning;     /* -vga other than none, which virt has no use for */
static Chardev *serial_chardevs[MAX_SERIAL_PORTS];

Chardev *serial_hd(int i)
{
	return (i >= 0 && i < MAX_SERIAL_PORTS) ? serial_chardevs[i] : NULL;
}

const char *const *qemu_firmware_dirs(void)
{
	return (const char *const *)firmware_dirs->pdata;
}

static QEMU_NORETURN void fatal(Error *err)
{
	error_report_err(err);
	exit(1);
}

static QemuOpts *parse_or_die(const char *arg, const char *implied)
{
	Error *err = NULL;
	QemuOpts *opts = qemu_opts_parse_noisily(arg, implied, &err);
	if (!opts)
		fatal(err);
	return opts;
}

static void add_machine_opt(const char *key, const char *value)
{
	QemuOpts *opts = parse_or_die("", NULL);
	QemuOpt *o = g_new0(QemuOpt, 1);
	o->name = g_strdup(key);
	o->str = g_strdup(value);
	g_ptr_array_add(opts->opts, o);
	g_ptr_array_add(machine_opts, opts);
}

/* Option handlers: each runs while the error location names its option. */

static void opt_machine(const char *arg)
{
	g_ptr_array_add(machine_opts, parse_or_die(arg, "type"));
}

static void opt_kernel(const char *arg)
{
	add_machine_opt("kernel", arg);
}
static void opt_initrd(const char *arg)
{
	add_machine_opt("initrd", arg);
}
static void opt_append(const char *arg)
{
	add_machine_opt("append", arg);
}
static void opt_dtb(const char *arg)
{
	add_machine_opt("dtb", arg);
}
static void opt_bios(const char *arg)
{
	add_machine_opt("firmware", arg);
}
static void opt_cpu(const char *arg)
{
	cpu_model = arg;
}
static void opt_memory(const char *arg)
{
	ram_arg = arg;
}
static void opt_smp(const char *arg)
{
	smp_arg = arg;
}
static void opt_S(const char *arg)
{
	autostart = false;
}
static const char *loadvm_arg;
static void opt_loadvm(const char *arg)
{
	loadvm_arg = arg;
}
static void opt_no_reboot(const char *arg)
{
	no_reboot = true;
}
static void opt_perfmap(const char *arg)
{
	Error *err = NULL;

	if (!tcg_perfmap_open(&err)) {
		error_report_err(err);
		exit(1);
	}
}

static void opt_no_shutdown(const char *arg)
{
	no_shutdown = true;
}
static void opt_nographic(const char *arg)
{
	nographic = true;
}
static void opt_L(const char *arg)
{
	g_ptr_array_add(firmware_dirs, g_strdup(arg));
}

/*
 * -accel tcg[,backend=native|interp][,thread=single][,tb-size=N]: the only accelerator; the
 * rest are refused as QEMU does.
 */
static void opt_accel(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, "accel");
	const char *accel = qemu_opt_get(opts, "accel");
	Error *err = NULL;

	if (opts->help || is_help_option(accel)) {
		printf("Accelerators supported in QEMU binary:\ntcg\n");
		exit(0);
	}
	if (!accel || strcmp(accel, "tcg")) {
		error_report("invalid accelerator %s", accel ? accel : "");
		exit(1);
	}
	/* One host thread runs every hart: "single" is what we are; "multi" is refused. */
	if (qemu_opt_has(opts, "thread") && !strcmp(qemu_opt_get(opts, "thread"), "multi") &&
	    icount_enabled()) {
		error_report("No MTTCG when icount is enabled");
		exit(1);
	}
	if (qemu_opt_has(opts, "thread") && strcmp(qemu_opt_get(opts, "thread"), "single")) {
		error_report("Parameter 'thread' does not accept value '%s'",
			     qemu_opt_get(opts, "thread"));
		exit(1);
	}
	qemu_opt_get_size(opts, "tb-size", 0, &err);
	if (!err && qemu_opt_has(opts, "backend"))
		tcg_set_backend(qemu_opt_get(opts, "backend"), &err);
	for (guint i = 0; !err && i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);
		if (!o->used)
			error_setg(&err, "Property 'tcg-accel.%s' not found", o->name);
	}
	if (err)
		fatal(err);
	qemu_opts_free(opts);
}

/*
 * Option strings made from other options (-hda as -drive, or changed by -set), by their text:
 * errors name the option as the user typed it.
 */
typedef struct TypedArg {
	const char *opt; /* NULL: the same option as the made one */
	const char *text;
} TypedArg;
static GHashTable *typed_args;

static void remember_typed(const char *made, const char *opt, const char *text)
{
	TypedArg *t = g_new(TypedArg, 1);

	t->opt = opt;
	t->text = text;
	if (!typed_args)
		typed_args = g_hash_table_new(NULL, NULL);
	g_hash_table_insert(typed_args, (gpointer)made, t);
}

static const char *as_typed(const char *arg)
{
	TypedArg *t = typed_args ? g_hash_table_lookup(typed_args, arg) : NULL;
	return t ? t->text : arg;
}

/* The text of a made option as typed (NULL for a bare image), for error locations. */
static const char *typed_text(const char *arg)
{
	TypedArg *t = typed_args ? g_hash_table_lookup(typed_args, arg) : NULL;
	return t ? t->text : arg;
}

/* The option a (maybe made) argument came from, for error locations. */
static const char *typed_opt(const char *arg, const char *made_as)
{
	TypedArg *t = typed_args ? g_hash_table_lookup(typed_args, arg) : NULL;
	return t && t->opt ? t->opt : made_as;
}

static void opt_drive(const char *arg)
{
	g_ptr_array_add(drive_args, g_strconcat("d", arg, NULL));
}

/*
 * -hda..-hdd, -cdrom, -sd, -mtdblock and a bare image: -drive with QEMU's defaults. Errors
 * name opt and text (a bare image: just itself, text NULL).
 */
static void add_drive_as(const char *opt, const char *text, const char *arg, const char *fmt,
			 int index)
{
	GString *file = g_string_new(NULL);
	char *made;

	for (const char *p = arg; *p; p++) {
		if (*p == ',')
			g_string_append_c(file, ',');
		g_string_append_c(file, *p);
	}
	made = g_strdup_printf(fmt, index, file->str);
	g_string_free(file, TRUE);
	remember_typed(made, opt, text);
	g_ptr_array_add(drive_args, made);
}

static void add_drive_shorthand(const char *opt, const char *arg, const char *fmt, int index)
{
	add_drive_as(opt, arg, arg, fmt, index);
}

static void opt_hda(const char *arg)
{
	add_drive_shorthand("-hda", arg, "dindex=%d,media=disk,file=%s", 0);
}
static void opt_hdb(const char *arg)
{
	add_drive_shorthand("-hdb", arg, "dindex=%d,media=disk,file=%s", 1);
}
static void opt_hdc(const char *arg)
{
	add_drive_shorthand("-hdc", arg, "dindex=%d,media=disk,file=%s", 2);
}
static void opt_hdd(const char *arg)
{
	add_drive_shorthand("-hdd", arg, "dindex=%d,media=disk,file=%s", 3);
}
static void opt_cdrom(const char *arg)
{
	add_drive_shorthand("-cdrom", arg, "dindex=%d,media=cdrom,file=%s", 2);
}
static void opt_sd(const char *arg)
{
	add_drive_shorthand("-sd", arg, "dif=sd,index=%d,file=%s", 0);
}
static void opt_mtdblock(const char *arg)
{
	add_drive_shorthand("-mtdblock", arg, "dif=mtd,index=%d,file=%s", 0);
}

static void opt_blockdev(const char *arg)
{
	g_ptr_array_add(drive_args, g_strconcat("b", arg, NULL));
}

static void opt_device(const char *arg)
{
	g_ptr_array_add(device_opts, (gpointer)arg);
}

/* -object: checked now (help answered, errors name the option); created before the machine. */
static void opt_object(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, "qom-type");
	Error *err = NULL;
	Object *obj;

	if (user_creatable_help(opts, stdout))
		exit(0);
	obj = user_creatable_parse(opts, &err);
	if (!obj)
		fatal(err);
	g_ptr_array_add(object_args, (gpointer)arg);
	g_ptr_array_add(objects, obj);
	qemu_opts_free(opts);
}

static void opt_global(const char *arg)
{
	Error *err = NULL;

	if (!qdev_global_option(arg, &err))
		fatal(err);
}

/* The options -set can change: those kept as strings until the machine is built. */
static GPtrArray *set_group(const char *group, char *prefix)
{
	*prefix = 0;
	if (!strcmp(group, "device"))
		return device_opts;
	if (!strcmp(group, "chardev"))
		return chardev_args;
	if (!strcmp(group, "drive")) {
		*prefix = 'd'; /* drive_args also holds -blockdev, which -set does not reach */
		return drive_args;
	}
	return NULL;
}

static const char *set_group_implied_key(const char *group)
{
	return !strcmp(group, "device") ? "driver" : !strcmp(group, "chardev") ? "backend" : NULL;
}

/* -set GROUP.ID.ARG=VALUE: adds ARG=VALUE to the option of that group with id=ID, given earlier. */
static void opt_set(const char *arg)
{
	char group[64], id[64], key[64];
	int end = 0;
	GPtrArray *list;
	char prefix;

	if (sscanf(arg, "%63[^.=].%63[^.=].%63[^=]%n", group, id, key, &end) < 3 ||
	    arg[end] != '=') {
		error_report("can't parse: \"%s\"", arg);
		exit(1);
	}
	list = set_group(group, &prefix);
	if (!list) {
		error_report("There is no option group '%s'", group);
		exit(1);
	}
	for (guint i = 0; i < list->len; i++) {
		const char *a = g_ptr_array_index(list, i);
		const char *text = prefix ? a + 1 : a;
		QemuOpts *opts;
		const char *this_id;
		GString *s;

		if (prefix && a[0] != prefix)
			continue;
		opts = qemu_opts_parse(text, set_group_implied_key(group), NULL);
		this_id = opts ? qemu_opt_get(opts, "id") : NULL;
		if (!this_id || strcmp(this_id, id)) {
			qemu_opts_free(opts);
			continue;
		}
		qemu_opts_free(opts);
		/* A later key=value wins: append it, its commas escaped. */
		s = g_string_new(a);
		g_string_append_printf(s, ",%s=", key);
		for (const char *v = arg + end + 1; *v; v++) {
			if (*v == ',')
				g_string_append_c(s, ',');
			g_string_append_c(s, *v);
		}
		remember_typed(s->str, typed_opt(a, NULL), as_typed(a));
		g_ptr_array_index(list, i) = g_string_free(s, FALSE);
		return;
	}
	error_report("there is no %s \"%s\" defined", group, id);
	exit(1);
}

/* -netdev: help answered now; created after -object, before the machine. */
static void opt_netdev(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, "type");

	if ((opts->help && !qemu_opt_get(opts, "type")) ||
	    is_help_option(qemu_opt_get(opts, "type"))) {
		net_netdev_new(opts, &error_abort);
		exit(0);
	}
	qemu_opts_free(opts);
	g_ptr_array_add(netdev_args, (gpointer)arg);
}

/* -nic TYPE[,model=M][,mac=A][,backend options]: a backend and the board's NIC on it. */
static void opt_nic(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, "type");

	qemu_opts_free(opts);
	g_ptr_array_add(nic_args, (gpointer)arg);
}

static void opt_chardev(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, "backend");
	const char *backend = qemu_opt_get(opts, "backend");

	/* help, or NAME,help: answered now, as QEMU does */
	if (opts->help || is_help_option(backend)) {
		if (backend && !is_help_option(backend))
			qemu_chr_print_options(stdout);
		else
			qemu_chr_print_help(stdout);
		exit(0);
	}
	qemu_opts_free(opts);
	g_ptr_array_add(chardev_args, (gpointer)arg);
}

static void opt_serial(const char *arg)
{
	if (serial_args->len >= MAX_SERIAL_PORTS) {
		error_report("too many serial ports");
		exit(1);
	}
	g_ptr_array_add(serial_args, (gpointer)arg);
}

static void opt_display(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, "type");
	const char *type = qemu_opt_get(opts, "type");
	Error *err = NULL;

	if (opts->help || is_help_option(type)) {
		printf("Available display backend types:\nnone\n");
		exit(0);
	}
	if (!type || strcmp(type, "none")) {
		error_report("Parameter 'type' does not accept value '%s'", type ? type : "");
		exit(1);
	}
	if (!qemu_opts_check_unused(opts, &err))
		fatal(err);
	display_none = true;
	qemu_opts_free(opts);
}

static void opt_semihosting(const char *arg)
{
	semihosting_enable();
}

static void opt_semihosting_config(const char *arg)
{
	Error *err = NULL;

	if (!semihosting_option(arg, &err))
		fatal(err);
}

static void opt_icount(const char *arg)
{
	Error *err = NULL;

	if (!icount_configure(arg, &err))
		fatal(err);
}

static void opt_d(const char *arg)
{
	int mask = qemu_str_to_log_mask(arg);
	if (is_help_option(arg) || mask < 0) {
		qemu_print_log_usage(stdout);
		exit(mask < 0 && !is_help_option(arg) ? 1 : 0);
	}
	qemu_loglevel = mask;
}

static void opt_D(const char *arg)
{
	Error *err = NULL;
	if (!qemu_set_log_filename(arg, &err))
		fatal(err);
}

static void opt_name(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, "guest");
	Error *err = NULL;

	qemu_name = g_strdup(qemu_opt_get(opts, "guest"));
	/* process=NAME names the host thread, as QEMU does, for ps and top. */
	if (qemu_opt_get(opts, "process"))
		prctl(PR_SET_NAME, qemu_opt_get(opts, "process"));
	qemu_opt_get_bool(opts, "debug-threads", false, &err);
	if (err || !qemu_opts_check_unused(opts, &err))
		fatal(err);
	qemu_opts_free(opts);
}

static void opt_snapshot(const char *arg)
{
	drive_snapshot_default = true;
}

static void opt_nodefaults(const char *arg)
{
	no_defaults = true;
}

/* Quicksilver reads no configuration files: there is nothing to leave out. */
static void opt_no_user_config(const char *arg)
{
}

/* virt has no VGA; QEMU warns about any other choice and goes on. */
static void opt_vga(const char *arg)
{
	vga_warning = strcmp(arg, "none") != 0;
}

/* -rtc: the keys are checked as the option is read, the values after the command line. */
static void opt_rtc(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, NULL);
	Error *err = NULL;

	qemu_opt_get(opts, "base");
	qemu_opt_get(opts, "clock");
	qemu_opt_get(opts, "driftfix");
	if (!qemu_opts_check_unused(opts, &err))
		fatal(err);
	qemu_opts_free(opts);
	rtc_arg = arg;
}

static int hex_digit(char c)
{
	return g_ascii_xdigit_value(c);
}

/* -uuid: 8-4-4-4-12 hex digits; the machine's identity (SMBIOS and fw_cfg read it). */
static void opt_uuid(const char *arg)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	const char *p = arg;
	int n = 0;

	for (size_t g = 0; g < ARRAY_SIZE(groups); g++) {
		for (int i = 0; i < groups[g]; i += 2, p += 2) {
			if (hex_digit(p[0]) < 0 || hex_digit(p[1]) < 0)
				goto bad;
			qemu_uuid[n++] = hex_digit(p[0]) << 4 | hex_digit(p[1]);
		}
		if (*p != (g + 1 < ARRAY_SIZE(groups) ? '-' : 0))
			goto bad;
		p += *p == '-';
	}
	return;
bad:
	error_report("failed to parse UUID string: wrong format");
	exit(1);
}

/* -boot: virt's firmware reads no boot order, but the option is checked as QEMU checks it. */
static bool check_boot_devices(const char *devices, Error **errp)
{
	unsigned seen = 0;

	for (const char *p = devices; *p; p++) {
		if (*p < 'a' || *p > 'p') {
			error_setg(errp, "Invalid boot device '%c'", *p);
			return false;
		}
		if (seen & (1u << (*p - 'a'))) {
			error_setg(errp, "Boot device '%c' was given twice", *p);
			return false;
		}
		seen |= 1u << (*p - 'a');
	}
	return true;
}

static void opt_boot(const char *arg)
{
	boot_arg = arg;
}

/* -boot is a machine property in QEMU 7.2: checked after the command line, its texts unprefixed. */
static void apply_boot(void)
{
	QemuOpts *opts;
	Error *err = NULL;

	if (!boot_arg)
		return;
	opts = qemu_opts_parse(boot_arg, "order", &error_fatal);
	for (guint i = 0; !err && i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);
		int64_t n;
		bool b;

		if (!strcmp(o->name, "menu") || !strcmp(o->name, "strict")) {
			if (!parse_option_bool(o->name, o->str, &b, NULL))
				error_setg(&err, "Parameter 'boot.%s' expects 'on' or 'off'",
					   o->name);
			else if (!strcmp(o->name, "menu"))
				boot_menu = b;
		} else if (!strcmp(o->name, "splash-time") || !strcmp(o->name, "reboot-timeout")) {
			if (qemu_strtoi64(o->str, &n) < 0)
				error_setg(&err, "Parameter 'boot.%s' expects integer", o->name);
			else if (!strcmp(o->name, "reboot-timeout") && (n < -1 || n > 65535))
				error_setg(&err,
					   "reboot timeout is invalid,it should be a value between "
					   "-1 and 65535");
			else if (!strcmp(o->name, "reboot-timeout"))
				boot_reboot_timeout = n;
			else
				boot_splash_time = n;
		} else if (!strcmp(o->name, "order") || !strcmp(o->name, "once")) {
			check_boot_devices(o->str, &err);
		} else if (!strcmp(o->name, "splash")) {
			/* QEMU reports a missing splash picture and boots all the same */
			if (!g_file_test(o->str, G_FILE_TEST_EXISTS))
				error_report("failed to find file '%s'", o->str);
		} else {
			error_setg(&err, "Parameter 'boot.%s' is unexpected", o->name);
		}
	}
	qemu_opts_free(opts);
	if (err)
		fatal(err);
}

static void opt_msg(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, NULL);
	Error *err = NULL;

	qemu_opt_get_bool(opts, "timestamp", false, &err);
	if (!err)
		qemu_opt_get_bool(opts, "guest-name", false, &err);
	if (err || !qemu_opts_check_unused(opts, &err))
		fatal(err);
	qemu_opts_free(msg_opts);
	msg_opts = opts;
}

static void apply_msg(void)
{
	if (!msg_opts)
		return;
	error_set_message_format(qemu_opt_get_bool(msg_opts, "timestamp", false, NULL),
				 qemu_opt_get_bool(msg_opts, "guest-name", false, NULL) ? qemu_name
											: NULL);
}

static void opt_daemonize(const char *arg)
{
	daemonize = true;
}

static void opt_pidfile(const char *arg)
{
	pidfile = arg;
}

/* -net: the legacy syntax, NICs and backends on hub 0; -net none asks for nothing. */
static void opt_net(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, "type");
	const char *type = qemu_opt_get(opts, "type");

	if (!type || strcmp(type, "none"))
		g_ptr_array_add(net_args, (gpointer)arg);
	qemu_opts_free(opts);
}

static const char *gdb_device; /* -gdb DEV, -s */
static const char *gdb_option; /* which of them, for errors */

static void opt_gdb(const char *arg)
{
	gdb_device = arg;
	gdb_option = "-gdb";
}

static void opt_s(const char *arg)
{
	gdb_device = "tcp::1234";
	gdb_option = "-s";
}

/* After the machine: the stub needs its harts. Errors as QEMU words them. */
static void start_gdbserver(void)
{
	Error *err = NULL;

	loc_set_cmdline(gdb_option, strcmp(gdb_option, "-s") ? gdb_device : NULL);
	if (!nb_cpus && strcmp(gdb_device, "none")) {
		error_report("gdbstub: meaningless to attach gdb to a machine without any CPU.");
		exit(1);
	}
	if (!gdbserver_start(gdb_device, &err)) {
		if (*error_get_pretty(err)) /* a malformed address: QEMU says nothing */
			error_report_err(err);
		else
			error_free(err);
		exit(1);
	}
	loc_clear();
}

static void add_monitor(char kind, const char *arg)
{
	g_ptr_array_add(monitor_args, g_strdup_printf("%c%s", kind, arg));
}

static void opt_monitor(const char *arg)
{
	add_monitor('h', arg);
}

static void opt_qmp(const char *arg)
{
	add_monitor('c', arg);
}

static void opt_qmp_pretty(const char *arg)
{
	add_monitor('p', arg);
}

static void opt_mon(const char *arg)
{
	QemuOpts *opts = parse_or_die(arg, "chardev");

	qemu_opts_free(opts);
	add_monitor('m', arg);
}

/* The first line stays QEMU's, for the tools (libvirt, avocado) that read "version X.Y.Z" from it. */
static void print_version(void)
{
	printf("QEMU emulator version " QEMU_VERSION " (Quicksilver " QS_VERSION ")\n"
	       "Quicksilver " QS_VERSION ": a full-system emulator that takes QEMU " QEMU_VERSION
	       "'s command line; it is not QEMU\n"
	       "Copyright (c) 2026 the Quicksilver developers; GPL-2.0-or-later\n");
}

static void opt_version(const char *arg)
{
	print_version();
	exit(0);
}

static void opt_help(const char *arg);

typedef struct QemuOptionDef {
	const char *name;
	const char *args; /* NULL: takes no argument */
	void (*handle)(const char *arg);
	const char *help;     /* NULL: not listed by -h (QEMU lists it with another) */
	const char *synopsis; /* -h's left column when it is not "-name args" */
} QemuOptionDef;

static const QemuOptionDef options[] = {
	{ "h", NULL, opt_help, "display this help and exit" },
	{ "help", NULL, opt_help, "display this help and exit" },
	{ "version", NULL, opt_version, "display version information and exit" },
	{ "machine", "[type=]name[,prop[=value][,...]]", opt_machine,
	  "selects emulated machine ('-machine help' for list)" },
	{ "M", "[type=]name[,prop[=value][,...]]", opt_machine, NULL },
	{ "cpu", "cpu", opt_cpu, "select CPU ('-cpu help' for list)" },
	{ "accel", "[accel=]accelerator[,backend=native|interp][,thread=single][,tb-size=n]",
	  opt_accel, "select accelerator (tcg; use 'help' for a list)" },
	{ "smp", "[[cpus=]n][,maxcpus=maxcpus][,sockets=sockets][,cores=cores][,threads=threads]",
	  opt_smp, "set the number of initial CPUs to 'n' and the CPU topology" },
	{ "m", "[size=]megs", opt_memory,
	  "configure guest RAM; optional suffix 'M' or 'G' (default: MiB)" },
	{ "name", "string1[,process=string2][,debug-threads=on|off]", opt_name,
	  "set the name of the guest" },
	{ "uuid", "%08x-%04x-%04x-%04x-%012x", opt_uuid, "specify machine UUID" },
	{ "boot", "[order=drives][,once=drives][,menu=on|off]", opt_boot,
	  "'drives': floppy (a), hard disk (c), CD-ROM (d), network (n)" },
	{ "rtc", "[base=utc|localtime|date][,clock=host|rt|vm][,driftfix=none|slew]", opt_rtc,
	  "set the RTC base and clock" },
	{ "vga", "[std|cirrus|vmware|qxl|xenfb|tcx|cg3|virtio|none]", opt_vga,
	  "select video card type" },
	{ "nodefaults", NULL, opt_nodefaults, "don't create default devices" },
	{ "no-user-config", NULL, opt_no_user_config,
	  "do not load default user-provided config files at startup" },
	{ "msg", "[timestamp[=on|off]][,guest-name=[on|off]]", opt_msg,
	  "control error message format" },
	{ "loadvm", "[tag|id]", opt_loadvm,
	  "start right away with a saved state (loadvm in monitor)" },
	{ "daemonize", NULL, opt_daemonize, "daemonize QEMU after initializing" },
	{ "pidfile", "file", opt_pidfile, "write PID to 'file'" },
	{ "net", "nic[,macaddr=mac][,model=type][,name=str][,netdev=nd]", opt_net,
	  "configure or create an on-board (or machine default) NIC and\n"
	  "                connect it to hub 0 (please use -nic unless you need a hub)" },
	{ "net", "user|none[,...]", opt_net,
	  "old way to initialize a host network interface\n"
	  "                (use the -netdev option if possible instead)" },
	{ "bios", "file", opt_bios, "set the filename for the BIOS" },
	{ "kernel", "bzImage", opt_kernel, "use 'bzImage' as kernel image" },
	{ "initrd", "file", opt_initrd, "use 'file' as initial ram disk" },
	{ "append", "cmdline", opt_append, "use 'cmdline' as kernel command line" },
	{ "dtb", "file", opt_dtb, "use 'file' as device tree image" },
	{ "L", "path", opt_L, "set the directory for the BIOS, VGA BIOS and keymaps" },
	{ "device", "driver[,prop[=value][,...]]", opt_device,
	  "add device (based on driver); '-device help' lists drivers, "
	  "'-device driver,help' lists properties" },
	{ "drive", "[file=file][,if=type][,format=f][,id=name][,...]", opt_drive,
	  "use 'file' as a drive image" },
	{ "hda", "file", opt_hda, "use 'file' as hard disk 0/1 image", "-hda/-hdb file" },
	{ "hdb", "file", opt_hdb, NULL },
	{ "hdc", "file", opt_hdc, "use 'file' as hard disk 2/3 image", "-hdc/-hdd file" },
	{ "hdd", "file", opt_hdd, NULL },
	{ "cdrom", "file", opt_cdrom, "use 'file' as CD-ROM image (cdrom is ide1 master)" },
	{ "mtdblock", "file", opt_mtdblock, "use 'file' as on-board Flash memory image" },
	{ "sd", "file", opt_sd, "use 'file' as SecureDigital card image" },
	{ "snapshot", NULL, opt_snapshot, "write to temporary files instead of disk image files" },
	{ "blockdev", "driver=drv[,node-name=N][,...]", opt_blockdev, "configure a block backend" },
	{ "object", "TYPENAME[,PROP1=VALUE1,...]", opt_object,
	  "create a new object of type TYPENAME setting properties\n"
	  "                in the order they are specified.  Note that the 'id'\n"
	  "                property must be set.  These objects are placed in the\n"
	  "                '/objects' path." },
	{ "chardev", "backend,id=id[,...]", opt_chardev,
	  "configure a character device backend ('-chardev help' lists backends)" },
	{ "serial", "dev", opt_serial, "redirect the serial port to char device 'dev'" },
	{ "global", "driver.property=value", opt_global,
	  "set a global default for a driver property\n"
	  "-global driver=driver,property=property,value=value\n"
	  "                set a global default for a driver property" },
	{ "set", "group.id.arg=value", opt_set,
	  "set <arg> parameter for item <id> of type <group>\n"
	  "                i.e. -set drive.$id.file=/path/to/image" },
	{ "monitor", "dev", opt_monitor, "redirect the monitor to char device 'dev'" },
	{ "qmp", "dev", opt_qmp, "like -monitor but opens in 'control' mode" },
	{ "qmp-pretty", "dev", opt_qmp_pretty, "like -qmp but uses pretty JSON formatting" },
	{ "mon", "[chardev=]name[,mode=readline|control][,pretty[=on|off]]", opt_mon, "" },
	{ "nographic", NULL, opt_nographic,
	  "disable graphical output and redirect serial I/Os to console" },
	{ "display", "type[,...]", opt_display, "select display backend type" },
	{ "netdev",
	  "user,id=str[,ipv4=on|off][,net=addr[/mask]][,host=addr][,ipv6=on|off]\n"
	  "         [,ipv6-net=addr[/int]][,ipv6-host=addr][,restrict=on|off]\n"
	  "         [,hostname=host][,dhcpstart=addr][,dns=addr][,ipv6-dns=addr]\n"
	  "         [,dnssearch=domain][,domainname=domain][,tftp=dir]\n"
	  "         [,tftp-server-name=name][,bootfile=f][,hostfwd=rule]",
	  opt_netdev,
	  "configure a user mode network backend with ID 'str',\n"
	  "                its DHCP server and optional services ('-netdev help' lists backends)" },
	{ "nic", "none|user[,model=type][,mac=addr][,...]", opt_nic,
	  "initialize an on-board / default host NIC (and its backend;\n"
	  "                'model=help' lists the models)" },
	{ "S", NULL, opt_S, "freeze CPU at startup (use 'c' to start execution)" },
	{ "s", NULL, opt_s, "shorthand for -gdb tcp::1234" },
	{ "gdb", "dev", opt_gdb, "accept gdb connection on 'dev'" },
	{ "semihosting", NULL, opt_semihosting, "semihosting mode" },
	{ "semihosting-config",
	  "[enable=on|off][,target=native|gdb|auto][,chardev=id][,userspace=on|off][,arg=str[,...]"
	  "]",
	  opt_semihosting_config, "semihosting configuration" },
	{ "icount", "[shift=N|auto][,align=on|off][,sleep=on|off]", opt_icount,
	  "enable virtual instruction counter with 2^N clock ticks per\n"
	  "                instruction, enable aligning the host and virtual clocks\n"
	  "                or disable real time cpu sleeping" },
	{ "d", "item1,...", opt_d, "enable logging of specified items (use '-d help' for a list)" },
	{ "D", "logfile", opt_D, "output log to logfile (default stderr)" },
	{ "no-reboot", NULL, opt_no_reboot, "exit instead of rebooting" },
	{ "no-shutdown", NULL, opt_no_shutdown, "stop before shutdown" },
	{ "perfmap", NULL, opt_perfmap, "generate a /tmp/perf-${pid}.map file for perf" },
};

static void opt_help(const char *arg)
{
	print_version();
	printf("usage: %s [options]\n\n", error_get_progname());
	for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
		const QemuOptionDef *o = &options[i];
		char *head;
		if (!o->help || !strcmp(o->name, "help"))
			continue;
		head = o->synopsis ? g_strdup(o->synopsis)
				   : g_strdup_printf("-%s%s%s", o->name, o->args ? " " : "",
						     o->args ? o->args : "");
		if (!*o->help) /* QEMU lists some options with their syntax only */
			printf("%s\n", head);
		else if (strlen(head) < 16)
			printf("%-16s%s\n", head, o->help);
		else
			printf("%s\n                %s\n", head, o->help);
		g_free(head);
	}
	exit(0);
}

static const QemuOptionDef *find_option(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(options); i++)
		if (!strcmp(options[i].name, name))
			return &options[i];
	return NULL;
}

static void parse_command_line(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *name = a[0] == '-' ? a + 1 + (a[1] == '-') : NULL;
		const QemuOptionDef *o = name ? find_option(name) : NULL;
		const char *arg = NULL;

		if (!name) {
			/* A bare argument is QEMU's first disk image: -hda, named by itself. */
			add_drive_as(a, NULL, a, "dindex=%d,media=disk,file=%s", 0);
			continue;
		}
		if (!o) {
			loc_set_cmdline(a, NULL);
			error_report("invalid option");
			exit(1);
		}
		if (o->args) {
			if (i + 1 >= argc) {
				loc_set_cmdline(a, NULL);
				error_report("requires an argument");
				exit(1);
			}
			arg = argv[++i];
		}
		loc_set_cmdline(a, arg);
		o->handle(arg);
		loc_clear();
	}
}

/* -m [size=]N[suffix]: a bare number means MiB, as in QEMU. */
static uint64_t parse_ram_size(MachineClass *mc)
{
	QemuOpts *opts;
	const char *v;
	uint64_t size = mc->default_ram_size;
	Error *err = NULL;

	if (!ram_arg)
		return size;
	loc_set_cmdline("-m", ram_arg);
	opts = parse_or_die(ram_arg, "size");
	v = qemu_opt_get(opts, "size");
	if (qemu_opt_has(opts, "slots") || qemu_opt_has(opts, "maxmem")) {
		error_report("memory hotplug (slots, maxmem) is not supported");
		exit(1);
	}
	if (!qemu_opts_check_unused(opts, &err))
		fatal(err);
	if (v && *v) { /* -m '' is the default size, as in QEMU */
		uint64_t unit = g_ascii_isdigit(v[strlen(v) - 1]) ? 1024 * 1024 : 1;
		if (qemu_strtosz(v, unit, &size) < 0) {
			error_setg(&err,
				   "Parameter 'size' expects a non-negative number below 2^64");
			error_append_hint(&err,
					  "Optional suffix k, M, G, T, P or E means kilo-, mega-, "
					  "giga-, tera-, peta-\nand exabytes, respectively.\n");
			fatal(err);
		}
		if (size == 0)
			size = mc->default_ram_size;
		if (size > UINT64_MAX - 8191) {
			error_report("ram size too large");
			exit(1);
		}
		size = QEMU_ALIGN_UP(size, 8192);
	}
	qemu_opts_free(opts);
	loc_clear();
	return size;
}

static unsigned smp_value(QemuOpts *opts, const char *name)
{
	Error *err = NULL;
	const char *v = qemu_opt_get(opts, name);
	uint64_t n;

	if (!v)
		return 0;
	if (qemu_strtou64(v, &n) < 0 || n > UINT32_MAX) {
		error_setg(&err, "Parameter 'smp.%s' expects integer", name);
		fatal(err);
	}
	if (n == 0) {
		error_report(
		    "Invalid CPU topology: CPU topology parameters must be greater than zero");
		exit(1);
	}
	return n;
}

/* -smp: fills in what the user left out, preferring sockets, as QEMU does. */
static CpuTopology parse_smp(void)
{
	CpuTopology t = { 1, 1, 1, 1, 1 };
	QemuOpts *opts;
	Error *err = NULL;
	unsigned cpus, sockets, cores, threads, maxcpus;

	if (!smp_arg)
		return t;
	/* QEMU reports -smp errors without the option prefix; so do we. */
	opts = parse_or_die(smp_arg, "cpus");
	cpus = smp_value(opts, "cpus");
	sockets = smp_value(opts, "sockets");
	cores = smp_value(opts, "cores");
	threads = smp_value(opts, "threads");
	maxcpus = smp_value(opts, "maxcpus");
	if ((smp_value(opts, "dies") > 1) || (smp_value(opts, "clusters") > 1)) {
		error_report("dies and clusters are not supported by this machine's CPU topology");
		exit(1);
	}
	if (!qemu_opts_check_unused(opts, &err))
		fatal(err);
	cores = cores ? cores : 1;
	threads = threads ? threads : 1;
	if (!sockets) {
		unsigned n = maxcpus ? maxcpus : (cpus ? cpus : 1);
		sockets = MAX(1, n / (cores * threads));
	}
	if (!maxcpus)
		maxcpus = sockets * cores * threads;
	if (!cpus)
		cpus = maxcpus;
	if ((uint64_t)sockets * cores * threads != maxcpus) {
		error_report("Invalid CPU topology: product of the hierarchy must match maxcpus: "
			     "sockets (%u) * cores (%u) * threads (%u) != maxcpus (%u)",
			     sockets, cores, threads, maxcpus);
		exit(1);
	}
	if (cpus > maxcpus) {
		error_report("Invalid CPU topology: maxcpus must be equal to or greater than smp: "
			     "maxcpus (%u) < smp (%u)",
			     maxcpus, cpus);
		exit(1);
	}
	qemu_opts_free(opts);
	t = (CpuTopology){ cpus, sockets, cores, threads, maxcpus };
	return t;
}

static MachineClass *select_machine(void)
{
	const char *type = NULL;
	MachineClass *mc;

	for (guint i = 0; i < machine_opts->len; i++) {
		QemuOpts *o = g_ptr_array_index(machine_opts, i);
		const char *t = qemu_opt_get(o, "type");
		if (t)
			type = t;
		if (o->help && !t && !type) {
			machine_print_list(stdout);
			exit(0);
		}
	}
	if (is_help_option(type)) {
		machine_print_list(stdout);
		exit(0);
	}
	if (!type) {
		mc = machine_default_class();
		if (!mc) {
			error_report("No machine specified, and there is no default");
			error_printf("Use -machine help to list supported machines\n");
			exit(1);
		}
		return mc;
	}
	mc = machine_find_class(type);
	if (!mc) {
		error_report("unsupported machine type");
		error_printf("Use -machine help to list supported machines\n");
		exit(1);
	}
	return mc;
}

static void apply_machine_opts(MachineState *ms)
{
	for (guint i = 0; i < machine_opts->len; i++) {
		QemuOpts *o = g_ptr_array_index(machine_opts, i);
		for (guint j = 0; j < o->opts->len; j++) {
			QemuOpt *opt = g_ptr_array_index(o->opts, j);
			Error *err = NULL;
			if (!strcmp(opt->name, "type"))
				continue;
			if (!object_property_parse(OBJECT(ms), opt->name, opt->str, &err))
				fatal(err);
		}
	}
}

static void machine_help_if_asked(MachineClass *mc)
{
	for (guint i = 0; i < machine_opts->len; i++) {
		QemuOpts *o = g_ptr_array_index(machine_opts, i);
		if (o->help) {
			object_class_print_props(OBJECT_CLASS(mc),
						 object_class_get_name(OBJECT_CLASS(mc)), stdout);
			exit(0);
		}
	}
}

static void cpu_list(FILE *out)
{
	GSList *list = object_class_get_list("cpu", false);
	for (GSList *l = list; l; l = l->next) {
		const char *name = object_class_get_name(l->data);
		const char *dash = strrchr(name, '-');
		/* Models are named like "rv64-riscv-cpu"; users type "rv64". */
		int len = dash && g_str_has_suffix(name, CPU_TYPE_SUFFIX)
			      ? (int)(strlen(name) - strlen(CPU_TYPE_SUFFIX))
			      : (int)strlen(name);
		fprintf(out, "%.*s\n", len, name);
	}
	g_slist_free(list);
}

static void select_cpu(MachineState *ms, MachineClass *mc)
{
	const char *comma;
	char *type, *model;

	if (cpu_model && is_help_option(cpu_model)) {
		cpu_list(stdout);
		exit(0);
	}
	if (!cpu_model) {
		ms->cpu_type = g_strdup(mc->default_cpu_type);
		return;
	}
	comma = strchr(cpu_model, ',');
	model = comma ? g_strndup(cpu_model, comma - cpu_model) : g_strdup(cpu_model);
	type = g_strdup_printf("%s" CPU_TYPE_SUFFIX, model);
	if (!object_class_by_name(type) ||
	    !object_class_dynamic_cast(object_class_by_name(type), "cpu")) {
		error_report("unable to find CPU model '%s'", model);
		exit(1);
	}
	g_free(model);
	ms->cpu_type = type;
	ms->cpu_opts = comma ? g_strdup(comma + 1) : NULL;
}

static void device_help_if_asked(void)
{
	for (guint i = 0; i < device_opts->len; i++) {
		const char *arg = g_ptr_array_index(device_opts, i);
		QemuOpts *opts;
		loc_set_cmdline("-device", as_typed(arg));
		opts = parse_or_die(arg, "driver");
		if (qdev_device_help(opts, stdout))
			exit(0);
		qemu_opts_free(opts);
		loc_clear();
	}
}

static void create_chardevs(void)
{
	Error *err = NULL;

	for (guint i = 0; i < chardev_args->len; i++) {
		const char *arg = g_ptr_array_index(chardev_args, i);
		QemuOpts *opts;
		loc_set_cmdline("-chardev", as_typed(arg));
		opts = qemu_opts_parse(arg, "backend", &error_abort);
		if (!qemu_chr_new_from_opts(opts, &err))
			fatal(err);
		qemu_opts_free(opts);
	}
	/*
	 * -nographic, or no display at all: the console is the terminal (no terminal for a
	 * daemon), with the human monitor on its mux unless a monitor option was given.
	 */
	if (!serial_args->len && !no_defaults && (nographic || !display_none))
		g_ptr_array_add(serial_args, daemonize		 ? "null"
					     : monitor_args->len ? "stdio"
								 : "mon:stdio");
	for (guint i = 0; i < serial_args->len; i++) {
		const char *arg = g_ptr_array_index(serial_args, i);
		char *label = g_strdup_printf("serial%u", i);
		loc_set_cmdline("-serial", arg);
		serial_chardevs[i] = qemu_chr_new(label, arg, &err);
		g_free(label);
		if (err) {
			if (*error_get_pretty(err))
				error_report_err(err);
			else
				error_free(err);
			error_report("could not connect serial device to character backend '%s'",
				     arg);
			exit(1);
		}
		/* "mon:SPEC": the human monitor shares the port's mux (Ctrl-A c). */
		if (g_str_has_prefix(arg, "mon:") && !monitor_new_hmp(serial_chardevs[i], &err))
			fatal(err);
	}
	loc_clear();
}

/* -monitor, -qmp, -qmp-pretty and -mon, in order, on their chardevs. */
static void create_monitors(void)
{
	static const char *const names[] = {
		['h'] = "-monitor", ['c'] = "-qmp", ['p'] = "-qmp-pretty", ['m'] = "-mon"
	};
	Error *err = NULL;
	int compat = 0;

	for (guint i = 0; i < monitor_args->len; i++) {
		const char *item = g_ptr_array_index(monitor_args, i), *arg = item + 1;
		char kind = item[0];
		bool bad_spec;
		Chardev *chr;
		char *label;

		loc_set_cmdline(names[(int)kind], arg);
		if (kind == 'm') {
			QemuOpts *opts = qemu_opts_parse(arg, "chardev", &error_abort);
			if (!monitor_new_from_opts(opts, &err))
				fatal(err);
			qemu_opts_free(opts);
			continue;
		}
		if (!strcmp(arg, "none"))
			continue;
		label = g_strdup_printf("compat_monitor%d", compat++);
		chr = qemu_chr_new_spec(label, arg, &bad_spec, &err);
		g_free(label);
		/* QEMU adds "parse error" only when the spec itself was wrong. */
		if (err && !bad_spec)
			fatal(err);
		if (err) {
			if (*error_get_pretty(err))
				error_report_err(err);
			else
				error_free(err);
			error_report("parse error: %s", arg);
			exit(1);
		}
		if (kind == 'h' ? !monitor_new_hmp(chr, &err)
				: !monitor_new_qmp(chr, kind == 'p', &err))
			fatal(err);
	}
	loc_clear();
}

/* -object's objects join /objects, then open what they stand for (files, memory). */
/* -object, in order: the early ones (late: false), or those that need the netdevs (true). */
static void create_objects(bool late)
{
	Error *err = NULL;

	for (guint i = 0; i < objects->len; i++) {
		const char *arg = g_ptr_array_index(object_args, i);
		QemuOpts *opts;
		Object *obj = g_ptr_array_index(objects, i);

		if (obj->klass->complete_late != late)
			continue;
		opts = qemu_opts_parse(arg, "qom-type", &error_abort);
		loc_set_cmdline("-object", arg);
		if (!user_creatable_add(obj, qemu_opt_get(opts, "id"), &err))
			fatal(err);
		qemu_opts_free(opts);
		/* As in QEMU, what complete() reports is not tied to the option. */
		loc_clear();
		if (!user_creatable_complete(obj, &err))
			fatal(err);
	}
}

/* -drive if=virtio: each, in order, the -drive text that made it (for error locations). */
static GPtrArray *virtio_drive_args;

/* Drives exist before the machine, which may attach if=pflash ones to its own devices. */
static void create_drives(void)
{
	Error *err = NULL;
	BlockBackend *blk;

	/* Every -blockdev before any -drive, as QEMU does, so errors come in its order. */
	for (int pass = 0; pass < 2; pass++) {
		for (guint i = 0; i < drive_args->len; i++) {
			const char *a = g_ptr_array_index(drive_args, i);
			bool blockdev = a[0] == 'b';
			if (blockdev != (pass == 0))
				continue;
			/* a made -drive (-hda x) keeps its own name; the text has no 'd' */
			loc_set_cmdline(typed_opt(a, blockdev ? "-blockdev" : "-drive"),
					typed_opt(a, NULL) ? typed_text(a) : as_typed(a) + 1);
			blk = blockdev ? blockdev_new(a + 1, &err) : drive_new(a + 1, &err);
			if (!blk)
				fatal(err);
			if (blk_is_if_virtio(blk))
				g_ptr_array_add(virtio_drive_args, (gpointer)a);
		}
	}
	loc_clear();
}

/*
 * -drive if=virtio is "-device virtio-blk,drive=ID" after the -device list, as in QEMU: the
 * alias resolves to the board's transport (virtio-blk-pci here).
 */
static void create_virtio_drive_devices(void)
{
	Error *err = NULL;
	BlockBackend *blk;

	for (guint i = 0; (blk = blk_next_if_virtio()); i++) {
		const char *a = g_ptr_array_index(virtio_drive_args, i);
		char *s = g_strdup_printf("driver=virtio-blk,drive=%s", blk_name(blk));
		QemuOpts *opts = qemu_opts_parse(s, "driver", &error_abort);

		loc_set_cmdline(typed_opt(a, "-drive"),
				typed_opt(a, NULL) ? typed_text(a) : as_typed(a) + 1);
		if (!qdev_device_add(opts, &err))
			fatal(err);
		qemu_opts_free(opts);
		g_free(s);
	}
	loc_clear();
}

static void create_netdevs(void)
{
	Error *err = NULL;

	for (guint i = 0; i < netdev_args->len; i++) {
		const char *arg = g_ptr_array_index(netdev_args, i);
		QemuOpts *opts;

		loc_set_cmdline("-netdev", as_typed(arg));
		opts = qemu_opts_parse(arg, "type", &error_abort);
		if (!net_netdev_new(opts, &err))
			fatal(err);
		qemu_opts_free(opts);
	}
	loc_clear();
}

/* A -net NIC waiting for the machine: its model, address and hub port (or netdev). */
typedef struct LegacyNIC {
	char *model, *mac, *netdev;
} LegacyNIC;

static GPtrArray *legacy_nics; /* LegacyNIC * */

/* -net nic: a port of hub 0 now (unless netdev= names a backend), the NIC later. */
static bool legacy_nic(QemuOpts *opts, Error **errp)
{
	const char *netdev = qemu_opt_get(opts, "netdev");
	char *port = NULL;
	LegacyNIC *n;

	if (netdev && !qemu_find_netdev(netdev)) {
		error_setg(errp, "netdev '%s' not found", netdev);
		return false;
	}
	if (!netdev) {
		char *spec;
		QemuOpts *p;
		bool ok;

		port = net_hub_new_port_name(0);
		spec = g_strdup_printf("hubport,id=%s,hubid=0", port);
		p = qemu_opts_parse(spec, "type", &error_abort);
		ok = net_netdev_new(p, errp) != NULL;
		qemu_opts_free(p);
		g_free(spec);
		if (!ok) {
			g_free(port);
			return false;
		}
	}
	n = g_new0(LegacyNIC, 1);
	n->model = g_strdup(qemu_opt_get(opts, "model"));
	n->mac = g_strdup(qemu_opt_get(opts, "macaddr"));
	n->netdev = port ? port : g_strdup(netdev);
	g_ptr_array_add(legacy_nics, n);
	return true;
}

/* -net TYPE: the backend (id= or name=, else "#netN"), on a new port of hub 0. */
static bool legacy_backend(QemuOpts *opts, unsigned n, Error **errp)
{
	const char *given =
	    qemu_opt_get(opts, "id") ? qemu_opt_get(opts, "id") : qemu_opt_get(opts, "name");
	char *id = given ? g_strdup(given) : g_strdup_printf("#net%03u", 100 + n);
	char *port, *spec;
	QemuOpts *p;
	bool ok;

	if (given && qemu_find_netdev(id)) {
		error_setg(errp, "Duplicate ID '%s' for net", id);
		g_free(id);
		return false;
	}
	qemu_opt_unset(opts, "id");
	qemu_opt_unset(opts, "name");
	qemu_opt_set(opts, "id", id);
	ok = net_netdev_new(opts, errp) != NULL;
	if (ok) {
		port = net_hub_new_port_name(0);
		spec = g_strdup_printf("hubport,id=%s,hubid=0,netdev=%s", port, id);
		p = qemu_opts_parse(spec, "type", &error_abort);
		ok = net_netdev_new(p, errp) != NULL;
		qemu_opts_free(p);
		g_free(spec);
		g_free(port);
	}
	g_free(id);
	return ok;
}

static void create_legacy_net(void)
{
	Error *err = NULL;

	legacy_nics = g_ptr_array_new();
	for (guint i = 0; i < net_args->len; i++) {
		const char *arg = g_ptr_array_index(net_args, i);
		QemuOpts *opts;
		bool ok;

		loc_set_cmdline("-net", as_typed(arg));
		opts = qemu_opts_parse(arg, "type", &error_abort);
		ok = !strcmp(qemu_opt_get(opts, "type"), "nic") ? legacy_nic(opts, &err)
								: legacy_backend(opts, i, &err);
		qemu_opts_free(opts);
		if (!ok)
			fatal(err);
	}
	loc_clear();
}

static void print_nic_models(MachineClass *mc)
{
	printf("Supported NIC models:\n");
	if (mc->default_nic)
		printf("%s\n", mc->default_nic);
}

/* One -nic: model= and mac= are the NIC's, the rest its backend's, named "#netN". */
static void create_nic(MachineClass *mc, const char *arg, unsigned n, Error **errp)
{
	QemuOpts *opts = qemu_opts_parse(arg, "type", &error_abort);
	/* copies: unsetting the options below frees their strings */
	char *model = g_strdup(qemu_opt_get(opts, "model"));
	char *mac = g_strdup(qemu_opt_get(opts, "mac"));
	char *id = g_strdup_printf("#net%03u", n);
	GString *dev = g_string_new("driver=");

	if (opts->help && !qemu_opt_get(opts, "type"))
		qemu_opt_set(opts, "type", "help");
	if (!qemu_opt_get(opts, "type"))
		qemu_opt_set(opts, "type", "user"); /* QEMU's default backend */
	if (!strcmp(qemu_opt_get(opts, "type"), "none"))
		goto out;
	if (is_help_option(qemu_opt_get(opts, "type"))) {
		error_setg(errp, "Parameter 'type' does not accept value '%s'",
			   qemu_opt_get(opts, "type"));
		goto out;
	}
	if (is_help_option(model)) {
		print_nic_models(mc);
		exit(0);
	}
	qemu_opt_unset(opts, "model");
	qemu_opt_unset(opts, "mac");
	qemu_opt_set(opts, "id", id);
	if (!net_netdev_new(opts, errp))
		goto out;
	if (!model && !mc->default_nic) {
		warn_report("requested NIC (anonymous, model unspecified) was not created (not "
			    "supported by this machine?)");
		goto out;
	}
	g_string_append_printf(dev, "%s,netdev=%s", model ? model : mc->default_nic, id);
	if (mac)
		g_string_append_printf(dev, ",mac=%s", mac);
	qemu_opts_free(opts);
	opts = qemu_opts_parse(dev->str, "driver", &error_abort);
	qdev_device_add(opts, errp);
out:
	qemu_opts_free(opts);
	g_string_free(dev, TRUE);
	g_free(id);
	g_free(model);
	g_free(mac);
}

/* The board's NIC of a -net nic, on its hub port or netdev. */
static void create_legacy_nic(MachineClass *mc, LegacyNIC *n, Error **errp)
{
	GString *dev = g_string_new("driver=");
	QemuOpts *opts;

	if (is_help_option(n->model)) {
		print_nic_models(mc);
		exit(0);
	}
	if (!n->model && !mc->default_nic) {
		warn_report(
		    "requested NIC (%s, model unspecified) was not created (not supported by "
		    "this machine?)",
		    n->netdev);
		g_string_free(dev, TRUE);
		return;
	}
	g_string_append_printf(dev, "%s,netdev=%s", n->model ? n->model : mc->default_nic,
			       n->netdev);
	if (n->mac)
		g_string_append_printf(dev, ",mac=%s", n->mac);
	opts = qemu_opts_parse(dev->str, "driver", &error_abort);
	qdev_device_add(opts, errp);
	qemu_opts_free(opts);
	g_string_free(dev, TRUE);
}

static void create_nics(MachineClass *mc)
{
	Error *err = NULL;

	for (guint i = 0; i < nic_args->len; i++) {
		const char *arg = g_ptr_array_index(nic_args, i);

		loc_set_cmdline("-nic", as_typed(arg));
		create_nic(mc, arg, i, &err);
		if (err)
			fatal(err);
	}
	for (guint i = 0; i < legacy_nics->len; i++) {
		create_legacy_nic(mc, g_ptr_array_index(legacy_nics, i), &err);
		if (err)
			fatal(err);
	}
	loc_clear();
}

static void create_devices(void)
{
	Error *err = NULL;

	for (guint i = 0; i < device_opts->len; i++) {
		const char *arg = g_ptr_array_index(device_opts, i);
		QemuOpts *opts;
		loc_set_cmdline("-device", as_typed(arg));
		/* read (and warned about) once already, by device_help_if_asked */
		opts = qemu_opts_parse(arg, "driver", &error_abort);
		if (!qdev_device_add(opts, &err))
			fatal(err);
		qemu_opts_free(opts);
	}
	loc_clear();
}

/* The SHUTDOWN and RESET events' data: who asked, and why. */
static void send_cause_event(const char *event, ShutdownCause cause)
{
	QValue data = qv_dict();

	qv_dict_put(&data, "guest", qv_bool(shutdown_cause_is_guest(cause)));
	qv_dict_put(&data, "reason", qv_str(shutdown_cause_name(cause)));
	qmp_event_send(event, &data);
	qv_clear(&data);
}

/* Runs until a shutdown request; returns the exit status. */
static int main_loop(MachineState *ms)
{
	for (;;) {
		/* A signal's message was printed by its handler (util/main-loop.c). */
		ShutdownCause cause = qemu_shutdown_requested();
		ShutdownCause reset;
		RunState stop = qemu_vmstop_requested();

		if (stop != RUN_STATE_RUNNING && runstate_is_running())
			vm_stop(stop);
		if (cause != SHUTDOWN_CAUSE_NONE) {
			send_cause_event("SHUTDOWN", cause);
			/* -no-shutdown: a guest poweroff stops the harts; the host still ends it. */
			if (cause != SHUTDOWN_CAUSE_GUEST_SHUTDOWN || !no_shutdown)
				break;
			vm_stop(RUN_STATE_SHUTDOWN);
			continue;
		}
		reset = qemu_reset_requested();
		if (reset != SHUTDOWN_CAUSE_NONE) {
			if (no_reboot && shutdown_cause_is_guest(reset)) {
				send_cause_event("SHUTDOWN", reset);
				break;
			}
			machine_reset(ms);
			send_cause_event("RESET", reset);
			if (runstate_get() == RUN_STATE_SHUTDOWN)
				vm_stop(RUN_STATE_PAUSED);
		}
		/* Idle CPUs (WFI) sleep until a timer or an fd wakes them. */
		if (runstate_is_running() && nb_cpus > 0 && !cpus_run_slice())
			main_loop_wait(0);
		else if (runstate_is_running() && nb_cpus > 0 && icount_enabled())
			icount_idle(); /* the virtual clock moves on without instructions */
		else
			main_loop_wait(-1);
	}
	return qemu_exit_status();
}

/* PREFIX/share/quicksilver, then the same beside the running binary (a moved install). */
static void init_firmware_dirs_defaults(void)
{
	g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);

	g_ptr_array_add(firmware_dirs, g_strdup(CONFIG_DATADIR));
	if (exe) {
		g_autofree char *bin = g_path_get_dirname(exe);
		g_autofree char *prefix = g_path_get_dirname(bin);
		char *dir = g_build_filename(prefix, "share", "quicksilver", NULL);

		if (strcmp(dir, CONFIG_DATADIR))
			g_ptr_array_add(firmware_dirs, dir);
		else
			g_free(dir);
	}
	g_ptr_array_add(firmware_dirs, g_strdup("/usr/lib/riscv64-linux-gnu/opensbi/generic"));
	g_ptr_array_add(firmware_dirs, g_strdup("/usr/share/qemu"));
	g_ptr_array_add(firmware_dirs, NULL);
}

static void at_exit_cleanup(void)
{
	/* Nothing the guest wrote may be lost: finish and flush disks before anything else goes. */
	blk_drain_all();
	blk_close_all();
	qemu_run_exit_notifiers();
	net_cleanup();
	monitor_cleanup_all();
	qemu_chr_cleanup_all();
}

int qemu_main(int argc, char **argv)
{
	MachineClass *mc;
	MachineState *ms;
	Error *err = NULL;
	int status;

	error_set_progname(argv[0]);
	machine_opts = g_ptr_array_new();
	device_opts = g_ptr_array_new();
	chardev_args = g_ptr_array_new();
	netdev_args = g_ptr_array_new();
	net_args = g_ptr_array_new();
	nic_args = g_ptr_array_new();
	serial_args = g_ptr_array_new();
	monitor_args = g_ptr_array_new();
	drive_args = g_ptr_array_new();
	virtio_drive_args = g_ptr_array_new();
	firmware_dirs = g_ptr_array_new();
	object_args = g_ptr_array_new();
	objects = g_ptr_array_new();
	atexit(at_exit_cleanup);

	parse_command_line(argc, argv);
	apply_msg();
	if (rtc_arg && !qemu_rtc_option(rtc_arg, &err))
		fatal(err);
	apply_boot();
	init_firmware_dirs_defaults();
	device_help_if_asked();
	/* -cpu help needs no machine, as in QEMU. */
	if (is_help_option(cpu_model)) {
		cpu_list(stdout);
		exit(0);
	}
	mc = select_machine();
	machine_help_if_asked(mc);

	ms = MACHINE(object_new(object_class_get_name(OBJECT_CLASS(mc))));
	object_property_add_child(object_get_root(), "machine", OBJECT(ms));
	/* QEMU's machine always has these, empty or not (qom-list shows them) */
	object_get_container("machine/peripheral");
	object_get_container("machine/peripheral-anon");
	object_get_container("machine/unattached");
	select_cpu(ms, mc);
	apply_machine_opts(ms);
	if (nographic)
		ms->enable_graphics = false; /* QEMU's -nographic sets graphics=off */
	/* As QEMU, before anything else is built: these mean nothing without a kernel. */
	if (!ms->kernel_filename && ms->kernel_cmdline) {
		error_report("-append only allowed with -kernel option");
		exit(1);
	}
	if (!ms->kernel_filename && ms->initrd_filename) {
		error_report("-initrd only allowed with -kernel option");
		exit(1);
	}
	ms->ram_size = parse_ram_size(mc);
	ms->ram_size_explicit = ram_arg != NULL;
	ms->smp = parse_smp();

	if (daemonize) {
		if (nographic) {
			error_report("-nographic cannot be used with -daemonize");
			exit(1);
		}
		os_daemonize();
	}
	if (pidfile && !os_pidfile_create(pidfile, &err)) {
		error_prepend(&err, "cannot create PID file: ");
		fatal(err);
	}
	qemu_init_signals();
	create_chardevs();
	create_monitors();
	create_objects(false);
	create_netdevs();
	create_legacy_net();
	create_objects(true);
	if (!semihosting_init(ms->kernel_filename, ms->kernel_cmdline, &err))
		fatal(err);
	drive_set_board_pflash_units(mc->pflash_units);
	create_drives();
	if (!machine_run_init(ms, &err))
		fatal(err);
	create_nics(mc);
	create_devices();
	create_virtio_drive_devices();
	net_check_clients();
	qdev_prop_check_globals();
	if (!machine_run_done(ms, &err))
		fatal(err);
	/* the first system reset's work outside the devices (QEMU's qemu_system_reset at start) */
	qemu_run_reset_handlers();
	if (vga_warning)
		warn_report("A -vga option was passed but this machine type does not use that "
			    "option; No VGA device has been created");
	if (gdb_device)
		start_gdbserver();
	if (loadvm_arg) {
		runstate_init(false);
		if (!load_snapshot(loadvm_arg, &err))
			fatal(err);
	}
	os_daemonize_done();
	runstate_init(autostart);
	status = main_loop(ms);
	exit(status);
}
