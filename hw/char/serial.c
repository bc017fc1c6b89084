// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The 16550A UART of QEMU's virt board ("serial-mm", regshift 0): eight byte-wide registers, a
 * 16-byte receive FIFO with trigger levels and character timeout, four prioritised interrupt
 * sources identified through IIR, the divisor latch, and loopback. The transmitter hands each
 * byte to the chardev the moment THR is written, so THR and the transmit FIFO are normally
 * empty again before the guest can look (THRE and TEMT read 1, and a THR write clears the
 * THRE interrupt only for the instant the byte takes to leave). Only when the chardev refuses
 * output, its reader far behind, do bytes stay in the transmit FIFO with THRE clear, as a
 * line with flow control holds the transmitter; they leave, and THRE interrupts, once the
 * chardev has room. Input is taken from the chardev only as fast as the receive FIFO has room,
 * so host input never overruns it; overruns come from loopback or breaks. Loads and stores of
 * 1 to 8 bytes are accepted, as QEMU does: an access of any width acts on the one register at
 * its offset, with the low byte of the value.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "sysemu/device_tree.h"
#include "hw/char/serial.h"

/* Register offsets; with DLAB (LCR bit 7) set, offsets 0 and 1 are the divisor latch. */
enum {
	UART_RBR = 0, /* read: receive buffer; write: THR; DLAB: DLL */
	UART_IER = 1, /* DLAB: DLM */
	UART_IIR = 2, /* read: interrupt identification; write: FCR */
	UART_LCR = 3,
	UART_MCR = 4,
	UART_LSR = 5, /* read only */
	UART_MSR = 6, /* read only */
	UART_SCR = 7,
};

enum {
	IER_RDA = 0x01, /* received data available, and character timeout */
	IER_THRE = 0x02,
	IER_RLS = 0x04, /* receiver line status: overrun, break */
	IER_MSI = 0x08, /* modem status */
	IER_MASK = 0x0f,
};

/* IIR: bits 3..0 name the pending source of highest priority, bits 7..6 say FIFOs are on. */
enum {
	IIR_MSI = 0x00,
	IIR_NONE = 0x01,
	IIR_THRE = 0x02,
	IIR_RDA = 0x04,
	IIR_RLS = 0x06,
	IIR_CTI = 0x0c,
	IIR_FIFO = 0xc0,
};

enum {
	FCR_ENABLE = 0x01,
	FCR_RX_RESET = 0x02,
	FCR_TX_RESET = 0x04,
	FCR_DMA = 0x08,
	FCR_TRIGGER = 0xc0,
};

enum {
	LCR_WLEN = 0x03, /* 5 + n data bits */
	LCR_STOP = 0x04, /* 2 stop bits (1.5 with 5 data bits) */
	LCR_PARITY = 0x08,
	LCR_DLAB = 0x80,
};

enum {
	MCR_DTR = 0x01,
	MCR_RTS = 0x02,
	MCR_OUT1 = 0x04,
	MCR_OUT2 = 0x08,
	MCR_LOOP = 0x10,
	MCR_MASK = 0x1f,
};

enum {
	LSR_DR = 0x01,
	LSR_OE = 0x02,
	LSR_BI = 0x10,
	LSR_THRE = 0x20,
	LSR_TEMT = 0x40,
};

/* MSR: line states in bits 7..4, each with its change flag four bits lower. */
enum {
	MSR_CTS = 0x10,
	MSR_DSR = 0x20,
	MSR_RI = 0x40,
	MSR_DCD = 0x80,
};

/* Receive trigger levels selected by FCR bits 7..6. */
static const unsigned rx_trigger_levels[4] = { 1, 4, 8, 14 };

/* Reset state, as QEMU's: 9600 baud from a 1.8432 MHz clock, OUT2 set. */
#define RESET_DIVISOR 12
#define RESET_MCR     MCR_OUT2

static bool fifo_enabled(SerialMMState *s)
{
	return s->fcr & FCR_ENABLE;
}

/* ---- receive FIFO ---- */

static unsigned rx_capacity(SerialMMState *s)
{
	return fifo_enabled(s) ? SERIAL_FIFO_SIZE : 1;
}

static void fifo_reset(SerialFifo *f)
{
	f->head = 0;
	f->count = 0;
}

static void fifo_push(SerialFifo *f, uint8_t val)
{
	f->data[(f->head + f->count) % SERIAL_FIFO_SIZE] = val;
	f->count++;
}

static uint8_t fifo_pop(SerialFifo *f)
{
	uint8_t val = f->data[f->head];

	f->head = (f->head + 1) % SERIAL_FIFO_SIZE;
	f->count--;
	return val;
}

/* ---- transmitter ---- */

static unsigned tx_capacity(SerialMMState *s)
{
	return fifo_enabled(s) ? SERIAL_FIFO_SIZE : 1;
}

/* Hands queued bytes to the chardev until it refuses one; true when the FIFO emptied. */
static bool tx_drain(SerialMMState *s)
{
	while (s->tx.count) {
		if (qemu_chr_fe_write(&s->chr, &s->tx.data[s->tx.head], 1) != 1)
			return false;
		fifo_pop(&s->tx);
	}
	return true;
}

/* ---- interrupts ---- */

static bool rls_active(SerialMMState *s)
{
	return s->lsr_errors;
}

static bool cti_active(SerialMMState *s)
{
	return s->timeout_pending;
}

static bool rda_active(SerialMMState *s)
{
	return s->rx.count >= (fifo_enabled(s) ? s->rx_trigger : 1);
}

static bool thre_active(SerialMMState *s)
{
	return s->thr_pending;
}

static bool msi_active(SerialMMState *s)
{
	return s->msr_deltas;
}

/* Interrupt sources in priority order, each enabled by its IER bit. */
static const struct {
	uint8_t ier;
	bool (*active)(SerialMMState *s);
	uint8_t iir;
} irq_sources[] = {
	{ IER_RLS, rls_active, IIR_RLS },    /* overrun or break, until LSR is read */
	{ IER_RDA, cti_active, IIR_CTI },    /* characters waiting, until RBR is read */
	{ IER_RDA, rda_active, IIR_RDA },    /* trigger level reached */
	{ IER_THRE, thre_active, IIR_THRE }, /* THR empty, until IIR is read or THR written */
	{ IER_MSI, msi_active, IIR_MSI },    /* modem line changed, until MSR is read */
};

static uint8_t pending_iir(SerialMMState *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(irq_sources); i++)
		if ((s->ier & irq_sources[i].ier) && irq_sources[i].active(s))
			return irq_sources[i].iir;
	return IIR_NONE;
}

static void serial_update_irq(SerialMMState *s)
{
	qemu_set_irq(s->irq, pending_iir(s) != IIR_NONE);
}

/* ---- line parameters and the character timeout ---- */

/* One character time from divisor and frame format; a zero divisor keeps the previous one. */
static void update_char_time(SerialMMState *s)
{
	unsigned data_bits = 5 + (s->lcr & LCR_WLEN);
	unsigned half_bits = 2 * (1 + data_bits + !!(s->lcr & LCR_PARITY));

	if (!s->divisor || !s->baudbase)
		return;
	if (!(s->lcr & LCR_STOP))
		half_bits += 2;
	else
		half_bits += data_bits == 5 ? 3 : 4;
	s->char_ns =
	    (int64_t)half_bits * NANOSECONDS_PER_SECOND * s->divisor / (2 * (int64_t)s->baudbase);
}

/* The FIFO reports a timeout once nothing has come in or gone out for four character times. */
static void restart_timeout(SerialMMState *s)
{
	if (fifo_enabled(s) && s->rx.count)
		timer_mod(s->timeout_timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + 4 * s->char_ns);
	else
		timer_del(s->timeout_timer);
}

static void serial_timeout(void *opaque)
{
	SerialMMState *s = opaque;

	if (fifo_enabled(s) && s->rx.count) {
		s->timeout_pending = true;
		serial_update_irq(s);
	}
}

/* ---- receiver ---- */

/* One character reaching the receiver, from the host line or looped back from THR. */
static void receive_char(SerialMMState *s, uint8_t val)
{
	if (s->rx.count < rx_capacity(s)) {
		fifo_push(&s->rx, val);
	} else {
		s->lsr_errors |= LSR_OE;
		/* Without FIFOs the newcomer replaces the unread character; a full FIFO keeps its own. */
		if (!fifo_enabled(s))
			s->rx.data[s->rx.head] = val;
	}
	restart_timeout(s);
}

static void rx_reset(SerialMMState *s)
{
	fifo_reset(&s->rx);
	s->lsr_errors &= ~LSR_BI;
	s->timeout_pending = false;
	timer_del(s->timeout_timer);
}

/* Loopback cuts the receiver off the host line; otherwise host input may flow into free space. */
static void accept_host_input(SerialMMState *s)
{
	if (!(s->mcr & MCR_LOOP))
		qemu_chr_fe_accept_input(&s->chr);
}

static int serial_can_receive(void *opaque)
{
	SerialMMState *s = opaque;

	if (s->mcr & MCR_LOOP)
		return 0;
	return rx_capacity(s) - MIN(s->rx.count, rx_capacity(s));
}

static void serial_receive(void *opaque, const uint8_t *buf, int size)
{
	SerialMMState *s = opaque;

	for (int i = 0; i < size; i++)
		receive_char(s, buf[i]);
	serial_update_irq(s);
}

/* A break on the host line arrives as a NUL character with BI set, as QEMU delivers it. */
static void serial_event(void *opaque, QEMUChrEvent event)
{
	SerialMMState *s = opaque;

	if (event != CHR_EVENT_BREAK || (s->mcr & MCR_LOOP))
		return;
	receive_char(s, 0);
	s->lsr_errors |= LSR_BI;
	serial_update_irq(s);
}

/* ---- modem lines ---- */

/* The modem inputs: looped back from the MCR outputs, else a host line that is always ready. */
static uint8_t modem_inputs(uint8_t mcr)
{
	if (!(mcr & MCR_LOOP))
		return MSR_DCD | MSR_DSR | MSR_CTS;
	return (mcr & MCR_DTR ? MSR_DSR : 0) | (mcr & MCR_RTS ? MSR_CTS : 0) |
	       (mcr & MCR_OUT1 ? MSR_RI : 0) | (mcr & MCR_OUT2 ? MSR_DCD : 0);
}

/* Change flags sit four bits below their lines; RI flags only its trailing (1 to 0) edge. */
static uint8_t modem_deltas(uint8_t old, uint8_t cur)
{
	uint8_t changed = (old ^ cur) & ~MSR_RI;

	return (changed | (old & ~cur & MSR_RI)) >> 4;
}

/* ---- registers ---- */

static uint8_t lsr_value(SerialMMState *s)
{
	return s->lsr_errors | (s->rx.count ? LSR_DR : 0) | (s->tx.count ? 0 : LSR_THRE | LSR_TEMT);
}

static uint8_t rbr_read(SerialMMState *s)
{
	if (s->lcr & LCR_DLAB)
		return s->divisor & 0xff;
	if (!s->rx.count)
		return fifo_enabled(s) ? 0 : s->rbr;
	s->rbr = fifo_pop(&s->rx);
	if (!s->rx.count)
		s->lsr_errors &= ~LSR_BI;
	s->timeout_pending = false;
	restart_timeout(s);
	accept_host_input(s);
	return s->rbr;
}

/*
 * The byte normally leaves at once, so THR is empty again and THRE re-arms right after it
 * dipped. A byte written to a full transmitter replaces the newest, as on the chip.
 */
static void thr_write(SerialMMState *s, uint8_t val)
{
	if (s->lcr & LCR_DLAB) {
		s->divisor = (s->divisor & 0xff00) | val;
		update_char_time(s);
		return;
	}
	s->thr_pending = false;
	serial_update_irq(s);
	if (s->mcr & MCR_LOOP) {
		receive_char(s, val);
		s->thr_pending = true;
		return;
	}
	if (s->tx.count < tx_capacity(s))
		fifo_push(&s->tx, val);
	else
		s->tx.data[(s->tx.head + s->tx.count - 1) % SERIAL_FIFO_SIZE] = val;
	if (tx_drain(s))
		s->thr_pending = true;
}

/* The chardev has room again: what waited leaves, and an empty THR interrupts. */
static void serial_write_ready(void *opaque)
{
	SerialMMState *s = opaque;

	if (s->tx.count && tx_drain(s)) {
		s->thr_pending = true;
		serial_update_irq(s);
	}
}

static uint8_t ier_read(SerialMMState *s)
{
	return s->lcr & LCR_DLAB ? s->divisor >> 8 : s->ier;
}

static void ier_write(SerialMMState *s, uint8_t val)
{
	uint8_t changed;

	if (s->lcr & LCR_DLAB) {
		s->divisor = (s->divisor & 0x00ff) | val << 8;
		update_char_time(s);
		return;
	}
	changed = (s->ier ^ val) & IER_MASK;
	s->ier = val & IER_MASK;
	/* Enabling THRE while THR is empty interrupts at once; drivers start output this way. */
	if (changed & IER_THRE)
		s->thr_pending = s->ier & IER_THRE;
}

/* Reading IIR is what acknowledges a THRE interrupt. */
static uint8_t iir_read(SerialMMState *s)
{
	uint8_t iir = pending_iir(s);

	if (iir == IIR_THRE)
		s->thr_pending = false;
	return iir | (fifo_enabled(s) ? IIR_FIFO : 0);
}

/* FCR bits other than enable only count while enabling; switching modes empties the FIFOs. */
static void fcr_write(SerialMMState *s, uint8_t val)
{
	bool toggled = (val ^ s->fcr) & FCR_ENABLE;

	if (!(val & FCR_ENABLE) && !toggled)
		return;
	s->fcr = val & FCR_ENABLE ? val & (FCR_ENABLE | FCR_DMA | FCR_TRIGGER) : 0;
	s->rx_trigger = rx_trigger_levels[s->fcr >> 6];
	if (toggled || (val & FCR_RX_RESET)) {
		rx_reset(s);
		accept_host_input(s);
	}
	/* An emptied transmitter asks for data, as QEMU's does. */
	if (toggled || (val & FCR_TX_RESET)) {
		fifo_reset(&s->tx);
		s->thr_pending = true;
	}
}

static uint8_t lcr_read(SerialMMState *s)
{
	return s->lcr;
}

static void lcr_write(SerialMMState *s, uint8_t val)
{
	s->lcr = val;
	update_char_time(s);
}

static uint8_t mcr_read(SerialMMState *s)
{
	return s->mcr;
}

static void mcr_write(SerialMMState *s, uint8_t val)
{
	uint8_t old = s->mcr;

	s->mcr = val & MCR_MASK;
	s->msr_deltas |= modem_deltas(modem_inputs(old), modem_inputs(s->mcr));
	if ((old & MCR_LOOP) && !(s->mcr & MCR_LOOP))
		accept_host_input(s);
}

/* Reading LSR clears the error bits it reports. */
static uint8_t lsr_read(SerialMMState *s)
{
	uint8_t val = lsr_value(s);

	s->lsr_errors = 0;
	return val;
}

/* Reading MSR clears the change flags it reports. */
static uint8_t msr_read(SerialMMState *s)
{
	uint8_t val = modem_inputs(s->mcr) | s->msr_deltas;

	s->msr_deltas = 0;
	return val;
}

static uint8_t scr_read(SerialMMState *s)
{
	return s->scr;
}

static void scr_write(SerialMMState *s, uint8_t val)
{
	s->scr = val;
}

/* One register per offset; LSR and MSR ignore writes, as on QEMU. */
static const struct {
	uint8_t (*read)(SerialMMState *s);
	void (*write)(SerialMMState *s, uint8_t val);
} serial_regs[SERIAL_MM_SIZE] = {
	[UART_RBR] = { rbr_read, thr_write }, /* DLL under DLAB */
	[UART_IER] = { ier_read, ier_write }, /* DLM under DLAB */
	[UART_IIR] = { iir_read, fcr_write }, /* FCR is write-only */
	[UART_LCR] = { lcr_read, lcr_write }, /* line control */
	[UART_MCR] = { mcr_read, mcr_write }, /* modem control */
	[UART_LSR] = { lsr_read, NULL },      /* line status */
	[UART_MSR] = { msr_read, NULL },      /* modem status */
	[UART_SCR] = { scr_read, scr_write }, /* scratch */
};

/* ---- MMIO ---- */

static uint64_t serial_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
	SerialMMState *s = opaque;
	uint8_t val = serial_regs[addr % SERIAL_MM_SIZE].read(s);

	serial_update_irq(s);
	return val;
}

static void serial_mmio_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	SerialMMState *s = opaque;

	if (serial_regs[addr % SERIAL_MM_SIZE].write)
		serial_regs[addr % SERIAL_MM_SIZE].write(s, val & 0xff);
	serial_update_irq(s);
}

/* Any width up to 8, aligned; the callbacks see it whole and act on one register. */
static const MemoryRegionOps serial_mmio_ops = {
	.read = serial_mmio_read,
	.write = serial_mmio_write,
	.valid = { .min_access_size = 1, .max_access_size = 8 },
	.impl = { .min_access_size = 1, .max_access_size = 8 },
};

/* ---- device ---- */

static void serial_reset(DeviceState *dev)
{
	SerialMMState *s = SERIAL_MM(dev);

	s->ier = 0;
	s->lcr = 0;
	s->mcr = RESET_MCR;
	s->scr = 0;
	s->fcr = 0;
	s->rx_trigger = rx_trigger_levels[0];
	s->lsr_errors = 0;
	s->msr_deltas = 0;
	s->rbr = 0;
	s->divisor = RESET_DIVISOR;
	s->thr_pending = false;
	s->char_ns = NANOSECONDS_PER_SECOND / 9600 * 10;
	update_char_time(s);
	rx_reset(s);
	fifo_reset(&s->tx);
	serial_update_irq(s);
	accept_host_input(s);
}

static bool serial_realize(DeviceState *dev, Error **errp)
{
	SerialMMState *s = SERIAL_MM(dev);

	qemu_chr_fe_set_handlers(&s->chr, serial_can_receive, serial_receive, serial_event, s);
	qemu_chr_fe_set_write_ready(&s->chr, serial_write_ready);
	return true;
}

static void serial_unrealize(DeviceState *dev)
{
	SerialMMState *s = SERIAL_MM(dev);

	qemu_chr_fe_set_handlers(&s->chr, NULL, NULL, NULL, NULL);
	timer_del(s->timeout_timer);
}

static void serial_init(Object *obj)
{
	SerialMMState *s = SERIAL_MM(obj);

	memory_region_init_io(&s->mmio, &serial_mmio_ops, s, "serial", SERIAL_MM_SIZE);
	sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
	sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
	s->timeout_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, serial_timeout, s);
}

/* Unrealize first: the base class would do it only after our timer and region are gone. */
static void serial_finalize(Object *obj)
{
	SerialMMState *s = SERIAL_MM(obj);

	qdev_unrealize(DEVICE(obj));
	timer_free(s->timeout_timer);
	if (s->mmio.container)
		memory_region_del_subregion(s->mmio.container, &s->mmio);
	memory_region_finalize(&s->mmio);
}

/* The device-tree node, as the ns16550a binding and QEMU's virt describe the UART. */
void serial_mm_fdt(void *fdt, const char *path, hwaddr base, hwaddr size, uint32_t clock,
		   const DTIrqParent *ip, int irq)
{
	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "compatible", "ns16550a");
	dt_set_reg(fdt, path, base, size);
	dt_set_u32(fdt, path, "clock-frequency", clock);
	if (ip)
		dt_set_interrupt(fdt, path, ip, irq);
}

static const Property serial_props[] = {
	PROP("chardev", prop_info_chr, SerialMMState, chr),
	PROP("baudbase", prop_info_uint32, SerialMMState, baudbase, PROP_DEFAULT_U(115200)),
	PROP_END,
};

/* The line, the timeout and host input follow the restored registers; held output goes on. */
static int serial_post_load(void *opaque)
{
	SerialMMState *s = opaque;

	if (s->rx.head >= SERIAL_FIFO_SIZE || s->rx.count > SERIAL_FIFO_SIZE ||
	    s->tx.head >= SERIAL_FIFO_SIZE || s->tx.count > SERIAL_FIFO_SIZE)
		return -EINVAL;
	serial_update_irq(s);
	restart_timeout(s);
	accept_host_input(s);
	serial_write_ready(s);
	return 0;
}

static const VMStateDescription vmstate_serial_fifo = {
	.name = "serial-fifo",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT8_ARRAY(data, SerialFifo, SERIAL_FIFO_SIZE),
		VMSTATE_UINT32(head, SerialFifo),
		VMSTATE_UINT32(count, SerialFifo),
		VMSTATE_END,
	    },
};

static const VMStateDescription vmstate_serial = {
	.name = "serial",
	.version = 1,
	.post_load = serial_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT8(ier, SerialMMState),
		VMSTATE_UINT8(lcr, SerialMMState),
		VMSTATE_UINT8(mcr, SerialMMState),
		VMSTATE_UINT8(scr, SerialMMState),
		VMSTATE_UINT8(fcr, SerialMMState),
		VMSTATE_UINT8(lsr_errors, SerialMMState),
		VMSTATE_UINT8(msr_deltas, SerialMMState),
		VMSTATE_UINT8(rbr, SerialMMState),
		VMSTATE_UINT16(divisor, SerialMMState),
		VMSTATE_UINT32(rx_trigger, SerialMMState),
		VMSTATE_STRUCT(rx, SerialMMState, vmstate_serial_fifo, SerialFifo),
		VMSTATE_STRUCT(tx, SerialMMState, vmstate_serial_fifo, SerialFifo),
		VMSTATE_BOOL(thr_pending, SerialMMState),
		VMSTATE_BOOL(timeout_pending, SerialMMState),
		VMSTATE_UINT64(char_ns, SerialMMState),
		VMSTATE_END,
	    },
};

static void serial_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_serial;
	dc->realize = serial_realize;
	dc->unrealize = serial_unrealize;
	dc->reset = serial_reset;
	object_class_add_props(klass, serial_props);
}

static void serial_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_SERIAL_MM,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(SerialMMState),
		.instance_init = serial_init,
		.instance_finalize = serial_finalize,
		.class_init = serial_class_init,
	};
	type_register(&info);
}
type_init(serial_register_types)
