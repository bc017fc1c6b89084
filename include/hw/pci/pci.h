// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PCI devices and buses. A PCIDevice owns a configuration space (256 bytes, 4 KiB on PCI
 * Express) with per-byte masks saying which bits the guest may write and which it clears by
 * writing ones; up to six BARs and an expansion ROM whose regions the core maps into the bus's
 * memory or I/O space whenever the guest moves them or switches decoding; a capability list; and
 * an INTx pin that the bus routes, swizzled per slot through bridges, to the host bridge's
 * interrupt lines. A device sits on a bus at devfn (addr=SLOT[.FN]); bus 0 hangs off the host
 * bridge, which finds devices by bus number for configuration accesses.
 */
#ifndef HW_PCI_PCI_H
#define HW_PCI_PCI_H

#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "exec/memory.h"

#define TYPE_PCI_DEVICE "pci-device"
#define TYPE_PCI_BUS	"PCI"
#define TYPE_PCIE_BUS	"PCIE"

#define PCI_DEVICE(obj)		  OBJECT_CHECK(PCIDevice, (obj), TYPE_PCI_DEVICE)
#define PCI_DEVICE_CLASS(k)	  OBJECT_CLASS_CHECK(PCIDeviceClass, (k), TYPE_PCI_DEVICE)
#define PCI_DEVICE_GET_CLASS(obj) OBJECT_GET_CLASS(PCIDeviceClass, (obj), TYPE_PCI_DEVICE)
#define PCI_BUS(obj)		  OBJECT_CHECK(PCIBus, (obj), TYPE_PCI_BUS)

#define PCI_CONFIG_SPACE_SIZE  0x100
#define PCIE_CONFIG_SPACE_SIZE 0x1000
#define PCI_DEVFN(slot, fn)    (((slot) << 3) | (fn))
#define PCI_SLOT(devfn)	       (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)	       ((devfn)&7)
#define PCI_NUM_BARS	       6
#define PCI_ROM_SLOT	       6
#define PCI_NUM_REGIONS	       7
#define PCI_NUM_PINS	       4
#define PCI_BAR_UNMAPPED       (~(uint64_t)0)

/* Configuration space registers (PCI Local Bus 3.0, type 0 and 1 headers). */
enum {
	PCI_VENDOR_ID = 0x00,
	PCI_DEVICE_ID = 0x02,
	PCI_COMMAND = 0x04,
	PCI_STATUS = 0x06,
	PCI_REVISION_ID = 0x08,
	PCI_CLASS_PROG = 0x09,
	PCI_CLASS_DEVICE = 0x0a,
	PCI_CACHE_LINE_SIZE = 0x0c,
	PCI_LATENCY_TIMER = 0x0d,
	PCI_HEADER_TYPE = 0x0e,
	PCI_BASE_ADDRESS_0 = 0x10,
	PCI_SUBSYSTEM_VENDOR_ID = 0x2c,
	PCI_SUBSYSTEM_ID = 0x2e,
	PCI_ROM_ADDRESS = 0x30,
	PCI_CAPABILITY_LIST = 0x34,
	PCI_INTERRUPT_LINE = 0x3c,
	PCI_INTERRUPT_PIN = 0x3d,
	/* type 1 (bridge) */
	PCI_PRIMARY_BUS = 0x18,
	PCI_SECONDARY_BUS = 0x19,
	PCI_SUBORDINATE_BUS = 0x1a,
	PCI_ROM_ADDRESS1 = 0x38,
	PCI_BRIDGE_CONTROL = 0x3e,
};

enum {
	PCI_COMMAND_IO = 0x1,
	PCI_COMMAND_MEMORY = 0x2,
	PCI_COMMAND_MASTER = 0x4,
	PCI_COMMAND_SERR = 0x100,
	PCI_COMMAND_INTX_DISABLE = 0x400,
	PCI_STATUS_INTERRUPT = 0x08,
	PCI_STATUS_CAP_LIST = 0x10,
	PCI_HEADER_TYPE_MULTI_FUNCTION = 0x80,
	PCI_BASE_ADDRESS_SPACE_IO = 0x01,
	PCI_BASE_ADDRESS_MEM_TYPE_64 = 0x04,
	PCI_BASE_ADDRESS_MEM_PREFETCH = 0x08,
	PCI_ROM_ADDRESS_ENABLE = 0x01,
};

/* Capability IDs. */
enum {
	PCI_CAP_ID_PM = 0x01,
	PCI_CAP_ID_MSI = 0x05,
	PCI_CAP_ID_VNDR = 0x09,
	PCI_CAP_ID_SSVID = 0x0d,
	PCI_CAP_ID_EXP = 0x10,
	PCI_CAP_ID_MSIX = 0x11,
};

typedef struct PCIBus PCIBus;
typedef struct PCIDevice PCIDevice;

typedef struct PCIIORegion {
	uint64_t addr; /* where it is mapped on the bus, or PCI_BAR_UNMAPPED */
	uint64_t size; /* a power of two; 0: no BAR */
	uint8_t type;  /* the BAR's low bits: PCI_BASE_ADDRESS_SPACE_IO, MEM_TYPE_64, PREFETCH */
	MemoryRegion *mr;
} PCIIORegion;

struct PCIDevice {
	DeviceState parent_obj;
	uint8_t *config;
	uint8_t *wmask;	  /* bits the guest may write */
	uint8_t *w1cmask; /* bits a written one clears */
	uint8_t *used;	  /* bytes taken by the header and capabilities */
	unsigned config_size;
	int32_t devfn; /* addr=; -1 until placed */
	bool multifunction;
	uint32_t rombar;
	char *romfile;
	PCIIORegion io_regions[PCI_NUM_REGIONS];
	int irq_level; /* the INTx pin's level as the device drives it */
	/* MSI-X (hw/pci/msix.c) */
	struct PCIMSIX *msix;
	uint8_t pm_cap;	 /* the power management capability's offset, 0 if none */
	uint8_t exp_cap; /* the PCI Express capability's offset, 0 if none */
	/* savevm: the MSI-X table and pending bits, and the INTx level, as saved */
	uint8_t *vm_msix_table, *vm_msix_pba;
	uint32_t vm_msix_table_len, vm_msix_pba_len, vm_irq_level;
};

/* The state every PCI function has (configuration space, MSI-X, INTx): first in its own. */
extern const struct VMStateDescription vmstate_pci_device;
#define VMSTATE_PCI_DEVICE(T) VMSTATE_STRUCT(parent_obj, T, vmstate_pci_device, PCIDevice)

typedef struct PCIDeviceClass {
	DeviceClass parent_class;
	bool (*realize)(PCIDevice *dev, Error **errp);
	void (*exit)(PCIDevice *dev);
	/* The device's own reset, after the core's (command, BARs, INTx). */
	void (*reset)(PCIDevice *dev);
	/* Overrides of the default configuration accesses (which call pci_default_*). */
	uint32_t (*config_read)(PCIDevice *dev, uint32_t addr, unsigned len);
	void (*config_write)(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len);
	uint16_t vendor_id, device_id, subsystem_vendor_id, subsystem_id;
	uint8_t revision;
	uint16_t class_id;
	bool is_bridge;	 /* type 1 header */
	bool is_express; /* PCI Express (4 KiB configuration space) on an express bus */
	/* ... only below a port: on the root bus it is a conventional function (virtio, QEMU's rule) */
	bool express_on_port;
} PCIDeviceClass;

/* What a bus routes interrupts through: the host bridge for bus 0, a bridge below. */
typedef int (*pci_map_irq_fn)(PCIDevice *dev, int pin);
typedef void (*pci_set_irq_fn)(void *opaque, int irq, int level);

struct PCIBus {
	BusState qbus;
	PCIDevice *devices[256];
	MemoryRegion *mem, *io; /* where BARs are mapped */
	PCIDevice *bridge;	/* the bridge whose secondary side this is; NULL for the root */
	pci_map_irq_fn map_irq;
	pci_set_irq_fn set_irq;
	void *irq_opaque;
	int irq_count[PCI_NUM_PINS]; /* devices asserting each of the bus's lines */
};

/* The root bus of a host bridge, owned by parent (the bridge's sysbus device). */
PCIBus *pci_root_bus_new(DeviceState *parent, const char *name, const char *typename,
			 MemoryRegion *mem, MemoryRegion *io, pci_map_irq_fn map_irq,
			 pci_set_irq_fn set_irq, void *irq_opaque);
/* The device at bus number busnum (found through bridges' bus ranges) and devfn, or NULL. */
PCIDevice *pci_find_device(PCIBus *root, unsigned busnum, unsigned devfn);
PCIBus *pci_get_bus(const PCIDevice *dev);
unsigned pci_bus_num(PCIBus *bus);
bool pci_bus_is_root(PCIBus *bus);
bool pci_bus_is_express(PCIBus *bus);

/* Configuration accesses as the host bridge makes them (len 1, 2 or 4, within the space). */
uint32_t pci_config_read(PCIDevice *dev, uint32_t addr, unsigned len);
void pci_config_write(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len);
uint32_t pci_default_read_config(PCIDevice *dev, uint32_t addr, unsigned len);
void pci_default_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len);

/* Declares BAR n (size a power of two, type its low bits) backed by mr; call in realize. */
void pci_register_bar(PCIDevice *dev, int n, uint8_t type, MemoryRegion *mr);
/* Adds a capability of size bytes at offset (0: the next free place); returns its offset. */
int pci_add_capability(PCIDevice *dev, uint8_t id, uint8_t offset, uint8_t size, Error **errp);
/* Marks [off, off + size) of the configuration space taken; false if some of it was. */
bool pci_reserve_config(PCIDevice *dev, unsigned off, unsigned size, Error **errp);
uint8_t pci_find_capability(PCIDevice *dev, uint8_t id);
/* Drives the INTx pin (0: deasserted); routed unless the guest disabled INTx. */
void pci_set_irq(PCIDevice *dev, int level);
/* Bus mastering enabled: the device may do DMA. */
bool pci_bus_master_enabled(const PCIDevice *dev);
/* Re-reads every BAR and the command register and moves the regions to match. */
void pci_update_mappings(PCIDevice *dev);
/* INTx swizzle of a device behind a bridge: its pin as the bridge's own pin. */
int pci_swizzle_map_irq(PCIDevice *dev, int pin);

static inline void pci_set_word(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static inline void pci_set_long(uint8_t *p, uint32_t v)
{
	pci_set_word(p, v);
	pci_set_word(p + 2, v >> 16);
}

static inline uint16_t pci_get_word(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static inline uint32_t pci_get_long(const uint8_t *p)
{
	return pci_get_word(p) | (uint32_t)pci_get_word(p + 2) << 16;
}

/*
 * The power management capability (PCI Bus Power Management 1.2, version 3): D0 and D3hot.
 * In D3hot the function decodes no memory or I/O; back in D0 it is reset unless
 * no_soft_reset. Returns the offset (offset 0: the first free room), or -1.
 */
int pci_pm_init(PCIDevice *dev, uint8_t offset, bool no_soft_reset, Error **errp);
/* A conventional reset of one function (FLR, D3hot to D0): what a bus reset does to it. */
void pci_function_reset(PCIDevice *dev);

#endif
