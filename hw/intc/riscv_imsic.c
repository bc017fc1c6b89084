// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IMSIC (RISC-V AIA 1.0, chapter "Incoming MSI Controller"), one device per privilege
 * level with an interrupt file per hart; see include/hw/intc/riscv_imsic.h. A file holds a
 * pending (eip) and an enable (eie) bit per identity 1..num-ids, a delivery switch
 * (eidelivery) and a threshold (eithreshold). Its top interrupt is the lowest identity both
 * pending and enabled, below the threshold when that is nonzero; the hart's external
 * interrupt line is high while delivery is on and a top interrupt exists. MSIs arrive as
 * 32-bit writes to the file's page; the hart reads and writes the registers through
 * *iselect and *ireg and claims the top interrupt by writing *topei.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/intc/riscv_imsic.h"
#include "hw/irq.h"
#include "qemu/log.h"
#include "qom/property.h"
#include "sysemu/device_tree.h"
#include "target/riscv/cpu.h"

/* *iselect numbers of an interrupt file's registers */
enum {
	ISEL_EIDELIVERY = 0x70,
	ISEL_EITHRESHOLD = 0x72,
	ISEL_EIP0 = 0x80, /* eip0..eip63, only even ones on RV64 */
	ISEL_EIE0 = 0xc0, /* eie0..eie63 */
	ISEL_END = 0x100,
};

/* Offsets within a file's page */
enum { SETEIPNUM_LE = 0x0, SETEIPNUM_BE = 0x4 };

#define IMSIC_WORDS ((RISCV_IMSIC_MAX_IDS + 1) / 64)

typedef struct RISCVIMSICState RISCVIMSICState;

typedef struct IMSICFile {
	RISCVIMSICState *imsic;
	uint32_t eidelivery, eithreshold;
	uint64_t eip[IMSIC_WORDS], eie[IMSIC_WORDS];
	bool line;    /* the level last sent on irq */
	qemu_irq irq; /* the hart's MEIP or SEIP */
} IMSICFile;

struct RISCVIMSICState {
	SysBusDevice parent_obj;
	MemoryRegion mmio;
	uint32_t num_harts; /* property "num-harts" */
	uint32_t num_ids;   /* property "num-ids": 63, 127, ... 2047 */
	bool mmode;	    /* property "mmode": machine level, else supervisor */
	IMSICFile *files;
};

#define RISCV_IMSIC(obj) OBJECT_CHECK(RISCVIMSICState, (obj), TYPE_RISCV_IMSIC)

/* Identity 0 has no bits (words past num-ids are not stored to at all). */
static uint64_t word_mask(unsigned w)
{
	return w == 0 ? ~1ULL : ~0ULL;
}

/* The lowest identity pending and enabled, below a nonzero threshold; 0 if none. */
static unsigned top_id(IMSICFile *f)
{
	unsigned words = (f->imsic->num_ids + 1) / 64;

	for (unsigned w = 0; w < words; w++) {
		uint64_t bits = f->eip[w] & f->eie[w];

		if (bits) {
			unsigned id = 64 * w + __builtin_ctzll(bits);

			return !f->eithreshold || id < f->eithreshold ? id : 0;
		}
	}
	return 0;
}

static void update_line(IMSICFile *f)
{
	bool line = f->eidelivery == 1 && top_id(f);

	if (line != f->line) {
		f->line = line;
		qemu_set_irq(f->irq, line);
	}
}

static void set_pending(IMSICFile *f, uint32_t id)
{
	if (id == 0 || id > f->imsic->num_ids)
		return; /* the spec has such MSIs ignored */
	f->eip[id / 64] |= 1ULL << (id % 64);
	update_line(f);
}

/* ---- the hart's view: *iselect and *ireg and *topei ---- */

static uint64_t *bit_word(IMSICFile *f, unsigned isel, unsigned *w)
{
	unsigned base = isel < ISEL_EIE0 ? ISEL_EIP0 : ISEL_EIE0;

	*w = (isel - base) / 2; /* eipN holds identities 32*N..; on RV64 it is 64 bits */
	return isel < ISEL_EIE0 ? &f->eip[*w] : &f->eie[*w];
}

static bool file_rmw(void *opaque, unsigned isel, uint64_t *ret, uint64_t val, uint64_t mask)
{
	IMSICFile *f = opaque;
	unsigned w;
	uint64_t *word;

	switch (isel) {
	case ISEL_EIDELIVERY:
		*ret = f->eidelivery;
		f->eidelivery = ((f->eidelivery & ~mask) | (val & mask)) & 1;
		break;
	case ISEL_EITHRESHOLD:
		*ret = f->eithreshold;
		f->eithreshold = ((f->eithreshold & ~mask) | (val & mask)) & RISCV_IMSIC_MAX_IDS;
		if (f->eithreshold > f->imsic->num_ids)
			f->eithreshold =
			    *ret; /* WARL: an unsupported threshold keeps the old one */
		break;
	default:
		if (isel < ISEL_EIDELIVERY || isel >= ISEL_END)
			return false;
		if (isel < ISEL_EIP0) {
			*ret = 0; /* 0x71, 0x73-0x7f: reserved, read zero, writes ignored */
			return true;
		}
		if (isel & 1)
			return false; /* eipN/eieN with N odd do not exist on RV64 */
		word = bit_word(f, isel, &w);
		if (w >= (f->imsic->num_ids + 1) / 64) {
			*ret = 0; /* beyond num-ids: read-only zero */
			return true;
		}
		*ret = *word;
		*word = ((*word & ~mask) | (val & mask)) & word_mask(w);
		break;
	}
	update_line(f);
	return true;
}

static uint32_t file_topei(void *opaque, bool claim)
{
	IMSICFile *f = opaque;
	unsigned id = top_id(f);

	if (claim && id) {
		f->eip[id / 64] &= ~(1ULL << (id % 64));
		update_line(f);
	}
	return id ? id << 16 | id : 0;
}

/* ---- MSIs ---- */

static uint64_t imsic_read(void *opaque, hwaddr addr, unsigned size)
{
	return 0; /* the setipnum registers read zero */
}

static void imsic_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	RISCVIMSICState *s = opaque;
	IMSICFile *f = &s->files[addr / RISCV_IMSIC_PAGE];

	switch (addr % RISCV_IMSIC_PAGE) {
	case SETEIPNUM_LE:
		set_pending(f, val);
		break;
	case SETEIPNUM_BE:
		set_pending(f, __builtin_bswap32(val));
		break;
	default:
		qemu_log_mask(LOG_GUEST_ERROR, "%s: write to reserved offset 0x%" HWADDR_PRIx "\n",
			      TYPE_RISCV_IMSIC, addr);
	}
}

static const MemoryRegionOps imsic_ops = {
	.read = imsic_read,
	.write = imsic_write,
	.valid = { .min_access_size = 4, .max_access_size = 4 },
	.impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- board API ---- */

void riscv_imsic_connect_hart(DeviceState *dev, unsigned hart, qemu_irq eip, RISCVIntFile *view)
{
	RISCVIMSICState *s = RISCV_IMSIC(dev);
	IMSICFile *f = &s->files[hart];

	g_assert(hart < s->num_harts);
	f->irq = eip;
	*view = (RISCVIntFile){ file_rmw, file_topei, f };
	qemu_set_irq(f->irq, f->line);
}

/* Properties in QEMU's order. */
void riscv_imsic_fdt(DeviceState *dev, void *fdt, const char *parent, hwaddr base,
		     const uint32_t *intc_phandles, uint32_t phandle)
{
	static const char *const compat[] = { "riscv,imsics", NULL };
	RISCVIMSICState *s = RISCV_IMSIC(dev);
	char *path = g_strdup_printf("%s/imsics@%" HWADDR_PRIx, parent, base);
	uint32_t *ext = g_new(uint32_t, 2 * s->num_harts);

	for (unsigned h = 0; h < s->num_harts; h++) {
		ext[2 * h] = intc_phandles[h];
		ext[2 * h + 1] = s->mmode ? IRQ_M_EXT : IRQ_S_EXT;
	}
	dt_add_path(fdt, path);
	dt_set_strings(fdt, path, "compatible", compat);
	dt_set_u32(fdt, path, "#interrupt-cells", 0);
	dt_set_empty(fdt, path, "interrupt-controller");
	dt_set_empty(fdt, path, "msi-controller");
	dt_set_cells(fdt, path, "interrupts-extended", 2 * s->num_harts, ext);
	dt_set_reg(fdt, path, base, (uint64_t)s->num_harts * RISCV_IMSIC_PAGE);
	dt_set_u32(fdt, path, "riscv,num-ids", s->num_ids);
	dt_set_u32(fdt, path, "riscv,ipi-id", 1);
	dt_set_u32(fdt, path, "phandle", phandle);
	g_free(ext);
	g_free(path);
}

/* ---- device ---- */

static void imsic_reset(DeviceState *dev)
{
	RISCVIMSICState *s = RISCV_IMSIC(dev);

	for (unsigned h = 0; h < s->num_harts; h++) {
		IMSICFile *f = &s->files[h];

		f->eidelivery = f->eithreshold = 0;
		memset(f->eip, 0, sizeof(f->eip));
		memset(f->eie, 0, sizeof(f->eie));
		update_line(f);
	}
}

static bool imsic_realize(DeviceState *dev, Error **errp)
{
	RISCVIMSICState *s = RISCV_IMSIC(dev);

	if ((s->num_ids + 1) % 64) {
		error_setg(errp, "num-ids must be 64*k-1 (63, 127, ... %d)", RISCV_IMSIC_MAX_IDS);
		return false;
	}
	s->files = g_new0(IMSICFile, s->num_harts);
	for (unsigned h = 0; h < s->num_harts; h++)
		s->files[h].imsic = s;
	memory_region_init_io(&s->mmio, &imsic_ops, s, TYPE_RISCV_IMSIC,
			      (uint64_t)s->num_harts * RISCV_IMSIC_PAGE);
	sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->mmio);
	return true;
}

static void imsic_finalize(Object *obj)
{
	RISCVIMSICState *s = RISCV_IMSIC(obj);

	qdev_unrealize(DEVICE(obj));
	if (s->files) {
		if (s->mmio.container)
			memory_region_del_subregion(s->mmio.container, &s->mmio);
		memory_region_finalize(&s->mmio);
	}
	g_free(s->files);
}

static const Property imsic_props[] = {
	PROP("num-harts", prop_info_uint32, RISCVIMSICState, num_harts, PROP_DEFAULT_U(1), .min = 1,
	     .max = RISCV_IMSIC_MAX_HARTS, PROP_DESC("harts, one interrupt file each")),
	PROP("num-ids", prop_info_uint32, RISCVIMSICState, num_ids,
	     PROP_DEFAULT_U(RISCV_IMSIC_DEFAULT_IDS), .min = 63, .max = RISCV_IMSIC_MAX_IDS,
	     PROP_DESC("highest interrupt identity")),
	PROP("mmode", prop_info_bool, RISCVIMSICState, mmode, PROP_DEFAULT_U(false),
	     PROP_DESC("machine-level files (else supervisor-level)")),
	PROP_END,
};

/* Each hart's line follows its restored file. */
static int imsic_post_load(void *opaque)
{
	RISCVIMSICState *s = opaque;

	for (unsigned h = 0; h < s->num_harts; h++) {
		IMSICFile *f = &s->files[h];

		f->line = f->eidelivery == 1 && top_id(f);
		qemu_set_irq(f->irq, f->line);
	}
	return 0;
}

static const VMStateDescription vmstate_imsic_file = {
	.name = "riscv-imsic-file",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT32(eidelivery, IMSICFile),
		VMSTATE_UINT32(eithreshold, IMSICFile),
		VMSTATE_UINT64_ARRAY(eip, IMSICFile, IMSIC_WORDS),
		VMSTATE_UINT64_ARRAY(eie, IMSICFile, IMSIC_WORDS),
		VMSTATE_END,
	    },
};

static const VMStateDescription vmstate_imsic = {
	.name = "riscv-imsic",
	.version = 1,
	.post_load = imsic_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_STRUCT_VARRAY_PTR(files, RISCVIMSICState, num_harts, vmstate_imsic_file,
					  IMSICFile),
		VMSTATE_END,
	    },
};

static void imsic_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_imsic;
	dc->realize = imsic_realize;
	dc->reset = imsic_reset;
	object_class_add_props(klass, imsic_props);
}

static void imsic_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_RISCV_IMSIC,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(RISCVIMSICState),
		.instance_finalize = imsic_finalize,
		.class_init = imsic_class_init,
	};
	type_register(&info);
}
type_init(imsic_register_types)
