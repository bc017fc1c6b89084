// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ACLINT SSWI device (RISC-V ACLINT specification, "SSWI"): one 32-bit SETSSIP register
 * per hart at offset 4 * hartid. Writing 1 to bit 0 sets the hart's supervisor software
 * interrupt pending (an edge: the hart clears SSIP itself through sip); writing 0 does
 * nothing; reads return 0. Other accesses are guest errors. See include/hw/intc/riscv_aclint.h.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/intc/riscv_aclint.h"
#include "hw/irq.h"
#include "qemu/log.h"
#include "qom/property.h"
#include "sysemu/device_tree.h"

typedef struct RISCVAclintSswiState {
	SysBusDevice parent_obj;
	MemoryRegion mmio;
	uint32_t num_harts; /* property "num-harts" */
	qemu_irq ssip[RISCV_ACLINT_MAX_HARTS];
} RISCVAclintSswiState;

#define RISCV_ACLINT_SSWI(obj) OBJECT_CHECK(RISCVAclintSswiState, (obj), TYPE_RISCV_ACLINT_SSWI)

static uint64_t sswi_read(void *opaque, hwaddr addr, unsigned size)
{
	return 0;
}

static void sswi_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	RISCVAclintSswiState *s = opaque;
	uint64_t hart = addr / 4;

	if (hart >= s->num_harts) {
		qemu_log_mask(LOG_GUEST_ERROR,
			      "aclint-sswi: setssip at 0x%" HWADDR_PRIx ": hart %" PRIu64
			      " out of range\n",
			      addr, hart);
		return;
	}
	if ((val & 1) && s->ssip[hart])
		qemu_irq_raise(s->ssip[hart]);
}

static const MemoryRegionOps sswi_ops = {
	.read = sswi_read,
	.write = sswi_write,
	.valid = { .min_access_size = 4, .max_access_size = 4 },
};

void riscv_aclint_sswi_connect_hart(DeviceState *dev, unsigned hart, qemu_irq ssip)
{
	RISCVAclintSswiState *s = RISCV_ACLINT_SSWI(dev);

	g_assert(hart < RISCV_ACLINT_MAX_HARTS);
	s->ssip[hart] = ssip;
}

void riscv_aclint_sswi_fdt(DeviceState *dev, void *fdt, const char *parent, hwaddr base,
			   const uint32_t *intc_phandles)
{
	RISCVAclintSswiState *s = RISCV_ACLINT_SSWI(dev);
	char *path = g_strdup_printf("%s/sswi@%" PRIx64, parent, base);
	uint32_t *cells = g_new(uint32_t, 2 * s->num_harts);

	for (uint32_t i = 0; i < s->num_harts; i++) {
		cells[2 * i] = intc_phandles[i];
		cells[2 * i + 1] = 1; /* SSIP */
	}
	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "compatible", "riscv,aclint-sswi");
	dt_set_reg(fdt, path, base, RISCV_ACLINT_SSWI_SIZE);
	dt_set_empty(fdt, path, "interrupt-controller");
	dt_set_u32(fdt, path, "#interrupt-cells", 0);
	dt_set_cells(fdt, path, "interrupts-extended", 2 * s->num_harts, cells);
	g_free(cells);
	g_free(path);
}

static void sswi_init(Object *obj)
{
	RISCVAclintSswiState *s = RISCV_ACLINT_SSWI(obj);

	memory_region_init_io(&s->mmio, &sswi_ops, s, TYPE_RISCV_ACLINT_SSWI,
			      RISCV_ACLINT_SSWI_SIZE);
	sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
}

static void sswi_finalize(Object *obj)
{
	RISCVAclintSswiState *s = RISCV_ACLINT_SSWI(obj);

	if (s->mmio.container)
		memory_region_del_subregion(s->mmio.container, &s->mmio);
	memory_region_finalize(&s->mmio);
}

static const Property sswi_props[] = {
	PROP("num-harts", prop_info_uint32, RISCVAclintSswiState, num_harts, PROP_DEFAULT_U(1),
	     .min = 1, .max = RISCV_ACLINT_MAX_HARTS),
	PROP_END,
};

/* SETSSIP is an edge into the hart's SSIP, which the CPU's state keeps: nothing here. */
static const VMStateDescription vmstate_sswi = { .name = "riscv-aclint-sswi", .version = 1 };

static void sswi_class_init(ObjectClass *oc, const void *data)
{
	DEVICE_CLASS(oc)->vmsd = &vmstate_sswi;
	object_class_add_props(oc, sswi_props);
}

static void sswi_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_RISCV_ACLINT_SSWI,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(RISCVAclintSswiState),
		.instance_init = sswi_init,
		.instance_finalize = sswi_finalize,
		.class_init = sswi_class_init,
	};
	type_register(&info);
}
type_init(sswi_register_types)
