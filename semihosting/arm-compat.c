// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The operations of Arm's semihosting specification (which RISC-V semihosting adopts): files
 * and the console (OPEN, CLOSE, WRITEC, WRITE0, WRITE, READ, READC, ISERROR, ISTTY, SEEK, FLEN,
 * REMOVE, RENAME), time (CLOCK, TIME, ELAPSED, TICKFREQ), ERRNO, GET_CMDLINE, HEAPINFO and
 * EXIT/EXIT_EXTENDED. Everything the guest passes is untrusted: handles are checked against the
 * table, names and buffers are bounded, guest memory is reached without faulting the guest
 * (an unmapped argument gives -1 and EFAULT, as in QEMU), and an unknown operation returns -1
 * (QEMU aborts).
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/stat.h>
#include "accel/tcg/cputlb.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "hw/boards.h"
#include "qom/object.h"
#include "semihosting/console.h"
#include "semihosting/semihost.h"

enum {
	SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05,
	SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08, SYS_ISTTY = 0x09, SYS_SEEK = 0x0a,
	SYS_FLEN = 0x0c, SYS_REMOVE = 0x0e, SYS_RENAME = 0x0f, SYS_CLOCK = 0x10, SYS_TIME = 0x11,
	SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15, SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18,
	SYS_EXIT_EXTENDED = 0x20, SYS_ELAPSED = 0x30, SYS_TICKFREQ = 0x31,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026
#define MAX_FILES		     64
#define MAX_NAME		     4096	/* a path the guest names */
#define IO_CHUNK		     (64 * 1024) /* bytes copied per read() or write() */

typedef struct Call {
	CPUState *cpu;
	int mmu_idx;
	unsigned field; /* bytes */
	uint64_t args;	/* the argument block */
	bool fault;	/* some guest memory could not be reached */
} Call;

static int fds[MAX_FILES]; /* host fd + 1 of each guest handle (0: free) */
static int last_errno;
static int64_t start_ms = -1;

static bool from_guest(Call *c, void *buf, uint64_t addr, size_t len)
{
	if (!cpu_memory_rw_debug(c->cpu, c->mmu_idx, addr, buf, len, false))
		c->fault = true;
	return !c->fault;
}

static bool to_guest(Call *c, uint64_t addr, const void *buf, size_t len)
{
	if (!cpu_memory_rw_debug(c->cpu, c->mmu_idx, addr, (void *)buf, len, true))
		c->fault = true;
	return !c->fault;
}

/* Field n of the argument block (little-endian, field bytes wide); 0 and c->fault if unreadable. */
static uint64_t arg(Call *c, int n)
{
	uint8_t b[8] = { 0 };
	uint64_t v = 0;

	from_guest(c, b, c->args + n * c->field, c->field);
	for (int i = c->field - 1; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

static void set_arg(Call *c, int n, uint64_t v)
{
	uint8_t b[8];

	for (unsigned i = 0; i < c->field; i++)
		b[i] = v >> (8 * i);
	to_guest(c, c->args + n * c->field, b, c->field);
}

/* A name of len bytes at addr; NULL (errno set) when it is too long or holds a NUL. */
static char *guest_name(Call *c, uint64_t addr, uint64_t len)
{
	char *s;

	if (len >= MAX_NAME) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	s = g_malloc(len + 1);
	s[len] = 0;
	if (!from_guest(c, s, addr, len)) {
		g_free(s);
		errno = EFAULT;
		return NULL;
	}
	if (strlen(s) != len) {
		g_free(s);
		errno = EINVAL;
		return NULL;
	}
	return s;
}

static uint64_t fail(void)
{
	last_errno = errno;
	return (uint64_t)-1;
}

static int new_handle(int fd)
{
	for (int h = 1; h < MAX_FILES; h++) {
		if (!fds[h]) {
			fds[h] = fd + 1;
			return h;
		}
	}
	errno = EMFILE;
	return -1;
}

/* The host fd of a guest handle, or -1 (errno EBADF). */
static int host_fd(uint64_t h)
{
	if (h >= MAX_FILES || !fds[h]) {
		errno = EBADF;
		return -1;
	}
	return fds[h] - 1;
}

static uint64_t sys_open(Call *c)
{
	static const int modes[] = { O_RDONLY, O_RDONLY, O_RDWR, O_RDWR,
				     O_WRONLY | O_CREAT | O_TRUNC, O_WRONLY | O_CREAT | O_TRUNC,
				     O_RDWR | O_CREAT | O_TRUNC, O_RDWR | O_CREAT | O_TRUNC,
				     O_WRONLY | O_CREAT | O_APPEND, O_WRONLY | O_CREAT | O_APPEND,
				     O_RDWR | O_CREAT | O_APPEND, O_RDWR | O_CREAT | O_APPEND };
	uint64_t mode = arg(c, 1), addr = arg(c, 0), len = arg(c, 2);
	char *name = c->fault ? NULL : guest_name(c, addr, len);
	int fd, h;

	if (c->fault)
		errno = EFAULT;
	if (!name)
		return fail();
	if (mode >= ARRAY_SIZE(modes)) {
		g_free(name);
		errno = EINVAL;
		return fail();
	}
	if (!strcmp(name, ":tt")) {
		/* the console: read is stdin, write stdout, append stderr (as QEMU) */
		fd = dup(mode < 4 ? STDIN_FILENO : mode < 8 ? STDOUT_FILENO : STDERR_FILENO);
	} else {
		fd = open(name, modes[mode] | O_CLOEXEC, 0644);
	}
	g_free(name);
	if (fd < 0)
		return fail();
	h = new_handle(fd);
	if (h < 0) {
		close(fd);
		return fail();
	}
	return h;
}

static uint64_t sys_close(Call *c)
{
	uint64_t h = arg(c, 0);
	int fd = c->fault ? -1 : host_fd(h);

	if (fd < 0)
		return fail();
	fds[h] = 0;
	return close(fd) ? fail() : 0;
}

/* WRITE and READ return the bytes not transferred, as the specification says. */
static uint64_t sys_rw(Call *c, bool write_op)
{
	uint64_t h = arg(c, 0), buf = arg(c, 1), len = arg(c, 2), done = 0;
	int fd = c->fault ? -1 : host_fd(h);
	uint8_t *tmp;

	if (c->fault)
		errno = EFAULT;
	if (fd < 0)
		return c->fault ? fail() : (fail(), len);
	tmp = g_malloc(MIN(len, (uint64_t)IO_CHUNK));
	while (done < len) {
		size_t n = MIN(len - done, (uint64_t)IO_CHUNK);
		ssize_t r;

		if (write_op && !from_guest(c, tmp, buf + done, n)) {
			last_errno = EFAULT;
			break;
		}
		do {
			r = write_op ? write(fd, tmp, n) : read(fd, tmp, n);
		} while (r < 0 && errno == EINTR);
		if (r < 0) {
			last_errno = errno;
			break;
		}
		if (!write_op && !to_guest(c, buf + done, tmp, r)) {
			last_errno = EFAULT;
			break;
		}
		done += r;
		if ((size_t)r < n)
			break;
	}
	g_free(tmp);
	return len - done;
}

static uint64_t sys_flen(Call *c)
{
	uint64_t h = arg(c, 0);
	int fd = c->fault ? -1 : host_fd(h);
	struct stat st;

	if (fd < 0 || fstat(fd, &st))
		return fail();
	return st.st_size;
}

static uint64_t sys_remove(Call *c)
{
	uint64_t addr = arg(c, 0), len = arg(c, 1);
	char *name = c->fault ? NULL : guest_name(c, addr, len);
	int r = name ? unlink(name) : -1;

	g_free(name);
	return r ? fail() : 0;
}

static uint64_t sys_rename(Call *c)
{
	uint64_t a0 = arg(c, 0), l0 = arg(c, 1), a1 = arg(c, 2), l1 = arg(c, 3);
	char *from = c->fault ? NULL : guest_name(c, a0, l0);
	char *to = from ? guest_name(c, a1, l1) : NULL;
	int r = to ? rename(from, to) : -1;

	g_free(from);
	g_free(to);
	return r ? fail() : 0;
}

/* [buffer, size] -> the command line, NUL-terminated, and its length in size. */
static uint64_t sys_get_cmdline(Call *c)
{
	const char *s = semihosting_cmdline ? semihosting_cmdline : "";
	size_t n = strlen(s);
	uint64_t buf = arg(c, 0), size = arg(c, 1);

	if (c->fault || n + 1 > size || !to_guest(c, buf, s, n + 1))
		return (uint64_t)-1;
	set_arg(c, 1, n);
	return c->fault ? (uint64_t)-1 : 0;
}

/* QEMU's answer: the heap in the upper half of RAM, the stack growing down from its top. */
static uint64_t sys_heapinfo(Call *c)
{
	MachineState *ms = (MachineState *)object_resolve_path("/machine");
	uint64_t block = arg(c, 0);
	uint64_t base = 0x80000000, size = ms ? ms->ram_size : 0;
	uint64_t v[4] = { base + size / 2, base + size, base + size, base };
	Call b = *c;

	b.args = block;
	for (int i = 0; !c->fault && !b.fault && i < 4; i++)
		set_arg(&b, i, v[i]);
	return c->fault || b.fault ? (uint64_t)-1 : 0;
}

static QEMU_NORETURN void sys_exit(Call *c, bool extended)
{
	uint64_t reason = c->field == 8 || extended ? arg(c, 0) : c->args;
	uint64_t code = c->field == 8 || extended ? arg(c, 1) : 0;

	exit(reason == ADP_STOPPED_APPLICATION_EXIT ? (int)code : 1);
}

uint64_t semihosting_call(CPUState *cpu, int mmu_idx, unsigned field_bytes, uint64_t op,
			  uint64_t args)
{
	Call c = { cpu, mmu_idx, field_bytes, args };
	char ch;
	int r;

	if (start_ms < 0)
		start_ms = qemu_clock_get_ms(QEMU_CLOCK_REALTIME);
	switch (op) {
	case SYS_OPEN:
		return sys_open(&c);
	case SYS_CLOSE:
		return sys_close(&c);
	case SYS_WRITEC:
		if (from_guest(&c, &ch, args, 1))
			semihosting_console_write(&ch, 1);
		return 0;
	case SYS_WRITE0: {
		GString *s = g_string_new(NULL);

		/* bounded, so a string without its NUL cannot run forever */
		for (uint64_t a = args; s->len < (1u << 20) && from_guest(&c, &ch, a, 1) && ch; a++)
			g_string_append_c(s, ch);
		semihosting_console_write(s->str, s->len);
		g_string_free(s, TRUE);
		return 0;
	}
	case SYS_WRITE:
		return sys_rw(&c, true);
	case SYS_READ:
		return sys_rw(&c, false);
	case SYS_READC:
		r = semihosting_console_read_byte();
		return r < 0 ? (uint64_t)-1 : (uint64_t)r;
	case SYS_ISERROR:
		return (int64_t)arg(&c, 0) < 0;
	case SYS_ISTTY:
		r = host_fd(arg(&c, 0));
		return r < 0 || c.fault ? fail() : isatty(r);
	case SYS_SEEK: {
		uint64_t h = arg(&c, 0), pos = arg(&c, 1);

		r = c.fault ? -1 : host_fd(h);
		return r < 0 || lseek(r, pos, SEEK_SET) < 0 ? fail() : 0;
	}
	case SYS_FLEN:
		return sys_flen(&c);
	case SYS_REMOVE:
		return sys_remove(&c);
	case SYS_RENAME:
		return sys_rename(&c);
	case SYS_CLOCK:
		return (qemu_clock_get_ms(QEMU_CLOCK_REALTIME) - start_ms) / 10;
	case SYS_TIME:
		return time(NULL);
	case SYS_ELAPSED:
		set_arg(&c, 0, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) / 1000 - start_ms * 1000);
		return 0;
	case SYS_TICKFREQ:
		return 1000000; /* SYS_ELAPSED counts microseconds */
	case SYS_ERRNO:
		return last_errno;
	case SYS_GET_CMDLINE:
		return sys_get_cmdline(&c);
	case SYS_HEAPINFO:
		return sys_heapinfo(&c);
	case SYS_EXIT:
	case SYS_EXIT_EXTENDED:
		sys_exit(&c, op == SYS_EXIT_EXTENDED);
	default:
		/* QEMU aborts here; a guest must not be able to crash us */
		qemu_log_mask(LOG_GUEST_ERROR, "semihosting: unsupported call %#" PRIx64 "\n", op);
		return (uint64_t)-1;
	}
}
