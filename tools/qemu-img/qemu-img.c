// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img: the disk image tool, over the same block layer and format drivers as the emulator.
 * main() dispatches to the subcommand its file registered; this file also holds what several
 * commands share (argument errors, sizes, opening images, create options).
 */
#include "qemu/osdep.h"
#include <stdarg.h>
#include <ctype.h>
#include <math.h>
#include <sys/stat.h>
#include <time.h>
#include <getopt.h>
#include "qemu/cutils.h"
#include "block/snapshot.h"
#include "qemu-img.h"

typedef struct ImgCommand {
	const char *name;
	ImgCommandFn *fn;
} ImgCommand;

static GPtrArray *commands;

void img_register(const char *name, ImgCommandFn *fn)
{
	ImgCommand *c = g_new(ImgCommand, 1);

	c->name = name;
	c->fn = fn;
	if (!commands)
		commands = g_ptr_array_new();
	g_ptr_array_add(commands, c);
}

int img_usage_error(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	error_report("%s", msg);
	error_printf("Try 'qemu-img --help' for more information\n");
	g_free(msg);
	return 1;
}

int img_bad_option(int c, char **argv)
{
	if (c == ':')
		return img_usage_error("missing argument for option '%s'", argv[optind - 1]);
	return img_usage_error("unrecognized option '%s'", argv[optind - 1]);
}

bool img_parse_output(const char *arg, bool *json)
{
	if (!strcmp(arg, "json") || !strcmp(arg, "human")) {
		*json = !strcmp(arg, "json");
		return true;
	}
	error_report("--output must be used with human or json as argument.");
	return false;
}

bool img_parse_size(const char *s, uint64_t *size)
{
	static const char suffixes[] = "bkmgtpe";
	char *end;
	double v;
	int shift = 0;
	const char *p;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || v < 0 || !isdigit((unsigned char)*s))
		return false;
	if (*end) {
		p = strchr(suffixes, g_ascii_tolower(*end));
		if (!p || end[1])
			return false;
		shift = p == suffixes ? 0 : 10 * (int)(p - suffixes);
	}
	if (v != floor(v) && !shift)
		return false;
	v = ldexp(v, shift);
	if (v >= ldexp(1, 63))
		return false;
	*size = (uint64_t)v;
	return true;
}

void img_report_bad_size(void)
{
	error_report("Invalid image size specified. You may use k, M, G, T, P or E suffixes for");
	error_report("kilobytes, megabytes, gigabytes, terabytes, petabytes and exabytes.");
}

char *img_size_to_str(uint64_t v)
{
	return size_to_human(v);
}

BlockDriverState *img_open(const char *filename, const char *fmt, int flags)
{
	Error *err = NULL;
	BlockDriverState *bs = bdrv_open_image(filename, fmt, flags, &err);

	if (!bs) {
		error_prepend(&err, "Could not open '%s': ", filename);
		error_report_err(err); /* with the hint of a lock held elsewhere */
	}
	return bs;
}

int64_t img_length(BlockDriverState *bs)
{
	int64_t len = bdrv_getlength(bs);

	return len < 0 ? len : QEMU_ALIGN_UP(len, BDRV_SECTOR_SIZE);
}

void img_print_snapshots(const QValue *list)
{
	printf("Snapshot list:\n%s\n", bdrv_snapshot_header);
	for (guint i = 0; i < list->list->len; i++) {
		g_autofree char *row = bdrv_snapshot_row(g_ptr_array_index(list->list, i), NULL);

		printf("%s\n", row);
	}
}

static gint opt_name_cmp(gconstpointer a, gconstpointer b)
{
	const BlockCreateOpt *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

void img_print_opts(const BlockCreateOpt *opts, bool protocol)
{
	static const char *const types[] = { "str", "size", "bool (on/off)", "num" };
	g_autoptr(GPtrArray) sorted = g_ptr_array_new();

	for (const BlockCreateOpt *o = opts; o->name; o++)
		if (protocol || !o->protocol)
			g_ptr_array_add(sorted, (gpointer)o);
	g_ptr_array_sort(sorted, opt_name_cmp);
	for (guint i = 0; i < sorted->len; i++) {
		const BlockCreateOpt *o = g_ptr_array_index(sorted, i);
		g_autofree char *left = g_strdup_printf("%s=<%s>", o->name, types[o->type]);
		printf("  %-22s - %s\n", left, o->help);
	}
}

/* With a file name QEMU adds the protocol's options; without, it says they exist. */
void img_print_create_help(const BlockDriver *drv, bool with_file)
{
	if (with_file) {
		printf("Supported options:\n");
		img_print_opts(drv->create_opts, true);
		return;
	}
	printf("Supported %s options:\n", drv->name);
	img_print_opts(drv->create_opts, drv->is_protocol);
	printf("\nThe protocol level may support further options.\n"
	       "Specify the target filename to include those options.\n");
}

bool img_check_create_opts(const BlockDriver *drv, QemuOpts *opts, Error **errp)
{
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *opt = g_ptr_array_index(opts->opts, i);
		const BlockCreateOpt *o = drv->create_opts;
		while (o->name && strcmp(o->name, opt->name))
			o++;
		if (!o->name) {
			error_setg(errp, "Invalid parameter '%s'", opt->name);
			return false;
		}
	}
	return true;
}

/* A value as QEMU prints it back: sizes and numbers in decimal, booleans as on/off. */
static char *normalized(const BlockCreateOpt *o, const char *v)
{
	uint64_t n;
	bool b;

	if (o->type == BLOCK_OPT_SIZE && parse_option_size(o->name, v, &n, NULL))
		return g_strdup_printf("%" PRIu64, n);
	if (o->type == BLOCK_OPT_NUMBER && parse_option_number(o->name, v, &n, NULL))
		return g_strdup_printf("%" PRIu64, n);
	if (o->type == BLOCK_OPT_BOOL && parse_option_bool(o->name, v, &b, NULL))
		return g_strdup(b ? "on" : "off");
	return g_strdup(v);
}

void img_print_formatting(const char *filename, const BlockDriver *drv, QemuOpts *opts)
{
	GString *line = g_string_new(NULL);

	g_string_printf(line, "Formatting '%s', fmt=%s", filename, drv->name);
	for (const BlockCreateOpt *o = drv->create_opts; o->name; o++) {
		const char *v = NULL;
		for (guint i = 0; i < opts->opts->len; i++) {
			QemuOpt *opt = g_ptr_array_index(opts->opts, i);
			if (!strcmp(opt->name, o->name))
				v = opt->str;
		}
		if (!v)
			v = o->def;
		if (v) {
			g_autofree char *n = normalized(o, v);
			g_string_append_printf(line, " %s=%s", o->name, n);
		}
	}
	printf("%s\n", line->str);
	g_string_free(line, TRUE);
}

static void print_help(void)
{
	printf("qemu-img version " QEMU_VERSION " (Quicksilver " QS_VERSION ")\n"
	       "usage: qemu-img [standard options] command [command options]\n"
	       "QEMU disk image utility\n\n"
	       "    '-h', '--help'       display this help and exit\n"
	       "    '-V', '--version'    output version information and exit\n\n"
	       "Command syntax:\n"
	       "  amend [-p] [-q] [-f fmt] [-t cache] [--force] -o options filename\n"
	       "  check [-q] [-f fmt] [--output=ofmt] [-r [leaks | all]] [-U] filename\n"
	       "  commit [-q] [-f fmt] [-t cache] [-b base] [-d] [-p] filename\n"
	       "  convert [-U] [-c] [-p] [-q] [-n] [-f fmt] [-t cache] [-T src_cache] "
	       "[-O output_fmt] [-B backing_file [-F backing_fmt]] [-o options] [-S sparse_size] "
	       "[-m num_coroutines] [-W] filename [filename2 [...]] output_filename\n"
	       "  create [-q] [-f fmt] [-b backing_file [-F backing_fmt]] [-u] [-o options] "
	       "filename [size]\n"
	       "  compare [-f fmt] [-F fmt] [-T src_cache] [-p] [-q] [-s] [-U] filename1 "
	       "filename2\n"
	       "  info [-f fmt] [--output=ofmt] [--backing-chain] [-U] filename\n"
	       "  map [-f fmt] [--start-offset=offset] [--max-length=len] [--output=ofmt] [-U] "
	       "filename\n"
	       "  measure [--output=ofmt] [-O output_fmt] [-o options] [--size N | [-f fmt] "
	       "filename]\n"
	       "  rebase [-U] [-q] [-f fmt] [-p] [-u] -b backing_file [-F backing_fmt] filename\n"
	       "  snapshot [-U] [-q] [-l | -a snapshot | -c snapshot | -d snapshot] filename\n"
	       "  resize [-f fmt] [--preallocation=off] [-q] [--shrink] filename [+ | -]size\n\n"
	       "Supported formats: qcow2 raw\n");
}

int main(int argc, char **argv)
{
	error_set_progname("qemu-img");
	if (argc < 2)
		return img_usage_error("Not enough arguments");
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("qemu-img version " QEMU_VERSION " (Quicksilver " QS_VERSION ")\n"
		       "Copyright (c) 2026 the Quicksilver developers; GPL-2.0-or-later\n");
		return 0;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		print_help();
		return 0;
	}
	for (guint i = 0; commands && i < commands->len; i++) {
		ImgCommand *c = g_ptr_array_index(commands, i);
		if (!strcmp(c->name, argv[1]))
			return c->fn(argc - 1, argv + 1);
	}
	return img_usage_error("Command not found: %s", argv[1]);
}

static void progress_print(ImgProgress *p, float percent)
{
	if (percent > 100)
		percent = 100;
	if (!p->on ||
	    (percent <= p->last + 1 && percent >= p->last - 1 && percent != 0 && percent != 100))
		return;
	p->last = percent;
	printf("    (%3.2f/100%%)\r", percent);
	fflush(stdout);
}

void img_progress_start(ImgProgress *p, bool on)
{
	p->on = on;
	p->last = 0;
	progress_print(p, 0);
}

void img_progress_set(ImgProgress *p, uint64_t done, uint64_t total)
{
	progress_print(p, total ? 100.0f * done / total : 100);
}

void img_progress_end(ImgProgress *p)
{
	if (p->on)
		printf("\n");
}
