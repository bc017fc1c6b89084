// SPDX-License-Identifier: GPL-2.0-or-later
/* Debug logging selected with -d ITEMS and sent to stderr or the -D file. */
#ifndef QEMU_LOG_H
#define QEMU_LOG_H

#define CPU_LOG_TB_OUT_ASM (1 << 0)
#define CPU_LOG_TB_IN_ASM  (1 << 1)
#define CPU_LOG_TB_OP	   (1 << 2)
#define CPU_LOG_TB_OP_OPT  (1 << 3)
#define CPU_LOG_INT	   (1 << 4)
#define CPU_LOG_EXEC	   (1 << 5)
#define CPU_LOG_TB_CPU	   (1 << 6)
#define CPU_LOG_TB_FPU	   (1 << 7)
#define CPU_LOG_MMU	   (1 << 8)
#define CPU_LOG_RESET	   (1 << 9)
#define LOG_UNIMP	   (1 << 10)
#define LOG_GUEST_ERROR	   (1 << 11)
#define CPU_LOG_TB_NOCHAIN (1 << 12)

extern int qemu_loglevel;

static inline bool qemu_loglevel_mask(int mask)
{
	return (qemu_loglevel & mask) != 0;
}

void qemu_log(const char *fmt, ...) QEMU_PRINTF(1, 2);
#define qemu_log_mask(mask, ...)                                                                   \
	do {                                                                                       \
		if (unlikely(qemu_loglevel_mask(mask)))                                            \
			qemu_log(__VA_ARGS__);                                                     \
	} while (0)

/* Parses "in_asm,int"; returns the mask, or -1 naming nothing valid. */
int qemu_str_to_log_mask(const char *str);
void qemu_print_log_usage(FILE *out);
bool qemu_set_log_filename(const char *filename, Error **errp);
FILE *qemu_log_file(void);

#endif
