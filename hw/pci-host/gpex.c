// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The generic PCIe host bridge. ECAM (PCI Express 4.0, 7.2.2): bits 27:20 of the offset pick
 * the bus, 19:15 the device, 14:12 the function, 11:0 the register; a function that is not
 * there reads as all ones and ignores writes. INTx pins arrive already swizzled by slot, as the
 * node's interrupt-map tells the guest: pin P of slot S raises line (P + S) mod 4.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/pci-host/gpex.h"
#include "exec/address-spaces.h"
#include "sysemu/device_tree.h"

static PCIDevice *ecam_device(GPEXHost *h, hwaddr addr)
{
	return pci_find_device(h->bus, (addr >> 20) & 0xff, (addr >> 12) & 0xff);
}

static uint64_t ecam_read(void *opaque, hwaddr addr, unsigned size)
{
	PCIDevice *d = ecam_device(opaque, addr);

	return d ? pci_config_read(d, addr & 0xfff, size) : UINT32_MAX >> (32 - 8 * size);
}

static void ecam_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	PCIDevice *d = ecam_device(opaque, addr);

	if (d)
		pci_config_write(d, addr & 0xfff, val, size);
}

static const MemoryRegionOps ecam_ops = {
	.read = ecam_read,
	.write = ecam_write,
	.valid = { .min_access_size = 1, .max_access_size = 4 },
	.impl = { .min_access_size = 1, .max_access_size = 4 },
};

static void gpex_set_irq(void *opaque, int irq, int level)
{
	qemu_set_irq(((GPEXHost *)opaque)->irq[irq], level);
}

static void gpex_init(Object *obj)
{
	GPEXHost *h = GPEX_HOST(obj);

	memory_region_init(&h->mem, "pcie-mmio", UINT64_MAX);
	memory_region_init(&h->io, "pcie-io", GPEX_IO_SIZE);
	for (int i = 0; i < PCI_NUM_PINS; i++)
		sysbus_init_irq(SYS_BUS_DEVICE(obj), &h->irq[i]);
}

static bool gpex_realize(DeviceState *dev, Error **errp)
{
	GPEXHost *h = GPEX_HOST(dev);
	DeviceState *root;

	memory_region_init_io(&h->ecam, &ecam_ops, h, "pcie-mmcfg-mmio", h->ecam_size);
	sysbus_init_mmio(SYS_BUS_DEVICE(dev), &h->ecam);
	h->bus = pci_root_bus_new(dev, "pcie.0", TYPE_PCIE_BUS, &h->mem, &h->io,
				  pci_swizzle_map_irq, gpex_set_irq, h);
	root = qdev_new(TYPE_GPEX_ROOT);
	object_property_add_child(OBJECT(dev), "gpex-root", OBJECT(root));
	object_unref(OBJECT(root));
	return qdev_realize(root, &h->bus->qbus, errp);
}

static void gpex_finalize(Object *obj)
{
	GPEXHost *h = GPEX_HOST(obj);

	qdev_unrealize(DEVICE(obj));
	if (h->ecam.container)
		memory_region_del_subregion(h->ecam.container, &h->ecam);
	memory_region_finalize(&h->ecam);
}

void gpex_map_mem_window(GPEXHost *h, MemoryRegion *alias, const char *name, hwaddr base,
			 uint64_t size)
{
	memory_region_init_alias(alias, name, &h->mem, base, size);
	memory_region_add_subregion(get_system_memory(), base, alias);
}

void gpex_map_io_window(GPEXHost *h, MemoryRegion *alias, hwaddr base)
{
	memory_region_init_alias(alias, "pcie-io-window", &h->io, 0, GPEX_IO_SIZE);
	memory_region_add_subregion(get_system_memory(), base, alias);
}

static void put_range(uint32_t *c, uint32_t space, uint64_t pci, uint64_t cpu, uint64_t size)
{
	uint32_t r[7] = { space, pci >> 32, pci, cpu >> 32, cpu, size >> 32, size };

	memcpy(c, r, sizeof(r));
}

/* QEMU's property order (libfdt stores each new property first, as it does for QEMU). */
void gpex_fdt(void *fdt, const char *path, const GPEXLayout *l)
{
	uint32_t ranges[21], map[4 * PCI_NUM_PINS * (5 + DT_IRQ_MAX_CELLS)];
	uint32_t mask[4] = { 0x1800, 0, 0, 7 };
	uint32_t bus_range[2] = { 0, l->ecam_size / 0x100000 - 1 };
	uint32_t *m = map;

	dt_add_path(fdt, path);
	dt_set_u32(fdt, path, "#address-cells", 3);
	dt_set_u32(fdt, path, "#interrupt-cells", 1);
	dt_set_u32(fdt, path, "#size-cells", 2);
	dt_set_string(fdt, path, "compatible", "pci-host-ecam-generic");
	dt_set_string(fdt, path, "device_type", "pci");
	dt_set_u32(fdt, path, "linux,pci-domain", 0);
	dt_set_cells(fdt, path, "bus-range", 2, bus_range);
	dt_set_empty(fdt, path, "dma-coherent");
	if (l->msi_phandle)
		dt_set_u32(fdt, path, "msi-parent", l->msi_phandle);
	dt_set_reg(fdt, path, l->ecam_base, l->ecam_size);
	put_range(ranges, 0x1000000, 0, l->io_base, GPEX_IO_SIZE);
	put_range(ranges + 7, 0x2000000, l->mmio_base, l->mmio_base, l->mmio_size);
	put_range(ranges + 14, 0x3000000, l->high_base, l->high_base, l->high_size);
	dt_set_cells(fdt, path, "ranges", 21, ranges);
	/* slots 0-3 of bus 0; every slot repeats with its number's low two bits */
	for (unsigned slot = 0; slot < 4; slot++) {
		for (unsigned pin = 0; pin < PCI_NUM_PINS; pin++) {
			uint32_t e[5] = { slot << 11, 0, 0, pin + 1, l->intc->phandle };

			memcpy(m, e, sizeof(e));
			m += 5;
			m += l->intc->cells(l->irq_base + (pin + slot) % PCI_NUM_PINS, m);
		}
	}
	dt_set_cells(fdt, path, "interrupt-map", m - map, map);
	dt_set_cells(fdt, path, "interrupt-map-mask", 4, mask);
}

static const Property gpex_props[] = {
	PROP("ecam-size", prop_info_size, GPEXHost, ecam_size, PROP_DEFAULT_U(0x10000000)),
	PROP_END,
};

/* The host bridge has no registers of its own: ECAM reaches the functions' own state. */
static const VMStateDescription vmstate_gpex = { .name = "gpex-pcihost", .version = 1 };

static void gpex_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_gpex;
	dc->realize = gpex_realize;
	dc->categories = 1u << DEVICE_CATEGORY_BRIDGE;
	object_class_add_props(klass, gpex_props);
}

/* The host bridge's own function at 00.0. */
static void gpex_root_class_init(ObjectClass *klass, const void *data)
{
	PCIDeviceClass *pc = PCI_DEVICE_CLASS(klass);

	DEVICE_CLASS(klass)->desc = "QEMU generic PCIe host bridge";
	DEVICE_CLASS(klass)->vmsd = &vmstate_pci_device;
	DEVICE_CLASS(klass)->categories = 1u << DEVICE_CATEGORY_BRIDGE;
	pc->vendor_id = 0x1b36; /* Red Hat, QEMU's */
	pc->device_id = 0x0008;
	pc->class_id = 0x0600; /* host bridge */
}

static void gpex_register_types(void)
{
	static const TypeInfo types[] = {
		{
		    .name = TYPE_GPEX_HOST,
		    .parent = TYPE_SYS_BUS_DEVICE,
		    .instance_size = sizeof(GPEXHost),
		    .instance_init = gpex_init,
		    .instance_finalize = gpex_finalize,
		    .class_init = gpex_class_init,
		},
		{
		    .name = TYPE_GPEX_ROOT,
		    .parent = TYPE_PCI_DEVICE,
		    .instance_size = sizeof(PCIDevice),
		    .class_init = gpex_root_class_init,
		},
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(gpex_register_types)
