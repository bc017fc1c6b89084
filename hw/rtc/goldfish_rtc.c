// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Goldfish RTC as QEMU's virt board has it ("goldfish_rtc"): a 64-bit count of nanoseconds
 * since the epoch, read as TIME_LOW then TIME_HIGH (reading TIME_LOW latches the high half so
 * the pair is consistent), and an alarm. Time is the -rtc clock (rtc_clock: the host's wall
 * clock unless -rtc clock= says otherwise) plus an offset set at reset from -rtc base=; writing either half of the time moves the offset, the other half keeps counting, as
 * in QEMU. Writing ALARM_LOW arms the alarm at ALARM_HIGH:ALARM_LOW: a time already reached
 * fires at once, a later one runs an rtc_clock timer; ALARM_STATUS is 1 while an alarm is
 * armed. As in QEMU the wait is fixed on rtc_clock when the alarm is armed: setting the
 * time later does not move it (Linux writes the time in two halves, and an alarm re-checked
 * between them could fire early). A fired alarm latches an interrupt, which drives the line
 * while IRQ_ENABLED bit 0 is set, until CLEAR_INTERRUPT; CLEAR_ALARM disarms without touching
 * it. Registers are 32 bits; other offsets, reads of write-only and writes of read-only registers
 * are logged as guest errors. Reset returns to the -rtc time with everything else clear.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "sysemu/device_tree.h"
#include "hw/rtc/goldfish_rtc.h"
#include "qemu/log.h"
#include "sysemu/rtc.h"
#include <libfdt.h>

/* Register map, as offsets in the device. */
enum {
	RTC_TIME_LOW = 0x00,	    /* read: low half of now, latches TIME_HIGH; write: set */
	RTC_TIME_HIGH = 0x04,	    /* read: the latched high half; write: set */
	RTC_ALARM_LOW = 0x08,	    /* write arms the alarm */
	RTC_ALARM_HIGH = 0x0c,	    /* write only stores */
	RTC_IRQ_ENABLED = 0x10,	    /* bit 0 */
	RTC_CLEAR_ALARM = 0x14,	    /* write-only: disarm */
	RTC_ALARM_STATUS = 0x18,    /* read-only: 1 while armed */
	RTC_CLEAR_INTERRUPT = 0x1c, /* write-only: drop the latched interrupt */
};

static int64_t clock_ns(void)
{
	return qemu_clock_get_ns(rtc_clock);
}

static uint64_t rtc_now(GoldfishRTCState *s)
{
	return (uint64_t)clock_ns() + s->offset;
}

static uint64_t with_low(uint64_t val, uint32_t low)
{
	return (val & ~(uint64_t)UINT32_MAX) | low;
}

static uint64_t with_high(uint64_t val, uint32_t high)
{
	return (val & UINT32_MAX) | (uint64_t)high << 32;
}

static void update_irq(GoldfishRTCState *s)
{
	qemu_set_irq(s->irq, s->irq_pending && s->irq_enabled);
}

static void disarm(GoldfishRTCState *s)
{
	timer_del(s->timer);
	s->alarm_running = false;
}

static void fire(GoldfishRTCState *s)
{
	disarm(s);
	s->irq_pending = true;
	update_irq(s);
}

/* Fires the alarm if the RTC has reached it, else waits for it on the host clock. */
static void arm(GoldfishRTCState *s)
{
	int64_t host = clock_ns();
	uint64_t now = (uint64_t)host + s->offset;
	__int128 when;

	if (s->alarm <= now) {
		fire(s);
		return;
	}
	s->alarm_running = true;
	when = (__int128)host + (s->alarm - now);
	/* past the host clock's range (after the year 2262): armed, but never due */
	if (when > INT64_MAX)
		timer_del(s->timer);
	else
		timer_mod(s->timer, (int64_t)when);
}

static void alarm_timer_cb(void *opaque)
{
	fire(opaque);
}

static void set_time(GoldfishRTCState *s, uint64_t time)
{
	s->offset = time - (uint64_t)clock_ns();
}

/* ---- register access ---- */

static void bad_access(bool write, const char *what, hwaddr addr)
{
	qemu_log_mask(LOG_GUEST_ERROR, "%s: invalid %s of %s register at 0x%" HWADDR_PRIx "\n",
		      TYPE_GOLDFISH_RTC, write ? "write" : "read", what, addr);
}

static uint64_t rtc_read(void *opaque, hwaddr addr, unsigned size)
{
	GoldfishRTCState *s = opaque;
	uint64_t now;

	switch (addr) {
	case RTC_TIME_LOW:
		now = rtc_now(s);
		s->time_high = now >> 32;
		return (uint32_t)now;
	case RTC_TIME_HIGH:
		return s->time_high;
	case RTC_ALARM_LOW:
		return (uint32_t)s->alarm;
	case RTC_ALARM_HIGH:
		return s->alarm >> 32;
	case RTC_IRQ_ENABLED:
		return s->irq_enabled;
	case RTC_ALARM_STATUS:
		return s->alarm_running;
	case RTC_CLEAR_ALARM:
	case RTC_CLEAR_INTERRUPT:
		bad_access(false, "write-only", addr);
		return 0;
	}
	bad_access(false, "nonexistent", addr);
	return 0;
}

static void rtc_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	GoldfishRTCState *s = opaque;

	switch (addr) {
	case RTC_TIME_LOW:
		set_time(s, with_low(rtc_now(s), val));
		return;
	case RTC_TIME_HIGH:
		set_time(s, with_high(rtc_now(s), val));
		return;
	case RTC_ALARM_LOW:
		s->alarm = with_low(s->alarm, val);
		arm(s);
		return;
	case RTC_ALARM_HIGH:
		s->alarm = with_high(s->alarm, val);
		return;
	case RTC_IRQ_ENABLED:
		s->irq_enabled = val & 1;
		update_irq(s);
		return;
	case RTC_CLEAR_ALARM:
		disarm(s);
		return;
	case RTC_CLEAR_INTERRUPT:
		s->irq_pending = false;
		update_irq(s);
		return;
	case RTC_ALARM_STATUS:
		bad_access(true, "read-only", addr);
		return;
	}
	bad_access(true, "nonexistent", addr);
}

static const MemoryRegionOps rtc_ops = {
	.read = rtc_read,
	.write = rtc_write,
	.valid = { .min_access_size = 4, .max_access_size = 4 },
	.impl = { .min_access_size = 4, .max_access_size = 4 },
};

uint64_t goldfish_rtc_get_time(DeviceState *rtc)
{
	return rtc_now(GOLDFISH_RTC(rtc));
}

/* ---- device tree ---- */

/* Properties in QEMU's order, so the packed tree matches its byte for byte. */
void goldfish_rtc_fdt(void *fdt, const char *parent, hwaddr base, const DTIrqParent *ip, int irq)
{
	char *path = g_strdup_printf("%s/rtc@%" HWADDR_PRIx, parent, base);

	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "compatible", "google,goldfish-rtc");
	dt_set_reg(fdt, path, base, GOLDFISH_RTC_SIZE);
	dt_set_interrupt(fdt, path, ip, irq);
	g_free(path);
}

/* ---- device ---- */

static void rtc_reset(DeviceState *dev)
{
	GoldfishRTCState *s = GOLDFISH_RTC(dev);

	disarm(s);
	s->offset = qemu_rtc_time_ns() - clock_ns();
	s->alarm = 0;
	s->time_high = 0;
	s->irq_pending = false;
	s->irq_enabled = false;
	update_irq(s);
}

static bool rtc_realize(DeviceState *dev, Error **errp)
{
	GoldfishRTCState *s = GOLDFISH_RTC(dev);

	s->timer = timer_new_ns(rtc_clock, alarm_timer_cb, s);
	return true;
}

static void rtc_unrealize(DeviceState *dev)
{
	GoldfishRTCState *s = GOLDFISH_RTC(dev);

	timer_free(s->timer);
	s->timer = NULL;
}

static void rtc_init(Object *obj)
{
	GoldfishRTCState *s = GOLDFISH_RTC(obj);

	memory_region_init_io(&s->mmio, &rtc_ops, s, TYPE_GOLDFISH_RTC, GOLDFISH_RTC_SIZE);
	sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
	sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
}

/* Unrealize first: the base class would do it only after our region is gone. */
static void rtc_finalize(Object *obj)
{
	GoldfishRTCState *s = GOLDFISH_RTC(obj);

	qdev_unrealize(DEVICE(obj));
	if (s->mmio.container)
		memory_region_del_subregion(s->mmio.container, &s->mmio);
	memory_region_finalize(&s->mmio);
}

/* A running alarm waits again on the host clock; the line follows the restored state. */
static int rtc_post_load(void *opaque)
{
	GoldfishRTCState *s = opaque;

	timer_del(s->timer);
	if (s->alarm_running)
		arm(s);
	update_irq(s);
	return 0;
}

static const VMStateDescription vmstate_goldfish_rtc = {
	.name = "goldfish_rtc",
	.version = 1,
	.post_load = rtc_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT64(offset, GoldfishRTCState),
		VMSTATE_UINT64(alarm, GoldfishRTCState),
		VMSTATE_UINT32(time_high, GoldfishRTCState),
		VMSTATE_BOOL(alarm_running, GoldfishRTCState),
		VMSTATE_BOOL(irq_pending, GoldfishRTCState),
		VMSTATE_BOOL(irq_enabled, GoldfishRTCState),
		VMSTATE_END,
	    },
};

static void rtc_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_goldfish_rtc;
	dc->realize = rtc_realize;
	dc->unrealize = rtc_unrealize;
	dc->reset = rtc_reset;
}

static void rtc_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_GOLDFISH_RTC,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(GoldfishRTCState),
		.instance_init = rtc_init,
		.instance_finalize = rtc_finalize,
		.class_init = rtc_class_init,
	};
	type_register(&info);
}
type_init(rtc_register_types)
