// SPDX-License-Identifier: GPL-2.0-or-later
/* The -d log items table, mask parsing, and the log sink (stderr or -D file). */
#include "qemu/osdep.h"
#include "qemu/log.h"

int qemu_loglevel;
static FILE *log_file;

static const struct {
	int mask;
	const char *name;
	const char *help;
} log_items[] = {
	{ CPU_LOG_TB_OUT_ASM, "out_asm", "show generated host assembly code for each compiled TB" },
	{ CPU_LOG_TB_IN_ASM, "in_asm", "show target assembly code for each compiled TB" },
	{ CPU_LOG_TB_OP, "op", "show micro ops for each compiled TB" },
	{ CPU_LOG_TB_OP_OPT, "op_opt", "show micro ops after optimization" },
	{ CPU_LOG_INT, "int", "show interrupts/exceptions in short format" },
	{ CPU_LOG_EXEC, "exec", "show trace before each executed TB (lots of logs)" },
	{ CPU_LOG_TB_CPU, "cpu", "show CPU registers before entering a TB (lots of logs)" },
	{ CPU_LOG_TB_FPU, "fpu", "include FPU registers in the 'cpu' logging" },
	{ CPU_LOG_MMU, "mmu", "log MMU-related activities" },
	{ CPU_LOG_RESET, "cpu_reset", "show CPU state before CPU resets" },
	{ LOG_UNIMP, "unimp", "log unimplemented functionality" },
	{ LOG_GUEST_ERROR, "guest_errors",
	  "log when the guest OS does something invalid (eg accessing a\nnon-existent register)" },
	{ CPU_LOG_TB_NOCHAIN, "nochain",
	  "do not chain compiled TBs so that \"exec\" and \"cpu\" show\ncomplete traces" },
};

void qemu_log(const char *fmt, ...)
{
	va_list ap;
	FILE *f = qemu_log_file();
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
}

FILE *qemu_log_file(void)
{
	return log_file ? log_file : stderr;
}

int qemu_str_to_log_mask(const char *str)
{
	char **items = g_strsplit(str, ",", -1);
	int mask = 0;

	for (char **p = items; *p; p++) {
		size_t i;
		if (!strcmp(*p, "all")) {
			for (i = 0; i < ARRAY_SIZE(log_items); i++)
				mask |= log_items[i].mask;
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(log_items); i++)
			if (!strcmp(*p, log_items[i].name))
				break;
		if (i == ARRAY_SIZE(log_items)) {
			mask = -1;
			break;
		}
		mask |= log_items[i].mask;
	}
	g_strfreev(items);
	return mask;
}

void qemu_print_log_usage(FILE *out)
{
	fprintf(out, "Log items (comma separated):\n");
	for (size_t i = 0; i < ARRAY_SIZE(log_items); i++)
		fprintf(out, "%-15s %s\n", log_items[i].name, log_items[i].help);
}

bool qemu_set_log_filename(const char *filename, Error **errp)
{
	FILE *f = fopen(filename, "w");
	if (!f) {
		error_setg_errno(errp, errno, "could not open log file '%s'", filename);
		return false;
	}
	setvbuf(f, NULL, _IOLBF, 0);
	if (log_file)
		fclose(log_file);
	log_file = f;
	return true;
}
