// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A UDP echo server for the riscv64 Linux guest of test-net-user.py (Debian's busybox has no
 * UDP server): binds 0.0.0.0:7 and sends every datagram back to its sender. Freestanding,
 * on Linux's system calls alone, so the bare-metal toolchain builds it.
 */
#include <stdint.h>

enum { SYS_SOCKET = 198, SYS_BIND = 200, SYS_SENDTO = 206, SYS_RECVFROM = 207, SYS_EXIT = 93 };

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long a0 __asm__("a0") = a, a1 __asm__("a1") = b, a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d, a4 __asm__("a4") = e, a5 __asm__("a5") = f;
	register long a7 __asm__("a7") = n;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
			 : "memory");
	return a0;
}

struct sockaddr_in4 {
	uint16_t family, port; /* port big-endian */
	uint32_t addr;
	uint8_t zero[8];
};

void _start(void)
{
	static uint8_t buf[65536];
	struct sockaddr_in4 me = { .family = 2, .port = 7 << 8 }, peer;
	long fd = sys6(SYS_SOCKET, 2 /* AF_INET */, 2 /* SOCK_DGRAM */, 0, 0, 0, 0);

	if (fd < 0 || sys6(SYS_BIND, fd, (long)&me, sizeof(me), 0, 0, 0) < 0)
		sys6(SYS_EXIT, 1, 0, 0, 0, 0, 0);
	for (;;) {
		uint32_t len = sizeof(peer);
		long n = sys6(SYS_RECVFROM, fd, (long)buf, sizeof(buf), 0, (long)&peer, (long)&len);

		if (n >= 0)
			sys6(SYS_SENDTO, fd, (long)buf, n, 0, (long)&peer, len);
	}
}
