// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PCI core: buses, device placement (addr=, multifunction=), the configuration space with
 * its write and write-one-to-clear masks, BAR sizing and mapping (I/O, 32- and 64-bit memory,
 * the expansion ROM) following the command register, capability lists and INTx routing with
 * the bridge swizzle. Guest writes are masked byte by byte, so no value a guest writes can make
 * a read-only bit change; a BAR that would wrap, or a 32-bit BAR reaching 4 GiB, is unmapped,
 * as in QEMU.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/pci/pci.h"
#include "hw/pci/msix.h"
#include "hw/pci/pcie.h"

/* ---- buses ---- */

PCIBus *pci_root_bus_new(DeviceState *parent, const char *name, const char *typename,
			 MemoryRegion *mem, MemoryRegion *io, pci_map_irq_fn map_irq,
			 pci_set_irq_fn set_irq, void *irq_opaque)
{
	PCIBus *bus = PCI_BUS(qbus_new(typename, parent, name));

	bus->mem = mem;
	bus->io = io;
	bus->map_irq = map_irq;
	bus->set_irq = set_irq;
	bus->irq_opaque = irq_opaque;
	return bus;
}

PCIBus *pci_get_bus(const PCIDevice *dev)
{
	return PCI_BUS(dev->parent_obj.parent_bus);
}

bool pci_bus_is_root(PCIBus *bus)
{
	return !bus->bridge;
}

bool pci_bus_is_express(PCIBus *bus)
{
	return object_dynamic_cast(OBJECT(bus), TYPE_PCIE_BUS) != NULL;
}

unsigned pci_bus_num(PCIBus *bus)
{
	return bus->bridge ? bus->bridge->config[PCI_SECONDARY_BUS] : 0;
}

/* The bus numbered busnum below bus: itself, or behind a bridge whose range holds it. */
static PCIBus *find_bus(PCIBus *bus, unsigned busnum, unsigned depth)
{
	if (pci_bus_num(bus) == busnum)
		return bus;
	if (depth > 256)
		return NULL; /* a guest's bus numbers that loop */
	for (int i = 0; i < 256; i++) {
		PCIDevice *d = bus->devices[i];
		DeviceState *ds;

		if (!d || !PCI_DEVICE_GET_CLASS(d)->is_bridge)
			continue;
		if (busnum < d->config[PCI_SECONDARY_BUS] ||
		    busnum > d->config[PCI_SUBORDINATE_BUS])
			continue;
		ds = DEVICE(d);
		if (ds->child_buses->len)
			return find_bus(PCI_BUS(g_ptr_array_index(ds->child_buses, 0)), busnum,
					depth + 1);
	}
	return NULL;
}

PCIDevice *pci_find_device(PCIBus *root, unsigned busnum, unsigned devfn)
{
	PCIBus *bus = find_bus(root, busnum, 0);

	return bus && devfn < 256 ? bus->devices[devfn] : NULL;
}

/* ---- BARs ---- */

static int bar_offset(PCIDevice *dev, int n)
{
	if (n == PCI_ROM_SLOT)
		return PCI_DEVICE_GET_CLASS(dev)->is_bridge ? PCI_ROM_ADDRESS1 : PCI_ROM_ADDRESS;
	return PCI_BASE_ADDRESS_0 + 4 * n;
}

void pci_register_bar(PCIDevice *dev, int n, uint8_t type, MemoryRegion *mr)
{
	PCIIORegion *r = &dev->io_regions[n];
	uint64_t size = memory_region_size(mr);
	int off = bar_offset(dev, n);
	uint64_t mask;

	g_assert(n >= 0 && n < PCI_NUM_REGIONS && size && !(size & (size - 1)));
	r->size = size;
	r->type = type;
	r->mr = mr;
	r->addr = PCI_BAR_UNMAPPED;
	if (n == PCI_ROM_SLOT) {
		pci_set_long(dev->wmask + off, (uint32_t) ~(size - 1) | PCI_ROM_ADDRESS_ENABLE);
		return;
	}
	mask = ~(size - 1);
	pci_set_long(dev->config + off, type);
	pci_set_long(dev->wmask + off, mask & (type & PCI_BASE_ADDRESS_SPACE_IO ? ~3u : ~0xfu));
	if (type & PCI_BASE_ADDRESS_MEM_TYPE_64)
		pci_set_long(dev->wmask + off + 4, mask >> 32);
}

/* The power management capability's registers, and PMCSR's fields. */
enum { PM_PMC = 2, PM_CTRL = 4, PM_STATE = 0x3, PM_D3HOT = 0x3, PM_NO_SOFT_RESET = 0x8 };

/* Where region n should be now, from its BAR and the command register. */
static uint64_t bar_address(PCIDevice *dev, int n)
{
	PCIIORegion *r = &dev->io_regions[n];
	uint16_t cmd = pci_get_word(dev->config + PCI_COMMAND);
	int off = bar_offset(dev, n);
	uint32_t bar = pci_get_long(dev->config + off);
	uint64_t addr, last;

	if (dev->pm_cap && (dev->config[dev->pm_cap + PM_CTRL] & PM_STATE))
		return PCI_BAR_UNMAPPED; /* D3hot: configuration accesses only */
	if (r->type & PCI_BASE_ADDRESS_SPACE_IO) {
		if (!(cmd & PCI_COMMAND_IO))
			return PCI_BAR_UNMAPPED;
		addr = bar & ~(uint64_t)(r->size - 1) & ~3u;
	} else {
		if (!(cmd & PCI_COMMAND_MEMORY))
			return PCI_BAR_UNMAPPED;
		if (n == PCI_ROM_SLOT && !(bar & PCI_ROM_ADDRESS_ENABLE))
			return PCI_BAR_UNMAPPED;
		addr = bar & ~0xfu;
		if (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64)
			addr |= (uint64_t)pci_get_long(dev->config + off + 4) << 32;
		addr &= ~(r->size - 1);
	}
	last = addr + r->size - 1;
	/* as QEMU: nothing that wraps or touches the last byte of the space */
	if (last <= addr || last == PCI_BAR_UNMAPPED)
		return PCI_BAR_UNMAPPED;
	if (!(r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) && last >= UINT32_MAX)
		return PCI_BAR_UNMAPPED;
	return addr;
}

void pci_update_mappings(PCIDevice *dev)
{
	PCIBus *bus = pci_get_bus(dev);

	memory_region_transaction_begin();
	for (int n = 0; n < PCI_NUM_REGIONS; n++) {
		PCIIORegion *r = &dev->io_regions[n];
		MemoryRegion *space = r->type & PCI_BASE_ADDRESS_SPACE_IO ? bus->io : bus->mem;
		uint64_t addr;

		if (!r->size)
			continue;
		addr = bar_address(dev, n);
		if (addr == r->addr)
			continue;
		if (r->addr != PCI_BAR_UNMAPPED)
			memory_region_del_subregion(space, r->mr);
		r->addr = addr;
		/* above RAM or anything else a guest might point a BAR at */
		if (addr != PCI_BAR_UNMAPPED)
			memory_region_add_subregion_overlap(space, addr, r->mr, 1);
	}
	memory_region_transaction_commit();
}

/* ---- INTx ---- */

int pci_swizzle_map_irq(PCIDevice *dev, int pin)
{
	return (pin + PCI_SLOT(dev->devfn)) % PCI_NUM_PINS;
}

static bool intx_asserted(PCIDevice *dev)
{
	return dev->irq_level &&
	       !(pci_get_word(dev->config + PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE);
}

/* Up through the bridges (each swizzles) to the bus that raises a host line. */
static void route_irq(PCIDevice *dev, int change)
{
	int irq = dev->config[PCI_INTERRUPT_PIN] - 1;
	PCIBus *bus;

	for (;;) {
		bus = pci_get_bus(dev);
		irq = bus->map_irq(dev, irq);
		if (bus->set_irq)
			break;
		dev = bus->bridge;
	}
	g_assert(irq >= 0 && irq < PCI_NUM_PINS);
	bus->irq_count[irq] += change;
	bus->set_irq(bus->irq_opaque, irq, bus->irq_count[irq] != 0);
}

/* The pin's effect changed (level, or INTx disable): status bit and routing follow. */
static void intx_update(PCIDevice *dev, bool was)
{
	bool now = intx_asserted(dev);

	if (dev->irq_level)
		dev->config[PCI_STATUS] |= PCI_STATUS_INTERRUPT;
	else
		dev->config[PCI_STATUS] &= ~PCI_STATUS_INTERRUPT;
	if (now != was && dev->config[PCI_INTERRUPT_PIN])
		route_irq(dev, now ? 1 : -1);
}

void pci_set_irq(PCIDevice *dev, int level)
{
	bool was = intx_asserted(dev);

	dev->irq_level = level != 0;
	intx_update(dev, was);
}

bool pci_bus_master_enabled(const PCIDevice *dev)
{
	return pci_get_word(dev->config + PCI_COMMAND) & PCI_COMMAND_MASTER;
}

/* ---- configuration space ---- */

uint32_t pci_default_read_config(PCIDevice *dev, uint32_t addr, unsigned len)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < len; i++)
		v |= (uint32_t)dev->config[addr + i] << (8 * i);
	return v;
}

static bool touches(uint32_t addr, unsigned len, uint32_t start, uint32_t size)
{
	return addr < start + size && start < addr + len;
}

/* PMCSR: D1 and D2 do not exist (writes asking for them are dropped); D3hot to D0 resets. */
static bool pm_write(PCIDevice *dev, uint8_t old_state)
{
	uint8_t *ctrl = dev->config + dev->pm_cap + PM_CTRL;
	uint8_t state = *ctrl & PM_STATE;

	if (state == 1 || state == 2) {
		*ctrl = (*ctrl & ~PM_STATE) | old_state;
		return false;
	}
	return old_state == PM_D3HOT && state == 0 && !(*ctrl & PM_NO_SOFT_RESET);
}

void pci_default_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len)
{
	bool intx_was = intx_asserted(dev);
	uint8_t pm_was = dev->pm_cap ? dev->config[dev->pm_cap + PM_CTRL] & PM_STATE : 0;

	for (unsigned i = 0; i < len; i++) {
		uint32_t a = addr + i;
		uint8_t b = val >> (8 * i);

		dev->config[a] = (dev->config[a] & ~dev->wmask[a]) | (b & dev->wmask[a]);
		dev->config[a] &= ~(b & dev->w1cmask[a]);
	}
	if (dev->pm_cap && touches(addr, len, dev->pm_cap + PM_CTRL, 1) && pm_write(dev, pm_was)) {
		pci_function_reset(dev);
		return;
	}
	if (dev->exp_cap && pcie_flr_requested(dev, addr, len)) {
		pci_function_reset(dev);
		return;
	}
	if (touches(addr, len, PCI_COMMAND, 2) || touches(addr, len, PCI_BASE_ADDRESS_0, 24) ||
	    touches(addr, len, bar_offset(dev, PCI_ROM_SLOT), 4) ||
	    (dev->pm_cap && touches(addr, len, dev->pm_cap + PM_CTRL, 1)))
		pci_update_mappings(dev);
	if (touches(addr, len, PCI_COMMAND, 2))
		intx_update(dev, intx_was);
	if (dev->msix)
		msix_write_config(dev, addr, len);
}

uint32_t pci_config_read(PCIDevice *dev, uint32_t addr, unsigned len)
{
	PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);

	if (addr + len > dev->config_size)
		return UINT32_MAX >> (32 - 8 * len);
	return pc->config_read ? pc->config_read(dev, addr, len)
			       : pci_default_read_config(dev, addr, len);
}

void pci_config_write(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len)
{
	PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);

	if (addr + len > dev->config_size)
		return;
	if (pc->config_write)
		pc->config_write(dev, addr, val, len);
	else
		pci_default_write_config(dev, addr, val, len);
}

/* ---- capabilities ---- */

static int find_space(PCIDevice *dev, unsigned size)
{
	for (unsigned off = 0x40; off + size <= PCI_CONFIG_SPACE_SIZE; off += 4) {
		unsigned i = 0;

		while (i < size && !dev->used[off + i])
			i++;
		if (i == size)
			return off;
	}
	return -1;
}

bool pci_reserve_config(PCIDevice *dev, unsigned off, unsigned size, Error **errp)
{
	for (unsigned i = 0; i < size; i++) {
		if (dev->used[off + i]) {
			error_setg(errp, "capability at offset 0x%x overlaps another", off);
			return false;
		}
	}
	memset(dev->used + off, 1, size);
	return true;
}

int pci_add_capability(PCIDevice *dev, uint8_t id, uint8_t offset, uint8_t size, Error **errp)
{
	int off = offset;

	if (!off)
		off = find_space(dev, size);
	if (off < 0x40 || off + size > PCI_CONFIG_SPACE_SIZE || (off & 3)) {
		error_setg(errp, "no room in the configuration space for capability 0x%x", id);
		return -1;
	}
	if (!pci_reserve_config(dev, off, size, errp))
		return -1;
	dev->config[off] = id;
	dev->config[off + 1] = dev->config[PCI_CAPABILITY_LIST];
	dev->config[PCI_CAPABILITY_LIST] = off;
	dev->config[PCI_STATUS] |= PCI_STATUS_CAP_LIST;
	return off;
}

int pci_pm_init(PCIDevice *dev, uint8_t offset, bool no_soft_reset, Error **errp)
{
	int c = pci_add_capability(dev, PCI_CAP_ID_PM, offset, 8, errp);

	if (c < 0)
		return c;
	pci_set_word(dev->config + c + PM_PMC, 0x3); /* version 3, no D1/D2, no PME */
	dev->config[c + PM_CTRL] = no_soft_reset ? PM_NO_SOFT_RESET : 0;
	dev->wmask[c + PM_CTRL] = PM_STATE;
	dev->pm_cap = c;
	return c;
}

uint8_t pci_find_capability(PCIDevice *dev, uint8_t id)
{
	uint8_t off = dev->config[PCI_CAPABILITY_LIST];

	for (int n = 0; off && n < 48; n++, off = dev->config[off + 1])
		if (dev->config[off] == id)
			return off;
	return 0;
}

/* ---- the device ---- */

/* A free function 0 of some slot, or the slot and function asked for. */
static bool place(PCIDevice *dev, PCIBus *bus, Error **errp)
{
	const char *type = object_get_typename(OBJECT(dev));
	int devfn = dev->devfn;
	PCIDevice *f0;

	if (devfn < 0) {
		for (devfn = 0; devfn < 256 && bus->devices[devfn]; devfn += 8)
			;
		if (devfn >= 256) {
			error_setg(errp, "PCI: no slot/function available for %s, all in use",
				   type);
			return false;
		}
	} else if (bus->devices[devfn]) {
		PCIDevice *other = bus->devices[devfn];
		const char *id = DEVICE(other)->id;

		error_setg(errp,
			   "PCI: slot %d function %d not available for %s, in use by %s,id=%s",
			   PCI_SLOT(devfn), PCI_FUNC(devfn), type,
			   object_get_typename(OBJECT(other)), id ? id : "(null)");
		return false;
	}
	f0 = bus->devices[devfn & ~7];
	if (PCI_FUNC(devfn) && f0 && !f0->multifunction) {
		error_setg(errp, "PCI: single function device can't be populated in function %x.%x",
			   PCI_SLOT(devfn), PCI_FUNC(devfn));
		return false;
	}
	if (!PCI_FUNC(devfn) && !dev->multifunction) {
		for (int f = 1; f < 8; f++) {
			if (bus->devices[devfn + f]) {
				error_setg(errp,
					   "PCI: %x.0 indicates single function, but %x.%x is "
					   "already populated.",
					   PCI_SLOT(devfn), PCI_SLOT(devfn), f);
				return false;
			}
		}
	}
	dev->devfn = devfn;
	bus->devices[devfn] = dev;
	return true;
}

static void init_config(PCIDevice *dev, PCIBus *bus)
{
	PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);
	bool express = pci_bus_is_express(bus) &&
		       (pc->is_express || (pc->express_on_port && !pci_bus_is_root(bus)));

	dev->config_size = express ? PCIE_CONFIG_SPACE_SIZE : PCI_CONFIG_SPACE_SIZE;
	dev->config = g_malloc0(dev->config_size);
	dev->wmask = g_malloc0(dev->config_size);
	dev->w1cmask = g_malloc0(dev->config_size);
	dev->used = g_malloc0(dev->config_size);
	memset(dev->used, 1, 0x40);
	pci_set_word(dev->config + PCI_VENDOR_ID, pc->vendor_id);
	pci_set_word(dev->config + PCI_DEVICE_ID, pc->device_id);
	dev->config[PCI_REVISION_ID] = pc->revision;
	pci_set_word(dev->config + PCI_CLASS_DEVICE, pc->class_id);
	dev->config[PCI_HEADER_TYPE] =
	    (pc->is_bridge ? 1 : 0) | (dev->multifunction ? PCI_HEADER_TYPE_MULTI_FUNCTION : 0);
	if (!pc->is_bridge && (pc->subsystem_vendor_id || pc->subsystem_id)) {
		pci_set_word(dev->config + PCI_SUBSYSTEM_VENDOR_ID, pc->subsystem_vendor_id);
		pci_set_word(dev->config + PCI_SUBSYSTEM_ID, pc->subsystem_id);
	} else if (!pc->is_bridge) {
		/* QEMU's default: Red Hat/Qumranet's vendor, QEMU's subsystem */
		pci_set_word(dev->config + PCI_SUBSYSTEM_VENDOR_ID, 0x1af4);
		pci_set_word(dev->config + PCI_SUBSYSTEM_ID, 0x1100);
	}
	pci_set_word(dev->wmask + PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
						   PCI_COMMAND_MASTER | PCI_COMMAND_SERR |
						   PCI_COMMAND_INTX_DISABLE);
	/* parity, target and master aborts, system error: the guest clears them by writing 1 */
	pci_set_word(dev->w1cmask + PCI_STATUS, 0xf900);
	dev->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
	dev->wmask[PCI_LATENCY_TIMER] = 0xff;
	dev->wmask[PCI_INTERRUPT_LINE] = 0xff;
}

static void free_config(PCIDevice *dev)
{
	g_free(dev->config);
	g_free(dev->wmask);
	g_free(dev->w1cmask);
	g_free(dev->used);
	dev->config = dev->wmask = dev->w1cmask = dev->used = NULL;
}

static bool pci_device_realize(DeviceState *ds, Error **errp)
{
	PCIDevice *dev = PCI_DEVICE(ds);
	PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);
	PCIBus *bus = pci_get_bus(dev);

	if (dev->romfile && *dev->romfile) {
		error_setg(errp, "romfile=%s: option ROMs are not supported", dev->romfile);
		return false;
	}
	if (!place(dev, bus, errp))
		return false;
	init_config(dev, bus);
	if (pc->realize && !pc->realize(dev, errp)) {
		bus->devices[dev->devfn] = NULL;
		free_config(dev);
		return false;
	}
	return true;
}

static void pci_device_unrealize(DeviceState *ds)
{
	PCIDevice *dev = PCI_DEVICE(ds);
	PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);
	PCIBus *bus = pci_get_bus(dev);

	if (pc->exit)
		pc->exit(dev);
	pci_set_irq(dev, 0);
	pci_set_word(dev->config + PCI_COMMAND, 0);
	pci_update_mappings(dev);
	bus->devices[dev->devfn] = NULL;
	free_config(dev);
}

/* Power-on state: decoding off, BARs cleared to their type bits, the pin deasserted, D0. */
static void pci_device_reset(DeviceState *ds)
{
	PCIDevice *dev = PCI_DEVICE(ds);
	PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);

	if (dev->pm_cap)
		dev->config[dev->pm_cap + PM_CTRL] &= ~PM_STATE;
	pci_set_irq(dev, 0);
	pci_set_word(dev->config + PCI_COMMAND, 0);
	pci_set_word(dev->config + PCI_STATUS,
		     pci_get_word(dev->config + PCI_STATUS) & PCI_STATUS_CAP_LIST);
	dev->config[PCI_CACHE_LINE_SIZE] = 0;
	dev->config[PCI_LATENCY_TIMER] = 0;
	dev->config[PCI_INTERRUPT_LINE] = 0;
	for (int n = 0; n < PCI_NUM_REGIONS; n++) {
		PCIIORegion *r = &dev->io_regions[n];
		int off = bar_offset(dev, n);

		if (!r->size)
			continue;
		pci_set_long(dev->config + off, n == PCI_ROM_SLOT ? 0 : r->type);
		if (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64)
			pci_set_long(dev->config + off + 4, 0);
	}
	pci_update_mappings(dev);
	if (dev->msix)
		msix_reset(dev);
	if (pc->reset)
		pc->reset(dev);
}

void pci_function_reset(PCIDevice *dev)
{
	pci_device_reset(DEVICE(dev));
}

/* ---- addr=: SLOT[.FN] in hex, as QEMU reads it ---- */

static int32_t *devfn_field(Object *obj, const Property *prop)
{
	return (int32_t *)((char *)obj + prop->offset);
}

static void devfn_get(Object *obj, const Property *prop, QValue *v)
{
	*v = qv_int(*devfn_field(obj, prop));
}

static bool devfn_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	int64_t n = v->kind == QV_INT ? v->i : v->kind == QV_UINT ? (int64_t)v->u : -2;

	if (v->kind == QV_STR) {
		/* what devfn_parse could not read */
		error_setg(errp, "Property '%s.%s' doesn't take value '%s'",
			   object_get_typename(obj), prop->name, v->s);
		return false;
	}
	if (n < -1 || n > 255) {
		error_setg(errp, "Property '%s.%s' doesn't take value '%" PRId64 "'",
			   object_get_typename(obj), prop->name, n);
		return false;
	}
	*devfn_field(obj, prop) = n;
	return true;
}

/* A string devfn_set refuses with the device's name when it is not SLOT[.FN]. */
static bool devfn_parse(const Property *prop, const char *str, QValue *v, Error **errp)
{
	unsigned long slot, fn = 0;
	char *end;

	errno = 0;
	slot = strtoul(str, &end, 16);
	if (end != str && *end == '.' && !errno) {
		const char *f = end + 1;

		fn = strtoul(f, &end, 16);
		if (end == f)
			end = (char *)str;
	}
	if (end == str || *end || errno || slot > 0x1f || fn > 7)
		*v = qv_str(str);
	else
		*v = qv_int(PCI_DEVFN(slot, fn));
	return true;
}

static void devfn_set_default(Object *obj, const Property *prop)
{
	*devfn_field(obj, prop) = prop->defval.i;
}

static char *devfn_print_default(const Property *prop)
{
	return g_strdup_printf("%" PRId64, prop->defval.i);
}

static const PropertyInfo devfn_info = {
	.type = "int32",
	.description = "Slot and optional function number, example: 06.0 or 06",
	.get = devfn_get,
	.set = devfn_set,
	.parse = devfn_parse,
	.set_default = devfn_set_default,
	.print_default = devfn_print_default,
};

static const Property pci_props[] = {
	PROP("addr", devfn_info, PCIDevice, devfn, PROP_DEFAULT_I(-1)),
	PROP("multifunction", prop_info_bit, PCIDevice, multifunction, PROP_DEFAULT_U(0)),
	PROP("rombar", prop_info_uint32, PCIDevice, rombar, PROP_DEFAULT_U(1)),
	PROP("romfile", prop_info_string, PCIDevice, romfile),
	PROP_END,
};

/* ---- savevm ---- */

static void vm_point_at_msix(PCIDevice *dev)
{
	PCIMSIX *m = dev->msix;

	dev->vm_msix_table = m ? m->table : NULL;
	dev->vm_msix_table_len = m ? m->nentries * 16 : 0; /* 16-byte table entries */
	dev->vm_msix_pba = m ? m->pba : NULL;
	dev->vm_msix_pba_len = m ? QEMU_ALIGN_UP(m->nentries, 64) / 8 : 0;
}

static int pci_pre_save(void *opaque)
{
	PCIDevice *dev = opaque;

	vm_point_at_msix(dev);
	dev->vm_irq_level = dev->irq_level;
	return 0;
}

static void pci_pre_load(void *opaque)
{
	vm_point_at_msix(opaque);
}

/* BARs go where the restored configuration puts them; INTx is raised again if it was. */
static int pci_post_load(void *opaque)
{
	PCIDevice *dev = opaque;

	pci_update_mappings(dev);
	dev->irq_level = 0; /* the reset before the load left the line low */
	pci_set_irq(dev, dev->vm_irq_level);
	return 0;
}

const VMStateDescription vmstate_pci_device = {
	.name = "PCIDevice",
	.version = 1,
	.pre_save = pci_pre_save,
	.pre_load = pci_pre_load,
	.post_load = pci_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT8_VARRAY_PTR(config, PCIDevice, config_size),
		VMSTATE_UINT8_VARRAY_PTR(vm_msix_table, PCIDevice, vm_msix_table_len),
		VMSTATE_UINT8_VARRAY_PTR(vm_msix_pba, PCIDevice, vm_msix_pba_len),
		VMSTATE_UINT32(vm_irq_level, PCIDevice),
		VMSTATE_END,
	    },
};

static void pci_device_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->bus_type = TYPE_PCI_BUS;
	dc->realize = pci_device_realize;
	dc->unrealize = pci_device_unrealize;
	dc->reset = pci_device_reset;
	object_class_add_props(klass, pci_props);
}

static void pci_register_types(void)
{
	static const TypeInfo types[] = {
		{
		    .name = TYPE_PCI_BUS,
		    .parent = TYPE_BUS,
		    .instance_size = sizeof(PCIBus),
		},
		{
		    .name = TYPE_PCIE_BUS,
		    .parent = TYPE_PCI_BUS,
		    .instance_size = sizeof(PCIBus),
		},
		{
		    .name = TYPE_PCI_DEVICE,
		    .parent = TYPE_DEVICE,
		    .abstract = true,
		    .instance_size = sizeof(PCIDevice),
		    .class_size = sizeof(PCIDeviceClass),
		    .class_init = pci_device_class_init,
		},
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(pci_register_types)
