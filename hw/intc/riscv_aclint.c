// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The CLINT of QEMU's virt board, made of the two ACLINT devices QEMU places at 0x2000000: MSWI,
 * one MSIP word per hart from offset 0 (bit 0 drives the hart's software interrupt), and
 * MTIMER at 0x4000, one 64-bit MTIMECMP per hart and the shared 64-bit MTIME at 0xbff8. Both
 * sit in one container so a board maps a single region; 0xc000..0xffff stays unassigned as in
 * QEMU. MTIME is QEMU_CLOCK_VIRTUAL scaled to timebase-freq plus an offset, which guest writes
 * to MTIME move. MTIP is a level, high while MTIME >= MTIMECMP: every change of either side
 * re-evaluates it, and a virtual-clock timer per hart raises it when MTIME gets there. Reset
 * follows the ACLINT spec and QEMU: MTIME restarts from 0 and MSIP bits clear; MTIMECMP, left
 * unknown by the spec, is 0 as on QEMU's first boot, so MTIP is high until software sets a
 * deadline. Accesses outside the configured harts read 0 and ignore writes, logged as guest
 * errors. Access sizes are QEMU's: 4 bytes for MSIP, 4 or 8 (aligned) for MTIMER.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "sysemu/device_tree.h"
#include "hw/intc/riscv_aclint.h"
#include "qemu/log.h"

/* Register map, as offsets in the CLINT; the MTIMER region starts at RISCV_ACLINT_SWI_SIZE. */
enum {
	ACLINT_MSIP = 0x0,	  /* 32 bits per hart, only bit 0 exists */
	ACLINT_MTIMECMP = 0x4000, /* 64 bits per hart */
	ACLINT_MTIME = 0xbff8,	  /* 64 bits, shared */
};

/* The per-hart arrays: name for messages, start, bytes per hart. */
typedef struct AclintBank {
	const char *name;
	hwaddr base;
	unsigned stride;
} AclintBank;

static const AclintBank msip_bank = { "msip", ACLINT_MSIP, 4 };
static const AclintBank mtimecmp_bank = { "mtimecmp", ACLINT_MTIMECMP, 8 };

/* a * b / c without overflow in the product; the quotient is taken modulo 2^64. */
static uint64_t muldiv64(uint64_t a, uint64_t b, uint64_t c)
{
	return (unsigned __int128)a * b / c;
}

static int64_t now_ns(void)
{
	return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

/* Ticks of the virtual clock at timebase-freq. */
static uint64_t ticks_at(RISCVAclintState *s, int64_t ns)
{
	return muldiv64(ns, s->timebase_freq, NANOSECONDS_PER_SECOND);
}

static uint64_t mtime_at(RISCVAclintState *s, int64_t ns)
{
	return ticks_at(s, ns) + s->time_offset;
}

/* The clock time at which ticks more ticks have passed since ns, rounded up; -1 if never. */
static int64_t deadline_after(RISCVAclintState *s, int64_t ns, uint64_t ticks)
{
	unsigned __int128 wait = (unsigned __int128)ticks * NANOSECONDS_PER_SECOND;

	wait = (wait + s->timebase_freq - 1) / s->timebase_freq;
	if (wait > (unsigned __int128)(INT64_MAX - ns))
		return -1;
	return ns + (int64_t)wait;
}

/* ---- MTIP ---- */

/* MTIP follows MTIME >= MTIMECMP; while it is low, the timer waits for the crossing. */
static void update_mtip(RISCVAclintHart *h, int64_t ns)
{
	RISCVAclintState *s = h->clint;
	uint64_t mtime = mtime_at(s, ns);
	int64_t when;

	if (mtime >= h->mtimecmp) {
		timer_del(h->timer);
		qemu_irq_raise(h->mtip_irq);
		return;
	}
	qemu_irq_lower(h->mtip_irq);
	when = deadline_after(s, ns, h->mtimecmp - mtime);
	if (when < 0)
		timer_del(h->timer);
	else
		timer_mod(h->timer, when);
}

static void update_all_mtip(RISCVAclintState *s)
{
	int64_t ns = now_ns();

	for (uint32_t i = 0; i < s->num_harts; i++)
		update_mtip(&s->harts[i], ns);
}

/* Re-checks rather than raising blindly: MTIME may have been moved since the timer was set. */
static void mtip_timer_cb(void *opaque)
{
	update_mtip(opaque, now_ns());
}

/* ---- register helpers ---- */

/* The 4 or 8 bytes at byte part (0 or 4) of a 64-bit register. */
static uint64_t reg64_read(uint64_t reg, unsigned part, unsigned size)
{
	return size == 8 ? reg : (uint32_t)(reg >> (part * 8));
}

static uint64_t reg64_write(uint64_t reg, unsigned part, unsigned size, uint64_t val)
{
	unsigned shift = part * 8;

	if (size == 8)
		return val;
	return (reg & ~(UINT64_C(0xffffffff) << shift)) | (uint64_t)(uint32_t)val << shift;
}

/* The hart whose register in bank is at CLINT offset off; NULL (and logged) past num-harts. */
static RISCVAclintHart *hart_at(RISCVAclintState *s, const AclintBank *bank, hwaddr off, bool write)
{
	hwaddr hart = (off - bank->base) / bank->stride;

	if (hart < s->num_harts)
		return &s->harts[hart];
	qemu_log_mask(LOG_GUEST_ERROR,
		      "%s: invalid %s of %s at 0x%" HWADDR_PRIx ": hart %" PRIu64
		      " out of range (num-harts %u)\n",
		      TYPE_RISCV_ACLINT, write ? "write" : "read", bank->name, off, hart,
		      s->num_harts);
	return NULL;
}

/* ---- MSWI ---- */

/* The MSWI region starts the CLINT, so its offsets are CLINT offsets. */
static uint64_t swi_read(void *opaque, hwaddr addr, unsigned size)
{
	RISCVAclintHart *h = hart_at(opaque, &msip_bank, addr, false);

	return h ? h->msip : 0;
}

static void swi_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	RISCVAclintHart *h = hart_at(opaque, &msip_bank, addr, true);

	if (!h)
		return;
	h->msip = val & 1;
	qemu_set_irq(h->msip_irq, h->msip);
}

static const MemoryRegionOps swi_ops = {
	.read = swi_read,
	.write = swi_write,
	.valid = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- MTIMER ---- */

static uint64_t mtimer_read(void *opaque, hwaddr addr, unsigned size)
{
	RISCVAclintState *s = opaque;
	hwaddr off = RISCV_ACLINT_SWI_SIZE + addr;
	RISCVAclintHart *h;

	if (off >= ACLINT_MTIME)
		return reg64_read(mtime_at(s, now_ns()), off % 8, size);
	h = hart_at(s, &mtimecmp_bank, off, false);
	return h ? reg64_read(h->mtimecmp, off % 8, size) : 0;
}

/* A write of MTIME, or one of its halves, moves the offset and re-evaluates every hart. */
static void mtime_write(RISCVAclintState *s, unsigned part, unsigned size, uint64_t val)
{
	int64_t ns = now_ns();
	uint64_t ticks = ticks_at(s, ns);

	s->time_offset = reg64_write(ticks + s->time_offset, part, size, val) - ticks;
	for (uint32_t i = 0; i < s->num_harts; i++)
		update_mtip(&s->harts[i], ns);
}

static void mtimer_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	RISCVAclintState *s = opaque;
	hwaddr off = RISCV_ACLINT_SWI_SIZE + addr;
	RISCVAclintHart *h;

	if (off >= ACLINT_MTIME) {
		mtime_write(s, off % 8, size, val);
		return;
	}
	h = hart_at(s, &mtimecmp_bank, off, true);
	if (!h)
		return;
	h->mtimecmp = reg64_write(h->mtimecmp, off % 8, size, val);
	update_mtip(h, now_ns());
}

/* 4 or 8 bytes, aligned, handed to the callbacks whole. */
static const MemoryRegionOps mtimer_ops = {
	.read = mtimer_read,
	.write = mtimer_write,
	.valid = { .min_access_size = 4, .max_access_size = 8 },
	.impl = { .min_access_size = 4, .max_access_size = 8 },
};

/* ---- board API ---- */

void riscv_aclint_connect_hart(DeviceState *clint, unsigned hart, qemu_irq msip, qemu_irq mtip)
{
	RISCVAclintState *s = RISCV_ACLINT(clint);
	RISCVAclintHart *h;

	g_assert(hart < RISCV_ACLINT_MAX_HARTS);
	h = &s->harts[hart];
	h->msip_irq = msip;
	h->mtip_irq = mtip;
	if (clint->realized && hart < s->num_harts) {
		qemu_set_irq(h->msip_irq, h->msip);
		update_mtip(h, now_ns());
	}
}

uint64_t riscv_aclint_get_time(DeviceState *clint)
{
	return mtime_at(RISCV_ACLINT(clint), now_ns());
}

/* ---- device ---- */

static void aclint_reset(DeviceState *dev)
{
	RISCVAclintState *s = RISCV_ACLINT(dev);

	s->time_offset = -ticks_at(s, now_ns());
	for (uint32_t i = 0; i < s->num_harts; i++) {
		s->harts[i].msip = false;
		s->harts[i].mtimecmp = 0;
		qemu_irq_lower(s->harts[i].msip_irq);
	}
	update_all_mtip(s);
}

static bool aclint_realize(DeviceState *dev, Error **errp)
{
	RISCVAclintState *s = RISCV_ACLINT(dev);

	if (!s->num_harts || s->num_harts > RISCV_ACLINT_MAX_HARTS) {
		error_setg(errp, "num-harts must be between 1 and %d", RISCV_ACLINT_MAX_HARTS);
		return false;
	}
	if (!s->timebase_freq) {
		error_setg(errp, "timebase-freq must not be 0");
		return false;
	}
	for (uint32_t i = 0; i < s->num_harts; i++) {
		s->harts[i].clint = s;
		s->harts[i].timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, mtip_timer_cb, &s->harts[i]);
	}
	return true;
}

static void aclint_unrealize(DeviceState *dev)
{
	RISCVAclintState *s = RISCV_ACLINT(dev);

	for (unsigned i = 0; i < RISCV_ACLINT_MAX_HARTS; i++) {
		timer_free(s->harts[i].timer);
		s->harts[i].timer = NULL;
	}
}

static void aclint_init(Object *obj)
{
	RISCVAclintState *s = RISCV_ACLINT(obj);
	SysBusDevice *sbd = SYS_BUS_DEVICE(obj);

	memory_region_init(&s->mmio, TYPE_RISCV_ACLINT, RISCV_ACLINT_SIZE);
	memory_region_init_io(&s->swi, &swi_ops, s, "riscv.aclint.swi", RISCV_ACLINT_SWI_SIZE);
	memory_region_init_io(&s->mtimer, &mtimer_ops, s, "riscv.aclint.mtimer",
			      RISCV_ACLINT_MTIMER_SIZE);
	memory_region_add_subregion(&s->mmio, 0, &s->swi);
	memory_region_add_subregion(&s->mmio, RISCV_ACLINT_SWI_SIZE, &s->mtimer);
	sysbus_init_mmio(sbd, &s->mmio);
	/* As many harts as sysbus has lines for; riscv_aclint_connect_hart() reaches them all. */
	for (unsigned i = 0; i < RISCV_ACLINT_SYSBUS_HARTS; i++) {
		sysbus_init_irq(sbd, &s->harts[i].msip_irq);
		sysbus_init_irq(sbd, &s->harts[i].mtip_irq);
	}
}

/* Unrealize first: the base class would do it only after our regions are gone. */
static void aclint_finalize(Object *obj)
{
	RISCVAclintState *s = RISCV_ACLINT(obj);

	qdev_unrealize(DEVICE(obj));
	if (s->mmio.container)
		memory_region_del_subregion(s->mmio.container, &s->mmio);
	memory_region_finalize(&s->mmio);
	memory_region_finalize(&s->swi);
	memory_region_finalize(&s->mtimer);
}

/* The device-tree node: compatible "sifive,clint0", "riscv,clint0", with per hart its MSIP
 * (3) and MTIP (7) lines on the hart's interrupt controller. */
void riscv_aclint_fdt(DeviceState *dev, void *fdt, const char *path, hwaddr base,
		      const uint32_t *intc_phandles)
{
	RISCVAclintState *s = RISCV_ACLINT(dev);
	static const char *const compat[] = { "sifive,clint0", "riscv,clint0", NULL };
	uint32_t *cells = g_new(uint32_t, 4 * s->num_harts);

	for (uint32_t i = 0; i < s->num_harts; i++) {
		cells[4 * i] = intc_phandles[i];
		cells[4 * i + 1] = 3;
		cells[4 * i + 2] = intc_phandles[i];
		cells[4 * i + 3] = 7;
	}
	dt_add_path(fdt, path);
	dt_set_strings(fdt, path, "compatible", compat);
	dt_set_reg(fdt, path, base, RISCV_ACLINT_SIZE);
	dt_set_cells(fdt, path, "interrupts-extended", 4 * s->num_harts, cells);
	g_free(cells);
}

/* interrupts-extended: each hart's interrupt controller with one interrupt number. */
static void dt_set_hart_irqs(void *fdt, const char *path, const uint32_t *intc, unsigned n,
			     uint32_t irq)
{
	uint32_t *cells = g_new(uint32_t, 2 * n);

	for (unsigned i = 0; i < n; i++) {
		cells[2 * i] = intc[i];
		cells[2 * i + 1] = irq;
	}
	dt_set_cells(fdt, path, "interrupts-extended", 2 * n, cells);
	g_free(cells);
}

void riscv_aclint_fdt_split(DeviceState *dev, void *fdt, const char *parent, hwaddr base,
			    const uint32_t *intc_phandles)
{
	RISCVAclintState *s = RISCV_ACLINT(dev);
	hwaddr mtimer = base + RISCV_ACLINT_SWI_SIZE;
	char *path = g_strdup_printf("%s/mswi@%" PRIx64, parent, base);
	/* QEMU's MTIMER reg: MTIME first (to the end of its 0xc000 window), then MTIMECMP */
	uint32_t reg[8] = {
		0, (uint32_t)(mtimer + 0x7ff8), 0, 0xc000 - 0x7ff8, 0, (uint32_t)mtimer, 0, 0x7ff8
	};

	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "compatible", "riscv,aclint-mswi");
	dt_set_reg(fdt, path, base, RISCV_ACLINT_SWI_SIZE);
	dt_set_empty(fdt, path, "interrupt-controller");
	dt_set_u32(fdt, path, "#interrupt-cells", 0);
	dt_set_hart_irqs(fdt, path, intc_phandles, s->num_harts, 3);
	g_free(path);
	path = g_strdup_printf("%s/mtimer@%" PRIx64, parent, mtimer);
	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "compatible", "riscv,aclint-mtimer");
	dt_set_cells(fdt, path, "reg", 8, reg);
	dt_set_hart_irqs(fdt, path, intc_phandles, s->num_harts, 7);
	g_free(path);
}

static const Property aclint_props[] = {
	PROP("num-harts", prop_info_uint32, RISCVAclintState, num_harts, PROP_DEFAULT_U(1),
	     .min = 1, .max = RISCV_ACLINT_MAX_HARTS),
	PROP("timebase-freq", prop_info_uint32, RISCVAclintState, timebase_freq,
	     PROP_DEFAULT_U(RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ), .min = 1, .max = UINT32_MAX),
	PROP_END,
};

/* The lines follow the restored registers; MTIP against the restored virtual clock. */
static int aclint_post_load(void *opaque)
{
	RISCVAclintState *s = opaque;

	for (uint32_t i = 0; i < s->num_harts; i++)
		qemu_set_irq(s->harts[i].msip_irq, s->harts[i].msip);
	update_all_mtip(s);
	return 0;
}

static const VMStateDescription vmstate_aclint_hart = {
	.name = "riscv-aclint-hart",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT64(mtimecmp, RISCVAclintHart),
		VMSTATE_BOOL(msip, RISCVAclintHart),
		VMSTATE_END,
	    },
};

static const VMStateDescription vmstate_aclint = {
	.name = "riscv-aclint",
	.version = 1,
	.post_load = aclint_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT64(time_offset, RISCVAclintState),
		VMSTATE_STRUCT_ARRAY(harts, RISCVAclintState, RISCV_ACLINT_MAX_HARTS,
				     vmstate_aclint_hart, RISCVAclintHart),
		VMSTATE_END,
	    },
};

static void aclint_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_aclint;
	dc->realize = aclint_realize;
	dc->unrealize = aclint_unrealize;
	dc->reset = aclint_reset;
	object_class_add_props(klass, aclint_props);
}

static void aclint_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_RISCV_ACLINT,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(RISCVAclintState),
		.instance_init = aclint_init,
		.instance_finalize = aclint_finalize,
		.class_init = aclint_class_init,
	};
	type_register(&info);
}
type_init(aclint_register_types)
