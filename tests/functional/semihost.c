/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Semihosting's guest: every operation the spec lists, through the RISC-V trap sequence
 * (slli x0,x0,0x1f; ebreak; srai x0,x0,7). It prints what it finds on the semihosting console
 * and exits with SYS_EXIT_EXTENDED: status 0 when every check passed, else the failed check's
 * number. The host file it writes is "semihost.txt" in the current directory.
 */
#include "semihost-call.h"

#define SYS_OPEN	  0x01
#define SYS_CLOSE	  0x02
#define SYS_WRITEC	  0x03
#define SYS_WRITE0	  0x04
#define SYS_WRITE	  0x05
#define SYS_READ	  0x06
#define SYS_READC	  0x07
#define SYS_ISTTY	  0x09
#define SYS_SEEK	  0x0a
#define SYS_FLEN	  0x0c
#define SYS_REMOVE	  0x0e
#define SYS_RENAME	  0x0f
#define SYS_CLOCK	  0x10
#define SYS_TIME	  0x11
#define SYS_ERRNO	  0x13
#define SYS_GET_CMDLINE	  0x15
#define SYS_HEAPINFO	  0x16
#define SYS_EXIT	  0x18
#define SYS_EXIT_EXTENDED 0x20

static ulong len(const char *s)
{
	ulong n = 0;

	while (s[n])
		n++;
	return n;
}

static void puts0(const char *s)
{
	semihost(SYS_WRITE0, (ulong)s);
}

static void fail(int n)
{
	ulong args[2] = { 0x20026, n }; /* ADP_Stopped_ApplicationExit */

	puts0("FAIL\n");
	semihost(SYS_EXIT_EXTENDED, (ulong)args);
}

#define CHECK(n, cond) \
	do { \
		if (!(cond)) \
			fail(n); \
	} while (0)

static ulong sys_open(const char *name, ulong mode)
{
	ulong a[3] = { (ulong)name, mode, len(name) };
	return semihost(SYS_OPEN, (ulong)a);
}

static ulong sys_rw(ulong op, ulong fd, void *buf, ulong n)
{
	ulong a[3] = { fd, (ulong)buf, n };
	return semihost(op, (ulong)a);
}

static ulong sys1(ulong op, ulong x)
{
	ulong a[1] = { x };
	return semihost(op, (ulong)a);
}

static char buf[256];
static char cmdline[256];

int main(void)
{
	const char *name = "semihost.txt", *moved = "semihost2.txt";
	ulong fd, a[4], heap[4], tty;
	char c = '!';

	puts0("semihosting: WRITE0\n");
	semihost(SYS_WRITEC, (ulong)&c);
	semihost(SYS_WRITEC, (ulong)"\n");
	tty = sys_open(":tt", 4); /* "w": the console */
	CHECK(1, tty != (ulong)-1);
	CHECK(2, sys_rw(SYS_WRITE, tty, "console WRITE\n", 14) == 0);
	CHECK(3, sys1(SYS_ISTTY, tty) <= 1); /* a terminal or not: stdout decides */
	/* a host file: written, measured, read back from an offset */
	fd = sys_open(name, 4);		/* "w" */
	CHECK(4, fd != (ulong)-1);
	CHECK(5, sys1(SYS_ISTTY, fd) == 0);
	CHECK(6, sys_rw(SYS_WRITE, fd, "0123456789", 10) == 0);
	CHECK(7, sys1(SYS_CLOSE, fd) == 0);
	fd = sys_open(name, 0);		/* "r" */
	CHECK(8, fd != (ulong)-1);
	CHECK(9, sys1(SYS_FLEN, fd) == 10);
	a[0] = fd;
	a[1] = 4;
	CHECK(10, semihost(SYS_SEEK, (ulong)a) == 0);
	CHECK(11, sys_rw(SYS_READ, fd, buf, 100) == 94); /* 6 read: 94 not read */
	CHECK(12, buf[0] == '4' && buf[5] == '9');
	CHECK(13, sys_rw(SYS_READ, fd, buf, 8) == 8);	/* at the end: none read */
	CHECK(14, sys1(SYS_CLOSE, fd) == 0);
	CHECK(15, sys1(SYS_CLOSE, fd) == (ulong)-1);	/* not open any more */
	/* rename, remove, errno */
	a[0] = (ulong)name;
	a[1] = len(name);
	a[2] = (ulong)moved;
	a[3] = len(moved);
	CHECK(16, semihost(SYS_RENAME, (ulong)a) == 0);
	CHECK(17, sys_open(name, 0) == (ulong)-1);
	CHECK(18, semihost(SYS_ERRNO, 0) == 2);	/* ENOENT */
	a[0] = (ulong)moved;
	a[1] = len(moved);
	CHECK(19, semihost(SYS_REMOVE, (ulong)a) == 0);
	CHECK(20, semihost(SYS_REMOVE, (ulong)a) != 0);
	/* clocks */
	CHECK(21, semihost(SYS_TIME, 0) > 1700000000);
	CHECK(22, (long)semihost(SYS_CLOCK, 0) >= 0);
	/* the command line and the heap */
	a[0] = (ulong)cmdline;
	a[1] = sizeof(cmdline);
	CHECK(23, semihost(SYS_GET_CMDLINE, (ulong)a) == 0);
	puts0("cmdline: ");
	puts0(cmdline);
	puts0("\n");
	heap[0] = heap[1] = heap[2] = heap[3] = 1;
	a[0] = (ulong)heap;
	semihost(SYS_HEAPINFO, (ulong)a);
	CHECK(24, heap[0] != 1 && heap[1] != 1);
	puts0("all passed\n");
	a[0] = 0x20026;
	a[1] = 0;
	semihost(SYS_EXIT, (ulong)a);
	return 1;
}
