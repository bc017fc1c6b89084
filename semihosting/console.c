// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The semihosting console (see semihosting/console.h). Input from a chardev arrives through
 * its frontend callbacks into a small FIFO; SYS_READC waits for a byte by running the main
 * loop, as the guest is stopped in the call meanwhile.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "chardev/char-fe.h"
#include "chardev/char.h"
#include "semihosting/console.h"

#define FIFO_SIZE 256

static CharBackend be;
static bool have_chardev, input_closed;
static uint8_t fifo[FIFO_SIZE];
static unsigned fifo_head, fifo_len;

static int can_read(void *opaque)
{
	return FIFO_SIZE - fifo_len;
}

static void chr_read(void *opaque, const uint8_t *buf, int len)
{
	for (int i = 0; i < len && fifo_len < FIFO_SIZE; i++)
		fifo[(fifo_head + fifo_len++) % FIFO_SIZE] = buf[i];
}

static void chr_event(void *opaque, QEMUChrEvent event)
{
	if (event == CHR_EVENT_CLOSED)
		input_closed = true;
}

bool semihosting_console_init(Chardev *chr, Error **errp)
{
	if (!chr)
		return true;
	if (!qemu_chr_fe_init(&be, chr, errp))
		return false;
	qemu_chr_fe_set_handlers(&be, can_read, chr_read, chr_event, NULL);
	have_chardev = true;
	return true;
}

void semihosting_console_write(const void *buf, size_t len)
{
	if (have_chardev) {
		qemu_chr_fe_write_all(&be, buf, len);
		return;
	}
	while (len) {
		ssize_t n = write(STDERR_FILENO, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf = (const uint8_t *)buf + n;
		len -= n;
	}
}

int semihosting_console_read_byte(void)
{
	uint8_t c;

	if (!have_chardev) {
		ssize_t n;

		do {
			n = read(STDIN_FILENO, &c, 1);
		} while (n < 0 && errno == EINTR);
		return n == 1 ? c : -1;
	}
	while (!fifo_len && !input_closed) {
		qemu_chr_fe_accept_input(&be);
		main_loop_wait(-1);
	}
	if (!fifo_len)
		return -1;
	c = fifo[fifo_head];
	fifo_head = (fifo_head + 1) % FIFO_SIZE;
	fifo_len--;
	return c;
}
