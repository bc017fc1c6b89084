/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A hostile guest for semihosting: thousands of calls with random operations (exit and the
 * console read aside), handles, modes, name lengths, buffer sizes and argument blocks, all
 * inside RAM so that no guest fault ends the run early. The host must answer every one without
 * crashing, hanging or touching files outside the run's directory (names are short and
 * relative). Exits with status 0 through SYS_EXIT_EXTENDED when done.
 */
#include "semihost-call.h"

static ulong seed = 20261207;

static ulong rnd(void)
{
	seed = seed * 6364136223846793005ul + 1442695040888963407ul;
	return seed >> 17;
}

#define RAM_BASE 0x80000000ul
#define SCRATCH	 0x80100000ul /* 1 MiB of scratch RAM the program does not use */

static const unsigned char ops[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08, 0x09, 0x0a,
				     0x0c, 0x0e, 0x0f, 0x10, 0x11, 0x13, 0x15, 0x16, 0x30,
				     0x31, 0x14, 0x17, 0x99 };

int main(void)
{
	ulong *blk = (ulong *)(SCRATCH + 0xf0000);
	char *name = (char *)(SCRATCH + 0xe0000);
	ulong a[2];

	for (int i = 0; i < 4000; i++) {
		ulong op = ops[rnd() % sizeof(ops)];

		/* a short relative name: letters, sometimes a NUL inside or no end at all */
		for (int k = 0; k < 8; k++)
			name[k] = 'a' + rnd() % 3;
		name[rnd() % 9] = rnd() % 4 ? 0 : 'z';
		for (int k = 0; k < 4; k++) {
			ulong r = rnd();
			switch (r % 5) {
			case 0: blk[k] = (ulong)name; break;
			case 1: blk[k] = r % 16; break;			/* small: handles, modes */
			case 2: blk[k] = r % 70000; break;		/* lengths, some huge */
			case 3: blk[k] = SCRATCH + r % 0x80000; break;	/* a buffer in RAM */
			default: blk[k] = -(r % 3); break;		/* -1, -2, 0 */
			}
		}
		/* an OPEN or a name needs a sane length and a mode, or it only fails */
		if (op == 0x01 && rnd() % 2) {
			blk[0] = (ulong)name;
			blk[1] = rnd() % 12;
			blk[2] = 3;
		}
		/* WRITE/READ on a buffer that fits the scratch area */
		if ((op == 0x05 || op == 0x06) && blk[2] > 0x10000)
			blk[2] %= 0x10000;
		if ((op == 0x05 || op == 0x06) && (blk[1] < SCRATCH || blk[1] >= SCRATCH + 0x80000))
			blk[1] = SCRATCH;
		/* GET_CMDLINE and HEAPINFO write where blk[0] points: the scratch area */
		if (op == 0x15 || op == 0x16)
			blk[0] = SCRATCH + rnd() % 0x7ff00;
		/* WRITEC and WRITE0 take a pointer, not a block */
		semihost(op, op == 0x03 || op == 0x04 ? SCRATCH + rnd() % 0x80000 : (ulong)blk);
	}
	a[0] = 0x20026;
	a[1] = 0;
	semihost(0x20, (ulong)a);
	return 1;
}
