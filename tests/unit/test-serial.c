// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the 16550A UART ("serial-mm"), driven like a guest through loads and stores on
 * the system address space, with a chardev over a socket pair standing in for the host side
 * and an interrupt line that records its level: reset values, every register, the divisor
 * latch, FIFO fill, flow control and overrun, trigger levels, the character timeout,
 * interrupt identification order, THRE semantics, loopback and modem status, breaks, wide and
 * misaligned accesses, and a long run of random accesses that must leave the device sane.
 */
#include "qemu/osdep.h"
#include "test-timing.h"
#include "hw/char/serial.h"
#include "chardev/char.h"
#include "exec/address-spaces.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#define UART_BASE 0x10000000

/* Register offsets and bits, written out from the 16550A datasheet. */
enum { RBR, IER, IIR, LCR, MCR, LSR, MSR, SCR };
#define THR	 RBR
#define FCR	 IIR
#define DLL	 RBR
#define DLM	 IER
#define LCR_DLAB 0x80
#define MCR_LOOP 0x10
#define LSR_IDLE 0x60 /* THRE | TEMT */
#define LSR_DR	 0x01
#define LSR_OE	 0x02
#define LSR_BI	 0x10

typedef struct Fixture {
	DeviceState *dev;
	Chardev *chr;
	qemu_irq irq;
	int host; /* the test's end of the socket pair */
	int level;
	int rises, falls;
} Fixture;

static void irq_handler(void *opaque, int n, int level)
{
	Fixture *f = opaque;

	f->rises += level && !f->level;
	f->falls += !level && f->level;
	f->level = level;
}

static void setup(Fixture *f, gconstpointer data)
{
	static unsigned count;
	char id[32];
	int sv[2];

	memset(f, 0, sizeof(*f));
	g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
	snprintf(id, sizeof(id), "uart%u", count++);
	f->chr = qemu_chr_new_fd(id, sv[0], sv[0], &error_abort);
	f->host = sv[1];
	f->dev = qdev_new(TYPE_SERIAL_MM);
	object_property_set_str(OBJECT(f->dev), "chardev", id, &error_abort);
	f->irq = qemu_allocate_irq(irq_handler, f, 0);
	sysbus_connect_irq(SYS_BUS_DEVICE(f->dev), 0, f->irq);
	g_assert_true(qdev_realize(f->dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(f->dev), 0, UART_BASE);
}

static void teardown(Fixture *f, gconstpointer data)
{
	/* Closing our end first makes any output still queued fail fast instead of draining. */
	close(f->host);
	object_unref(OBJECT(f->dev));
	qemu_chr_delete(f->chr);
	qemu_free_irq(f->irq);
}

/* ---- guest side ---- */

static uint64_t load(unsigned off, unsigned size)
{
	uint64_t val;

	g_assert_cmpint(address_space_load(get_address_space_memory(), UART_BASE + off, size, &val),
			==, MEMTX_OK);
	return val;
}

static void store(unsigned off, unsigned size, uint64_t val)
{
	g_assert_cmpint(address_space_store(get_address_space_memory(), UART_BASE + off, size, val),
			==, MEMTX_OK);
}

static uint8_t rd(unsigned reg)
{
	return load(reg, 1);
}

static void wr(unsigned reg, uint8_t val)
{
	store(reg, 1, val);
}

static void set_divisor(uint16_t div)
{
	uint8_t lcr = rd(LCR);

	wr(LCR, lcr | LCR_DLAB);
	wr(DLL, div & 0xff);
	wr(DLM, div >> 8);
	wr(LCR, lcr);
}

static void send_looped(const char *s)
{
	while (*s)
		wr(THR, *s++);
}

static void device_reset(Fixture *f)
{
	DEVICE_GET_CLASS(f->dev)->reset(f->dev);
}

/* ---- host side ---- */

static void host_send(Fixture *f, const void *buf, size_t len)
{
	g_assert_cmpint(write(f->host, buf, len), ==, (ssize_t)len);
}

static void host_expect(Fixture *f, const char *want)
{
	size_t len = strlen(want), got = 0;
	char buf[256];

	g_assert_cmpuint(len, <, sizeof(buf));
	while (got < len) {
		struct pollfd pfd = { .fd = f->host, .events = POLLIN };
		ssize_t n;

		g_assert_cmpint(poll(&pfd, 1, 2000), ==, 1);
		n = read(f->host, buf + got, len - got);
		g_assert_cmpint(n, >, 0);
		got += n;
	}
	buf[len] = 0;
	g_assert_cmpstr(buf, ==, want);
}

static bool host_quiet(Fixture *f)
{
	struct pollfd pfd = { .fd = f->host, .events = POLLIN };

	return poll(&pfd, 1, 0) == 0;
}

static void host_drain(Fixture *f)
{
	char buf[4096];

	while (!host_quiet(f))
		g_assert_cmpint(read(f->host, buf, sizeof(buf)), >, 0);
}

/* ---- main loop ---- */

static bool irq_high(Fixture *f)
{
	return f->level;
}

/* Looking at LSR clears OE and BI, so only use this where those do not matter. */
static bool data_ready(Fixture *f)
{
	return rd(LSR) & LSR_DR;
}

/* Runs the main loop until cond holds, at most ms milliseconds. */
static bool pump_until(Fixture *f, bool (*cond)(Fixture *f), int ms)
{
	int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + test_scaled(ms);

	while (!cond(f)) {
		if (qemu_clock_get_ms(QEMU_CLOCK_REALTIME) >= end)
			return false;
		main_loop_wait(SCALE_MS);
	}
	return true;
}

static void pump_for(int ms)
{
	int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + test_scaled(ms);

	while (qemu_clock_get_ms(QEMU_CLOCK_REALTIME) < end)
		main_loop_wait(SCALE_MS);
}

/* ---- tests ---- */

static void test_reset_values(Fixture *f, gconstpointer data)
{
	g_assert_cmphex(rd(IER), ==, 0x00);
	g_assert_cmphex(rd(IIR), ==, 0x01);
	g_assert_cmphex(rd(LCR), ==, 0x00);
	g_assert_cmphex(rd(MCR), ==, 0x08); /* OUT2, as QEMU */
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	g_assert_cmphex(rd(MSR), ==, 0xb0); /* DCD, DSR, CTS of an always-ready host line */
	g_assert_cmphex(rd(SCR), ==, 0x00);
	g_assert_cmphex(rd(RBR), ==, 0x00);
	wr(LCR, LCR_DLAB);
	g_assert_cmphex(rd(DLL), ==, 12); /* 9600 baud */
	g_assert_cmphex(rd(DLM), ==, 0);
	g_assert_cmpint(f->level, ==, 0);

	/* a device reset brings all of it back */
	wr(DLL, 1);
	wr(LCR, 0x1b);
	wr(SCR, 0x5a);
	wr(IER, 0x0f);
	wr(MCR, 0x1f);
	wr(FCR, 0xc7);
	send_looped("xyz");
	g_assert_cmpint(f->level, ==, 1);
	device_reset(f);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmphex(rd(IER), ==, 0x00);
	g_assert_cmphex(rd(IIR), ==, 0x01);
	g_assert_cmphex(rd(LCR), ==, 0x00);
	g_assert_cmphex(rd(MCR), ==, 0x08);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	g_assert_cmphex(rd(MSR), ==, 0xb0);
	g_assert_cmphex(rd(SCR), ==, 0x00);
	wr(LCR, LCR_DLAB);
	g_assert_cmphex(rd(DLL), ==, 12);
}

static void test_plain_registers(Fixture *f, gconstpointer data)
{
	for (unsigned v = 0; v < 256; v++) {
		wr(SCR, v);
		g_assert_cmphex(rd(SCR), ==, v);
		wr(LCR, v);
		g_assert_cmphex(rd(LCR), ==, v);
	}
	wr(LCR, 0);
	/* IER and MCR keep only their defined bits */
	wr(IER, 0xf0);
	g_assert_cmphex(rd(IER), ==, 0x00);
	wr(IER, 0xff);
	g_assert_cmphex(rd(IER), ==, 0x0f);
	wr(IER, 0);
	wr(MCR, 0xe3);
	g_assert_cmphex(rd(MCR), ==, 0x03);
	wr(MCR, 0xff);
	g_assert_cmphex(rd(MCR), ==, 0x1f);
	wr(MCR, 0);
	rd(MSR);
	/* LSR and MSR ignore writes */
	wr(LSR, 0xff);
	wr(MSR, 0xff);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	g_assert_cmphex(rd(MSR), ==, 0xb0);
	g_assert_cmpint(f->level, ==, 0);
}

static void test_dlab(Fixture *f, gconstpointer data)
{
	wr(MCR, MCR_LOOP);
	wr(THR, 'q'); /* one character waits in RBR */
	wr(LCR, LCR_DLAB | 0x03);
	wr(DLL, 0x34);
	wr(DLM, 0x12);
	g_assert_cmphex(rd(DLL), ==, 0x34);
	g_assert_cmphex(rd(DLM), ==, 0x12);
	g_assert_cmphex(rd(LCR), ==, LCR_DLAB | 0x03);
	/* the latch hides RBR/THR and IER: nothing was sent, received or enabled */
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_DR);
	wr(LCR, 0x03);
	g_assert_cmphex(rd(IER), ==, 0);
	g_assert_cmphex(rd(RBR), ==, 'q');
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	/* and IER/RBR writes do not reach the latch */
	wr(IER, 0x05);
	wr(LCR, LCR_DLAB);
	g_assert_cmphex(rd(DLL), ==, 0x34);
	g_assert_cmphex(rd(DLM), ==, 0x12);
	g_assert_true(host_quiet(f));
}

static void test_transmit(Fixture *f, gconstpointer data)
{
	const char *msg = "Hello, world\r\n";

	for (const char *p = msg; *p; p++) {
		wr(THR, *p);
		/* the transmitter is instantaneous: THR and the shift register are empty again */
		g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	}
	host_expect(f, msg);
	wr(FCR, 0x07);
	for (const char *p = msg; *p; p++)
		wr(THR, *p);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	host_expect(f, msg);
}

static void test_receive(Fixture *f, gconstpointer data)
{
	/* without FIFOs the UART takes one character at a time: no overrun from the host */
	host_send(f, "abc", 3);
	for (const char *p = "abc"; *p; p++) {
		g_assert_true(pump_until(f, data_ready, 2000));
		pump_for(5);
		g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_DR);
		g_assert_cmphex(rd(RBR), ==, *p);
		g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	}
	/* an empty RBR reads the last character again */
	g_assert_cmphex(rd(RBR), ==, 'c');

	/* data available interrupt */
	wr(IER, 0x01);
	g_assert_cmpint(f->level, ==, 0);
	host_send(f, "z", 1);
	g_assert_true(pump_until(f, irq_high, 2000));
	g_assert_cmphex(rd(IIR), ==, 0x04);
	g_assert_cmphex(rd(RBR), ==, 'z');
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmphex(rd(IIR), ==, 0x01);
}

static void test_fifo_flow_control(Fixture *f, gconstpointer data)
{
	char msg[21] = "ABCDEFGHIJKLMNOPQRST";

	wr(FCR, 0x07);
	g_assert_cmphex(rd(IIR), ==, 0xc1);
	host_send(f, msg, 20);
	g_assert_true(pump_until(f, data_ready, 2000));
	pump_for(20);
	/* the FIFO took 16, the rest waits on the host side */
	for (int i = 0; i < 16; i++) {
		g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_DR);
		g_assert_cmphex(rd(RBR), ==, msg[i]);
	}
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	g_assert_cmphex(rd(RBR), ==, 0); /* an empty FIFO reads 0 */
	g_assert_true(pump_until(f, data_ready, 2000));
	pump_for(5);
	for (int i = 16; i < 20; i++)
		g_assert_cmphex(rd(RBR), ==, msg[i]);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
}

static void test_fifo_overrun(Fixture *f, gconstpointer data)
{
	wr(MCR, MCR_LOOP);
	wr(FCR, 0x07);
	wr(IER, 0x04); /* line status only */
	send_looped("ABCDEFGHIJKLMNOP");
	g_assert_cmpint(f->level, ==, 0);
	wr(THR, 'Q'); /* the 17th finds the FIFO full */
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmphex(rd(IIR), ==, 0xc6);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_OE | LSR_DR);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmphex(rd(IIR), ==, 0xc1);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_DR);
	/* a full FIFO keeps what it had; the newcomer is lost */
	for (char c = 'A'; c <= 'P'; c++)
		g_assert_cmphex(rd(RBR), ==, c);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);

	/* without FIFOs the newcomer replaces the unread character */
	wr(FCR, 0x00);
	send_looped("xy");
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_OE | LSR_DR);
	g_assert_cmphex(rd(RBR), ==, 'y');
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
}

static void test_trigger_levels(Fixture *f, gconstpointer data)
{
	static const unsigned levels[4] = { 1, 4, 8, 14 };

	for (unsigned i = 0; i < 4; i++) {
		device_reset(f);
		set_divisor(0xffff); /* slow enough that no character timeout interferes */
		wr(MCR, MCR_LOOP);
		wr(FCR, i << 6 | 0x07);
		wr(IER, 0x01);
		for (unsigned n = 0; n + 1 < levels[i]; n++)
			wr(THR, 'a' + n);
		g_assert_cmpint(f->level, ==, 0);
		g_assert_cmphex(rd(IIR), ==, 0xc1);
		wr(THR, '!');
		g_assert_cmpint(f->level, ==, 1);
		g_assert_cmphex(rd(IIR), ==, 0xc4);
		rd(RBR);
		g_assert_cmpint(f->level, ==, 0);
		g_assert_cmphex(rd(IIR), ==, 0xc1);
	}
}

static void test_char_timeout(Fixture *f, gconstpointer data)
{
	int64_t start, char_ns = NANOSECONDS_PER_SECOND * 10 / 115200;

	set_divisor(1); /* 115200 baud, 8N1: 4 characters take 347 us */
	wr(LCR, 0x03);
	wr(MCR, MCR_LOOP);
	wr(FCR, 0xc7); /* trigger at 14 */
	wr(IER, 0x01);
	start = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
	send_looped("abc");
	g_assert_cmphex(rd(IIR), ==, 0xc1);
	g_assert_true(pump_until(f, irq_high, 2000));
	g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) - start, >=, 4 * char_ns);
	g_assert_cmphex(rd(IIR), ==, 0xcc);
	/* reading clears it; two characters still wait, so it comes back */
	g_assert_cmphex(rd(RBR), ==, 'a');
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmphex(rd(IIR), ==, 0xc1);
	g_assert_true(pump_until(f, irq_high, 2000));
	g_assert_cmphex(rd(IIR), ==, 0xcc);
	g_assert_cmphex(rd(RBR), ==, 'b');
	g_assert_cmphex(rd(RBR), ==, 'c');
	pump_for(10);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmphex(rd(IIR), ==, 0xc1);

	/* IER's data bit masks the timeout too; it shows once enabled */
	wr(IER, 0);
	wr(THR, 'd');
	pump_for(10);
	g_assert_cmpint(f->level, ==, 0);
	wr(IER, 0x01);
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmphex(rd(IIR), ==, 0xcc);
	rd(RBR);

	/* no timeouts without FIFOs */
	wr(FCR, 0);
	wr(THR, 'e');
	g_assert_cmphex(rd(IIR), ==, 0x04);
	pump_for(10);
	g_assert_cmphex(rd(IIR), ==, 0x04);
	rd(RBR);

	/* at a slow rate the timeout has not come yet */
	set_divisor(0xffff);
	wr(FCR, 0xc7);
	wr(THR, 'f');
	pump_for(20);
	g_assert_cmphex(rd(IIR), ==, 0xc1);
}

static void test_iir_priority(Fixture *f, gconstpointer data)
{
	set_divisor(0xffff);
	wr(MCR, MCR_LOOP); /* modem inputs change: CTS, DSR, DCD drop */
	wr(FCR, 0xc7);
	send_looped("0123456789abcdefX"); /* 16 stored, one overrun */
	wr(IER, 0x0f);
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmphex(rd(IIR), ==, 0xc6); /* line status first */
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_OE | LSR_DR);
	g_assert_cmphex(rd(IIR), ==, 0xc4); /* then data at the trigger level */
	rd(RBR);
	rd(RBR);
	rd(RBR);
	g_assert_cmphex(rd(IIR), ==, 0xc2); /* then THR empty, acknowledged by this read */
	g_assert_cmphex(rd(IIR), ==, 0xc0); /* then modem status */
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmphex(rd(MSR), ==, 0x0b);
	g_assert_cmphex(rd(IIR), ==, 0xc1);
	g_assert_cmpint(f->level, ==, 0);

	/* the character timeout ranks with data available, above THRE */
	set_divisor(1);
	wr(IER, 0x01);
	rd(RBR); /* restarts the timeout at the new rate; 12 left, below the trigger */
	g_assert_true(pump_until(f, irq_high, 2000));
	wr(IER, 0x03); /* THRE pending too */
	g_assert_cmphex(rd(IIR), ==, 0xcc);
	while (rd(LSR) & LSR_DR)
		rd(RBR);
	g_assert_cmphex(rd(IIR), ==, 0xc2);
	g_assert_cmphex(rd(IIR), ==, 0xc1);
}

static void test_thre(Fixture *f, gconstpointer data)
{
	int falls;

	/* enabling THRE with THR empty interrupts at once */
	wr(IER, 0x02);
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmphex(rd(IIR), ==, 0x02);
	/* reading IIR acknowledged it */
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmphex(rd(IIR), ==, 0x01);
	/* rewriting the same IER does not re-arm it; toggling the bit does */
	wr(IER, 0x02);
	g_assert_cmpint(f->level, ==, 0);
	wr(IER, 0x00);
	wr(IER, 0x02);
	g_assert_cmpint(f->level, ==, 1);
	/* a write clears it, and THR empties again at once: the line dips and rises */
	falls = f->falls;
	wr(THR, 'a');
	g_assert_cmpint(f->falls, ==, falls + 1);
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmphex(rd(IIR), ==, 0x02);
	wr(THR, 'b');
	g_assert_cmphex(rd(IIR), ==, 0x02);
	g_assert_cmphex(rd(IIR), ==, 0x01);
	host_expect(f, "ab");
	/* disabling drops it; re-enabling raises it again */
	wr(THR, 'c');
	wr(IER, 0x00);
	g_assert_cmpint(f->level, ==, 0);
	wr(IER, 0x02);
	g_assert_cmpint(f->level, ==, 1);
	rd(IIR);
	/* resetting the transmit FIFO asks for data too */
	wr(FCR, 0x01);
	g_assert_cmphex(rd(IIR), ==, 0xc2);
	g_assert_cmphex(rd(IIR), ==, 0xc1);
	wr(FCR, 0x05);
	g_assert_cmphex(rd(IIR), ==, 0xc2);
	host_expect(f, "c");
}

/* MSR line states from the MCR outputs in loopback: DTR-DSR, RTS-CTS, OUT1-RI, OUT2-DCD. */
static uint8_t loop_lines(unsigned mcr)
{
	return (mcr & 1 ? 0x20 : 0) | (mcr & 2 ? 0x10 : 0) | (mcr & 4 ? 0x40 : 0) |
	       (mcr & 8 ? 0x80 : 0);
}

static uint8_t loop_deltas(unsigned from, unsigned to)
{
	uint8_t d = 0;

	if ((from ^ to) & 2)
		d |= 0x01; /* DCTS */
	if ((from ^ to) & 1)
		d |= 0x02; /* DDSR */
	if ((from & 4) && !(to & 4))
		d |= 0x04; /* TERI: RI's trailing edge only */
	if ((from ^ to) & 8)
		d |= 0x08; /* DDCD */
	return d;
}

static void test_loopback(Fixture *f, gconstpointer data)
{
	wr(FCR, 0x07);
	wr(MCR, MCR_LOOP);
	send_looped("loop");
	g_assert_true(host_quiet(f));
	for (const char *p = "loop"; *p; p++)
		g_assert_cmphex(rd(RBR), ==, *p);

	/* modem status follows the outputs, with change flags and their interrupt */
	for (unsigned from = 0; from < 16; from++) {
		for (unsigned to = 0; to < 16; to++) {
			wr(MCR, MCR_LOOP | from);
			rd(MSR);
			wr(IER, 0x08);
			wr(MCR, MCR_LOOP | to);
			g_assert_cmpint(f->level, ==, loop_deltas(from, to) != 0);
			g_assert_cmphex(rd(MSR), ==, loop_lines(to) | loop_deltas(from, to));
			g_assert_cmphex(rd(MSR), ==, loop_lines(to));
			wr(IER, 0);
		}
	}
	wr(MCR, MCR_LOOP);
	rd(MSR);
	wr(IER, 0x08);
	wr(MCR, MCR_LOOP | 0x01);
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmphex(rd(IIR), ==, 0xc0);
	rd(MSR);
	g_assert_cmpint(f->level, ==, 0);
	wr(IER, 0);

	/* the host line is cut off: its input and breaks wait until loopback ends */
	host_send(f, "h", 1);
	qemu_chr_be_event(f->chr, CHR_EVENT_BREAK);
	pump_for(20);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	wr(MCR, 0);
	g_assert_cmphex(rd(MSR), ==, 0xb0 | 0x09); /* the host's lines are back: CTS, DCD rose */
	g_assert_true(pump_until(f, data_ready, 2000));
	g_assert_cmphex(rd(RBR), ==, 'h');
}

static void test_break(Fixture *f, gconstpointer data)
{
	wr(IER, 0x04);
	qemu_chr_be_event(f->chr, CHR_EVENT_BREAK);
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmphex(rd(IIR), ==, 0x06);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_BI | LSR_DR);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_DR);
	g_assert_cmphex(rd(RBR), ==, 0); /* a break reads as NUL */
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);

	/* in FIFO mode the NUL queues behind earlier characters; reading them out clears BI */
	wr(FCR, 0x07);
	host_send(f, "k", 1);
	g_assert_true(pump_until(f, data_ready, 2000));
	qemu_chr_be_event(f->chr, CHR_EVENT_BREAK);
	g_assert_cmphex(rd(RBR), ==, 'k');
	g_assert_cmphex(rd(RBR), ==, 0);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);

	/* other events are no breaks */
	qemu_chr_be_event(f->chr, CHR_EVENT_OPENED);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
}

static void test_fcr(Fixture *f, gconstpointer data)
{
	wr(MCR, MCR_LOOP);
	/* with FIFOs off, FCR bits other than enable do nothing */
	wr(THR, 'a');
	wr(FCR, 0xc6);
	g_assert_cmphex(rd(IIR), ==, 0x01);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_DR);
	/* switching modes empties the FIFOs */
	wr(FCR, 0x01);
	g_assert_cmphex(rd(IIR), ==, 0xc1);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	send_looped("bcd");
	wr(FCR, 0x01); /* no reset asked: kept */
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_DR);
	wr(FCR, 0x05); /* transmit reset only: kept */
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE | LSR_DR);
	wr(FCR, 0x03); /* receive reset */
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	send_looped("ef");
	wr(FCR, 0x00);
	g_assert_cmphex(rd(IIR), ==, 0x01);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	/* the DMA mode bit is accepted and resets nothing */
	wr(FCR, 0x01);
	send_looped("g");
	wr(FCR, 0x09);
	g_assert_cmphex(rd(IIR), ==, 0xc1);
	g_assert_cmphex(rd(RBR), ==, 'g');
}

static void test_wide_accesses(Fixture *f, gconstpointer data)
{
	AddressSpace *as = get_address_space_memory();
	uint64_t val;

	/* any width acts on the register at its offset, with the value's low byte */
	store(THR, 4, 0x44434241);
	host_expect(f, "A");
	g_assert_true(host_quiet(f));
	store(THR, 8, 0x4847464544434245ULL);
	host_expect(f, "E");
	wr(SCR, 0x77);
	store(MCR, 4, 0xffffff03);
	g_assert_cmphex(rd(MCR), ==, 0x03);
	g_assert_cmphex(rd(SCR), ==, 0x77);
	g_assert_cmphex(load(MSR, 2), ==, 0xb0);
	g_assert_cmphex(load(LCR - 1, 2), ==, 0x01); /* IIR */
	wr(LCR, LCR_DLAB);
	g_assert_cmphex(load(DLL, 8), ==, 12);
	g_assert_cmphex(load(DLM - 1, 2), ==, 12);
	wr(LCR, 0);
	store(SCR - 1, 2, 0x5555); /* at 6: MSR, read-only */
	g_assert_cmphex(rd(SCR), ==, 0x77);
	store(SCR, 1, 0x1ff);
	g_assert_cmphex(rd(SCR), ==, 0xff);

	/* misaligned accesses fault and do nothing */
	g_assert_cmpint(address_space_store(as, UART_BASE + 1, 2, 0x4141), ==, MEMTX_ERROR);
	g_assert_cmpint(address_space_store(as, UART_BASE + 2, 4, 0x4141), ==, MEMTX_ERROR);
	g_assert_cmpint(address_space_store(as, UART_BASE + 1, 4, 0x4141), ==, MEMTX_ERROR);
	g_assert_cmpint(address_space_load(as, UART_BASE + 5, 2, &val), ==, MEMTX_ERROR);
	g_assert_true(host_quiet(f));
	/* the device is eight bytes long, as QEMU maps it */
	g_assert_cmpint(address_space_load(as, UART_BASE + 8, 1, &val), ==, MEMTX_DECODE_ERROR);
	g_assert_cmpint(address_space_store(as, UART_BASE + 0xff, 1, 0), ==, MEMTX_DECODE_ERROR);
}

/* Checks what any sequence of accesses must preserve, right after a read of reg gave val. */
static void check_sane(Fixture *f, unsigned reg, uint8_t val, bool dlab, int level_before)
{
	switch (reg) {
	case IIR: {
		static const uint8_t ids[] = { 0x0, 0x1, 0x2, 0x4, 0x6, 0xc };

		g_assert_true(memchr(ids, val & 0x0f, sizeof(ids)) != NULL);
		g_assert_cmphex(val & 0x30, ==, 0);
		g_assert_true((val & 0xc0) == 0 || (val & 0xc0) == 0xc0);
		/* the line was high exactly when IIR named a source */
		g_assert_cmpint(level_before, ==, !(val & 1));
		break;
	}
	case LSR:
		g_assert_cmphex(val & 0xec, ==, LSR_IDLE);
		break;
	case IER:
		if (!dlab)
			g_assert_cmphex(val, <=, 0x0f);
		break;
	case MCR:
		g_assert_cmphex(val, <=, 0x1f);
		break;
	}
}

static void test_hostile(Fixture *f, gconstpointer data)
{
	static const unsigned sizes[] = { 1, 2, 4, 8 };
	AddressSpace *as = get_address_space_memory();
	GRand *rand = g_rand_new_with_seed(0x16550);

	for (int i = 0; i < 200000; i++) {
		unsigned size = sizes[g_rand_int_range(rand, 0, 4)];
		unsigned off = g_rand_int_range(rand, 0, SERIAL_MM_SIZE - size + 1);
		uint64_t val = (uint64_t)g_rand_int(rand) << 32 | g_rand_int(rand);
		int level = f->level;
		MemTxResult want = off % size ? MEMTX_ERROR : MEMTX_OK;
		bool dlab;

		if (g_rand_boolean(rand)) {
			g_assert_cmpint(address_space_store(as, UART_BASE + off, size, val), ==,
					want);
			continue;
		}
		dlab = rd(LCR) & LCR_DLAB;
		g_assert_cmpint(address_space_load(as, UART_BASE + off, size, &val), ==, want);
		if (want == MEMTX_OK) {
			g_assert_cmphex(val, <=, 0xff);
			check_sane(f, off, val, dlab, level);
		}
		if (i % 512 == 0) {
			char junk[8];
			for (unsigned j = 0; j < sizeof(junk); j++)
				junk[j] = g_rand_int(rand);
			host_send(f, junk, g_rand_int_range(rand, 0, sizeof(junk)));
			if (g_rand_int_range(rand, 0, 4) == 0)
				qemu_chr_be_event(f->chr, CHR_EVENT_BREAK);
			main_loop_wait(0);
			host_drain(f);
		}
	}
	g_rand_free(rand);
	/* the whole 0x100 window of virt's memory map: only the first 8 bytes answer */
	for (unsigned off = 0; off < 0x100; off++) {
		for (unsigned k = 0; k < ARRAY_SIZE(sizes); k++) {
			unsigned size = sizes[k];
			uint64_t val;
			MemTxResult want = off + size > SERIAL_MM_SIZE ? MEMTX_DECODE_ERROR
					   : off % size		       ? MEMTX_ERROR
								       : MEMTX_OK;

			if (off < SERIAL_MM_SIZE && off + size > SERIAL_MM_SIZE)
				continue; /* straddles the end: split, partly unassigned */
			g_assert_cmpint(address_space_store(as, UART_BASE + off, size, ~0ULL), ==,
					want);
			g_assert_cmpint(address_space_load(as, UART_BASE + off, size, &val), ==,
					want);
		}
	}
	/* the device still works after all that */
	device_reset(f);
	host_drain(f);
	wr(THR, 'k');
	host_expect(f, "k");
}

static void test_no_chardev(void)
{
	DeviceState *dev = qdev_new(TYPE_SERIAL_MM);
	char *baud = object_property_print(OBJECT(dev), "baudbase", &error_abort);

	g_assert_cmpstr(baud, ==, "115200");
	g_free(baud);
	object_property_set_uint(OBJECT(dev), "baudbase", 399193, &error_abort);
	g_assert_true(qdev_realize(dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, UART_BASE);
	/* output goes nowhere, input never comes; nothing breaks */
	wr(THR, 'x');
	wr(FCR, 0x07);
	wr(IER, 0x0f);
	g_assert_cmphex(rd(IIR), ==, 0xc2);
	g_assert_cmphex(rd(LSR), ==, LSR_IDLE);
	object_unref(OBJECT(dev));
	/* the dying device took its region out of the memory map */
	g_assert_cmpint(address_space_store(get_address_space_memory(), UART_BASE, 1, 0), ==,
			MEMTX_DECODE_ERROR);
}

/*
 * A reader far behind: once the chardev's buffer is full, bytes stay in the transmit FIFO
 * with THRE and TEMT clear and no THRE interrupt; when the reader catches up they leave in
 * order and THRE interrupts. Nothing is lost.
 */
static void test_tx_backpressure(Fixture *f, gconstpointer data)
{
	GString *got = g_string_new(NULL);
	unsigned sent = 0;
	char buf[65536];

	f->chr->out_max = 0;
	fcntl(f->host, F_SETFL, O_NONBLOCK);
	wr(FCR, 0x01);
	wr(IER, 0x02);
	g_assert_cmphex(rd(IIR) & 0x0f, ==, 0x02);
	/* the socket's own buffer takes some; then the transmitter holds */
	while (rd(LSR) & 0x20) {
		wr(THR, 'a' + sent % 26);
		sent++;
		g_assert_cmpuint(sent, <, 16 << 20);
	}
	g_assert_cmphex(rd(LSR) & LSR_IDLE, ==, 0);
	g_assert_cmphex(rd(IIR) & 0x0f, ==, 0x01);
	g_assert_cmpint(f->level, ==, 0);
	/* a driver fills the FIFO after THRE: 15 more fit */
	for (int i = 0; i < 15; i++, sent++)
		wr(THR, 'a' + sent % 26);
	for (int quiet = 0; quiet < 50 && got->len < sent;) {
		ssize_t n = read(f->host, buf, sizeof(buf));

		quiet = n > 0 ? 0 : quiet + 1;
		if (n > 0)
			g_string_append_len(got, buf, n);
		main_loop_wait(0);
	}
	g_assert_cmpuint(got->len, ==, sent);
	for (unsigned i = 0; i < sent; i++)
		g_assert_cmpint(got->str[i], ==, 'a' + i % 26);
	g_assert_cmphex(rd(LSR) & LSR_IDLE, ==, LSR_IDLE);
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmphex(rd(IIR) & 0x0f, ==, 0x02);
	g_string_free(got, TRUE);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *path;
		void (*fn)(Fixture *f, gconstpointer data);
	} cases[] = {
		{ "/serial/reset-values", test_reset_values },
		{ "/serial/plain-registers", test_plain_registers },
		{ "/serial/dlab", test_dlab },
		{ "/serial/transmit", test_transmit },
		{ "/serial/receive", test_receive },
		{ "/serial/fifo/flow-control", test_fifo_flow_control },
		{ "/serial/fifo/overrun", test_fifo_overrun },
		{ "/serial/fifo/trigger-levels", test_trigger_levels },
		{ "/serial/fifo/char-timeout", test_char_timeout },
		{ "/serial/fifo/fcr", test_fcr },
		{ "/serial/irq/priority", test_iir_priority },
		{ "/serial/irq/thre", test_thre },
		{ "/serial/tx-backpressure", test_tx_backpressure },
		{ "/serial/loopback", test_loopback },
		{ "/serial/break", test_break },
		{ "/serial/wide-accesses", test_wide_accesses },
		{ "/serial/hostile", test_hostile },
	};

	g_test_init(&argc, &argv, NULL);
	sysbus_get_default();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		g_test_add(cases[i].path, Fixture, NULL, setup, cases[i].fn, teardown);
	g_test_add_func("/serial/no-chardev", test_no_chardev);
	return g_test_run();
}
