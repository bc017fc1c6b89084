// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The "virt" board, QEMU's memory map: boot ROM with the reset vector at 0x1000, the test
 * finisher at 0x100000, the CLINT at 0x2000000, the UART at 0x10000000 and RAM at
 * 0x80000000. The board places devices, asks each for its device-tree node, and lays out the
 * boot as QEMU does: OpenSBI fw_dynamic at the start of RAM, the kernel at the next 2 MiB,
 * the initrd above it, the device tree near the top of low RAM, and the reset vector passing
 * hartid, DTB and fw_dynamic info to the firmware.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "hw/sysbus.h"
#include "hw/loader.h"
#include "hw/char/serial.h"
#include "chardev/char.h"
#include "hw/intc/riscv_aclint.h"
#include "hw/intc/sifive_plic.h"
#include "hw/intc/riscv_aplic.h"
#include "hw/intc/riscv_imsic.h"
#include "hw/rtc/goldfish_rtc.h"
#include "hw/virtio/virtio-mmio.h"
#include "sysemu/block-backend.h"
#include "sysemu/runstate.h"
#include "hw/misc/sifive_test.h"
#include "hw/block/pflash_cfi01.h"
#include "hw/pci-host/gpex.h"
#include "hw/nvram/fw_cfg.h"
#include "qemu/units.h"
#include "exec/address-spaces.h"
#include "sysemu/sysemu.h"
#include "sysemu/device_tree.h"
#include "hw/riscv/boot.h"
#include "hw/riscv/harts.h"
#include "target/riscv/cpu.h"

enum {
	VIRT_MROM,
	VIRT_TEST,
	VIRT_RTC,
	VIRT_CLINT,
	VIRT_ACLINT_SSWI,
	VIRT_PLIC,
	VIRT_APLIC_M,
	VIRT_APLIC_S,
	VIRT_UART0,
	VIRT_VIRTIO,
	VIRT_FW_CFG,
	VIRT_FLASH,
	VIRT_IMSIC_M,
	VIRT_IMSIC_S,
	VIRT_PCIE_PIO,
	VIRT_PCIE_ECAM,
	VIRT_PCIE_MMIO,
	VIRT_DRAM
};

static const struct {
	hwaddr base, size;
} virt_memmap[] = {
	/* clang-format off */
	[VIRT_MROM]  = { 0x1000,      0xf000 },
	[VIRT_TEST]  = { 0x100000,    0x1000 },
	[VIRT_RTC]   = { 0x101000,    0x1000 },
	[VIRT_CLINT] = { 0x2000000,   0x10000 },
	[VIRT_ACLINT_SSWI] = { 0x2f00000, 0x4000 },
	[VIRT_PLIC]  = { 0xc000000,   SIFIVE_PLIC_SIZE },
	[VIRT_APLIC_M] = { 0xc000000, RISCV_APLIC_SIZE(RISCV_ACLINT_MAX_HARTS) },
	[VIRT_APLIC_S] = { 0xd000000, RISCV_APLIC_SIZE(RISCV_ACLINT_MAX_HARTS) },
	[VIRT_UART0] = { 0x10000000,  0x100 },
	[VIRT_VIRTIO] = { 0x10001000, 0x1000 },
	[VIRT_FW_CFG] = { 0x10100000, FW_CFG_MEM_SIZE },
	[VIRT_FLASH]  = { 0x20000000,  0x4000000 },
	[VIRT_IMSIC_M] = { 0x24000000, RISCV_IMSIC_MAX_HARTS * RISCV_IMSIC_PAGE },
	[VIRT_IMSIC_S] = { 0x28000000, RISCV_IMSIC_MAX_HARTS * RISCV_IMSIC_PAGE },
	[VIRT_PCIE_PIO]  = { 0x3000000,  0x10000 },
	[VIRT_PCIE_ECAM] = { 0x30000000, 0x10000000 },
	[VIRT_PCIE_MMIO] = { 0x40000000, 0x40000000 },
	[VIRT_DRAM]  = { 0x80000000,  0 },
	/* clang-format on */
};

#define VIRT_UART0_IRQ	    10
#define VIRT_RTC_IRQ	    11
#define VIRT_VIRTIO_IRQ	    1 /* transports use 1..8 */
#define VIRT_VIRTIO_COUNT   8
#define VIRT_PCIE_IRQ	    0x20 /* INTx A-D on PLIC lines 32-35 */
#define VIRT_PCIE_HIGH_SIZE (16 * GiB)
#define VIRT_FLASH_BANKS    2
#define VIRT_FLASH_SECTOR   (256 * KiB)
#define VIRT_IRQ_SOURCES    96 /* sources 1..95 of the PLIC or APLIC, as QEMU's */
#define VIRT_IPRIO_BITS	    3  /* APLIC priority bits, as QEMU's */

/* aia= */
typedef enum { VIRT_AIA_NONE, VIRT_AIA_APLIC, VIRT_AIA_APLIC_IMSIC } VirtAIAType;
static const char *const virt_aia_names[] = { "none", "aplic", "aplic-imsic", NULL };

typedef struct VirtMachineState {
	MachineState parent_obj;
	RISCVBootState boot;
	DeviceState *clint;
	DeviceState *plic;		/* aia=none */
	DeviceState *aplic_m, *aplic_s; /* aia=aplic, aplic-imsic */
	DeviceState *imsic_m, *imsic_s; /* aia=aplic-imsic */
	DeviceState *uart;
	DeviceState *sswi; /* aclint=on */
	PFlashCFI01 *flash[VIRT_FLASH_BANKS];
	GPEXHost *pcie;
	MemoryRegion pcie_mmio, pcie_high, pcie_pio; /* the host's windows */
	hwaddr pcie_high_base;
	bool aclint;	 /* property aclint: the CLINT as ACLINT MSWI and MTIMER, plus an SSWI */
	VirtAIAType aia; /* property aia */
	unsigned aia_guests; /* property aia-guests: 0..7 (only 0 without the H extension) */
	RISCVCPU *harts[RISCV_ACLINT_MAX_HARTS];
} VirtMachineState;

/* A hart's external interrupts from the IMSIC files, or else from the APLICs' IDCs. */
static void virt_connect_aia(VirtMachineState *s, RISCVCPU *cpu, unsigned hart)
{
	qemu_irq meip = riscv_cpu_irq(cpu, IRQ_M_EXT), seip = riscv_cpu_irq(cpu, IRQ_S_EXT);

	if (s->imsic_m) {
		riscv_imsic_connect_hart(s->imsic_m, hart, meip, &cpu->intfile[PRV_M]);
		riscv_imsic_connect_hart(s->imsic_s, hart, seip, &cpu->intfile[PRV_S]);
		cpu->cfg.ext_smaia = cpu->cfg.ext_ssaia = true; /* as QEMU's IMSIC turns them on */
	} else {
		riscv_aplic_connect_hart(s->aplic_m, hart, meip, &cpu->intfile[PRV_M]);
		riscv_aplic_connect_hart(s->aplic_s, hart, seip, &cpu->intfile[PRV_S]);
	}
}

static bool virt_create_harts(VirtMachineState *s, Error **errp)
{
	MachineState *ms = &s->parent_obj;

	if (!riscv_create_harts(ms, s->clint, s->harts, errp))
		return false;
	for (unsigned i = 0; i < ms->smp.cpus; i++) {
		if (s->plic)
			sifive_plic_connect_hart(s->plic, i, riscv_cpu_irq(s->harts[i], IRQ_M_EXT),
						 riscv_cpu_irq(s->harts[i], IRQ_S_EXT));
		if (s->aplic_m)
			virt_connect_aia(s, s->harts[i], i);
		if (s->sswi)
			riscv_aclint_sswi_connect_hart(s->sswi, i,
						       riscv_cpu_irq(s->harts[i], IRQ_S_SOFT));
	}
	return true;
}

/*
 * A per-hart interrupt device (the CLINT, or with aclint=on the SSWI beside it, the CLINT
 * then being the ACLINT's MSWI and MTIMER) placed at its slot of the memory map.
 */
static DeviceState *virt_create_per_hart(VirtMachineState *s, const char *type, const char *name,
					 int slot)
{
	DeviceState *dev = qdev_new(type);

	object_property_set_uint(OBJECT(dev), "num-harts", s->parent_obj.smp.cpus, &error_fatal);
	object_property_add_child(object_get_container("machine/unattached"), name, OBJECT(dev));
	object_unref(OBJECT(dev));
	qdev_realize(dev, sysbus_get_default(), &error_fatal);
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, virt_memmap[slot].base);
	return dev;
}

/* An interrupt controller of the board: num-harts set, placed at its slot of the map. */
static DeviceState *virt_create_irqchip(VirtMachineState *s, const char *type, const char *name,
					int slot, bool mmode, bool msimode)
{
	DeviceState *dev = qdev_new(type);
	Object *obj = OBJECT(dev);

	object_property_set_uint(obj, "num-harts", s->parent_obj.smp.cpus, &error_fatal);
	if (strcmp(type, TYPE_SIFIVE_PLIC))
		object_property_set_bool(obj, "mmode", mmode, &error_fatal);
	if (!strcmp(type, TYPE_RISCV_APLIC)) {
		object_property_set_uint(obj, "num-sources", VIRT_IRQ_SOURCES, &error_fatal);
		object_property_set_uint(obj, "iprio-bits", VIRT_IPRIO_BITS, &error_fatal);
		object_property_set_bool(obj, "msimode", msimode, &error_fatal);
	}
	object_property_add_child(object_get_container("machine/unattached"), name, obj);
	object_unref(obj);
	qdev_realize(dev, sysbus_get_default(), &error_fatal);
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, virt_memmap[slot].base);
	return dev;
}

/*
 * aia=none: the PLIC. aia=aplic: an M-level APLIC domain taking the wired sources and an
 * S-level child, each delivering directly to the harts. aia=aplic-imsic: the same two domains
 * sending MSIs to an M-level and an S-level IMSIC.
 */
static void virt_create_irqchips(VirtMachineState *s)
{
	bool msi = s->aia == VIRT_AIA_APLIC_IMSIC;

	if (s->aia == VIRT_AIA_NONE) {
		s->plic = virt_create_irqchip(s, TYPE_SIFIVE_PLIC, "plic", VIRT_PLIC, true, false);
		return;
	}
	if (msi) {
		s->imsic_m =
		    virt_create_irqchip(s, TYPE_RISCV_IMSIC, "imsic-m", VIRT_IMSIC_M, true, true);
		s->imsic_s =
		    virt_create_irqchip(s, TYPE_RISCV_IMSIC, "imsic-s", VIRT_IMSIC_S, false, true);
	}
	s->aplic_m = virt_create_irqchip(s, TYPE_RISCV_APLIC, "aplic-m", VIRT_APLIC_M, true, msi);
	s->aplic_s = virt_create_irqchip(s, TYPE_RISCV_APLIC, "aplic-s", VIRT_APLIC_S, false, msi);
	riscv_aplic_add_child(s->aplic_m, s->aplic_s);
}

/* Wired interrupt n of a device: into the PLIC, or the root APLIC domain. */
static qemu_irq virt_irq(VirtMachineState *s, int n)
{
	return s->plic ? sifive_plic_source(s->plic, n) : riscv_aplic_source(s->aplic_m, n);
}

static void virt_create_uart(VirtMachineState *s)
{
	DeviceState *dev = qdev_new(TYPE_SERIAL_MM);
	Chardev *chr = serial_hd(0);

	if (chr)
		object_property_set_str(OBJECT(dev), "chardev", chr->label, &error_fatal);
	object_property_set_uint(OBJECT(dev), "baudbase", 399193,
				 &error_fatal); /* as QEMU's virt */
	object_property_add_child(object_get_container("machine/unattached"), "serial0",
				  OBJECT(dev));
	object_unref(OBJECT(dev));
	qdev_realize(dev, sysbus_get_default(), &error_fatal);
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, virt_memmap[VIRT_UART0].base);
	sysbus_connect_irq(SYS_BUS_DEVICE(dev), 0, virt_irq(s, VIRT_UART0_IRQ));
	s->uart = dev;
}

/*
 * Eight virtio-mmio transports, virtio-mmio-bus.0 at 0x10001000 as in QEMU; -device searches
 * newest first, so the first -device lands on 0x10008000, as with QEMU's virt.
 */
static void virt_create_virtio(VirtMachineState *s)
{
	for (int i = 0; i < VIRT_VIRTIO_COUNT; i++) {
		DeviceState *dev = qdev_new(TYPE_VIRTIO_MMIO);
		char *name = g_strdup_printf("virtio-mmio@%" PRIx64,
					     virt_memmap[VIRT_VIRTIO].base + i * 0x1000);

		object_property_set_bool(OBJECT(dev), "force-legacy", false, &error_fatal);
		object_property_add_child(object_get_container("machine/unattached"), name,
					  OBJECT(dev));
		g_free(name);
		object_unref(OBJECT(dev));
		qdev_realize(dev, sysbus_get_default(), &error_fatal);
		sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0,
				virt_memmap[VIRT_VIRTIO].base + i * virt_memmap[VIRT_VIRTIO].size);
		sysbus_connect_irq(SYS_BUS_DEVICE(dev), 0, virt_irq(s, VIRT_VIRTIO_IRQ + i));
	}
}

/* fw_cfg as QEMU's virt fills it: the common items and the number of harts. */
static void virt_create_fw_cfg(VirtMachineState *s)
{
	DeviceState *dev = qdev_new(TYPE_FW_CFG_MEM);
	FWCfgState *fw = FW_CFG(dev);

	object_property_add_child(object_get_container("machine/unattached"), "fw_cfg",
				  OBJECT(dev));
	object_unref(OBJECT(dev));
	qdev_realize(dev, sysbus_get_default(), &error_fatal);
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, virt_memmap[VIRT_FW_CFG].base);
	fw_cfg_add_common(fw, &s->parent_obj);
	fw_cfg_add_i16(fw, FW_CFG_NB_CPUS, s->parent_obj.smp.cpus);
	s->boot.fw_cfg = fw;
}

/*
 * Two 32 MiB CFI flash banks as QEMU's virt has them (two x16 devices per bank, 256 KiB
 * sectors, Intel's ids), with -drive if=pflash,unit=0 and unit=1 as their contents: firmware
 * code and its variables. Without a drive a bank is zeroed memory the guest may program.
 */
static bool virt_create_flash(VirtMachineState *s, Error **errp)
{
	hwaddr base = virt_memmap[VIRT_FLASH].base;
	uint64_t bank = virt_memmap[VIRT_FLASH].size / VIRT_FLASH_BANKS;

	for (int i = 0; i < VIRT_FLASH_BANKS; i++) {
		DeviceState *dev = qdev_new(TYPE_PFLASH_CFI01);
		Object *obj = OBJECT(dev);
		BlockBackend *blk = blk_by_pflash_unit(i);
		char *name = g_strdup_printf("virt.flash%d", i);

		object_property_set_uint(obj, "num-blocks", bank / VIRT_FLASH_SECTOR, &error_fatal);
		object_property_set_uint(obj, "sector-length", VIRT_FLASH_SECTOR, &error_fatal);
		object_property_set_uint(obj, "width", 4, &error_fatal);
		object_property_set_uint(obj, "device-width", 2, &error_fatal);
		object_property_set_uint(obj, "id0", 0x89, &error_fatal);
		object_property_set_uint(obj, "id1", 0x18, &error_fatal);
		object_property_set_str(obj, "name", name, &error_fatal);
		object_property_add_child(OBJECT(s), name, obj);
		g_free(name);
		object_unref(obj);
		if ((blk && !object_property_set_str(obj, "drive", blk_name(blk), errp)) ||
		    !qdev_realize(dev, sysbus_get_default(), errp))
			return false;
		sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, base + i * bank);
		s->flash[i] = PFLASH_CFI01(dev);
	}
	/* firmware on pflash0: M-mode code with -bios none, else what OpenSBI enters */
	if (blk_by_pflash_unit(0))
		s->boot.flash_entry = base;
	return true;
}

/*
 * The PCIe host as QEMU's virt places it: ECAM at 0x30000000, a 1 GiB 32-bit window at
 * 0x40000000, 64 KiB of I/O at 0x3000000, and 16 GiB of 64-bit window at the first 16 GiB
 * boundary above RAM; INTx A-D on PLIC lines 32-35.
 */
static void virt_create_pcie(VirtMachineState *s)
{
	DeviceState *dev = qdev_new(TYPE_GPEX_HOST);
	hwaddr ram_end = virt_memmap[VIRT_DRAM].base + s->parent_obj.ram_size;

	object_property_set_uint(OBJECT(dev), "ecam-size", virt_memmap[VIRT_PCIE_ECAM].size,
				 &error_fatal);
	object_property_add_child(object_get_container("machine/unattached"), "gpex-pcihost",
				  OBJECT(dev));
	object_unref(OBJECT(dev));
	qdev_realize(dev, sysbus_get_default(), &error_fatal);
	s->pcie = GPEX_HOST(dev);
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, virt_memmap[VIRT_PCIE_ECAM].base);
	gpex_map_mem_window(s->pcie, &s->pcie_mmio, "pcie-mmio-low",
			    virt_memmap[VIRT_PCIE_MMIO].base, virt_memmap[VIRT_PCIE_MMIO].size);
	s->pcie_high_base = QEMU_ALIGN_UP(ram_end, VIRT_PCIE_HIGH_SIZE);
	gpex_map_mem_window(s->pcie, &s->pcie_high, "pcie-mmio-high", s->pcie_high_base,
			    VIRT_PCIE_HIGH_SIZE);
	gpex_map_io_window(s->pcie, &s->pcie_pio, virt_memmap[VIRT_PCIE_PIO].base);
	for (int i = 0; i < PCI_NUM_PINS; i++)
		sysbus_connect_irq(SYS_BUS_DEVICE(dev), i, virt_irq(s, VIRT_PCIE_IRQ + i));
}

static uint32_t new_phandle(void *fdt)
{
	uint32_t phandle;

	if (fdt_generate_phandle(fdt, &phandle) < 0)
		abort();
	return phandle;
}

/*
 * The interrupt controllers' nodes, phandles taken in QEMU's order; returns what devices name
 * as their interrupt parent (the PLIC, or the S-level APLIC) and sets *msi_phandle to the
 * S-level IMSIC's, for PCIe MSIs.
 */
static DTIrqParent virt_irqchips_fdt(VirtMachineState *s, void *fdt, const uint32_t *intc,
				     uint32_t *msi_phandle)
{
	uint32_t next = new_phandle(fdt); /* numbered ahead: the M domain names its child */
	uint32_t imsic_m = 0, imsic_s = 0, aplic_m, aplic_s;

	if (s->plic) {
		sifive_plic_fdt(s->plic, fdt, "/soc", virt_memmap[VIRT_PLIC].base, intc, next);
		return (DTIrqParent){ next, sifive_plic_irq_cells };
	}
	if (s->imsic_m) {
		imsic_m = next++;
		imsic_s = next++;
		riscv_imsic_fdt(s->imsic_m, fdt, "/soc", virt_memmap[VIRT_IMSIC_M].base, intc,
				imsic_m);
		riscv_imsic_fdt(s->imsic_s, fdt, "/soc", virt_memmap[VIRT_IMSIC_S].base, intc,
				imsic_s);
		*msi_phandle = imsic_s;
	}
	aplic_m = next++;
	aplic_s = next++;
	riscv_aplic_fdt(s->aplic_m, fdt, "/soc", virt_memmap[VIRT_APLIC_M].base, intc, imsic_m,
			aplic_m, aplic_s);
	riscv_aplic_fdt(s->aplic_s, fdt, "/soc", virt_memmap[VIRT_APLIC_S].base, intc, imsic_s,
			aplic_s, 0);
	return (DTIrqParent){ aplic_s, riscv_aplic_irq_cells };
}

/* The tree describes exactly what the board instantiated; each device writes its own node. */
static void virt_build_fdt(MachineState *ms, RISCVBootState *b)
{
	VirtMachineState *s = (VirtMachineState *)ms;
	uint32_t *intc = g_new0(uint32_t, ms->smp.cpus);
	DTIrqParent ip;
	uint32_t msi_phandle = 0;
	void *fdt;

	fdt = riscv_fdt_board(ms, b, "riscv-virtio", "riscv-virtio,qemu", intc);
	if (s->aclint) {
		riscv_aclint_fdt_split(s->clint, fdt, "/soc", virt_memmap[VIRT_CLINT].base, intc);
		riscv_aclint_sswi_fdt(s->sswi, fdt, "/soc", virt_memmap[VIRT_ACLINT_SSWI].base,
				      intc);
	} else {
		riscv_aclint_fdt(s->clint, fdt, "/soc/clint@2000000", virt_memmap[VIRT_CLINT].base,
				 intc);
	}
	ip = virt_irqchips_fdt(s, fdt, intc, &msi_phandle);
	for (int i = 0; i < VIRT_VIRTIO_COUNT; i++)
		virtio_mmio_fdt(fdt, "/soc", virt_memmap[VIRT_VIRTIO].base + i * 0x1000, &ip,
				VIRT_VIRTIO_IRQ + i);
	goldfish_rtc_fdt(fdt, "/soc", virt_memmap[VIRT_RTC].base, &ip, VIRT_RTC_IRQ);
	fw_cfg_fdt(fdt, virt_memmap[VIRT_FW_CFG].base);
	gpex_fdt(fdt, "/soc/pci@30000000",
		 &(GPEXLayout){ .ecam_base = virt_memmap[VIRT_PCIE_ECAM].base,
				.ecam_size = virt_memmap[VIRT_PCIE_ECAM].size,
				.io_base = virt_memmap[VIRT_PCIE_PIO].base,
				.mmio_base = virt_memmap[VIRT_PCIE_MMIO].base,
				.mmio_size = virt_memmap[VIRT_PCIE_MMIO].size,
				.high_base = s->pcie_high_base,
				.high_size = VIRT_PCIE_HIGH_SIZE,
				.intc = &ip,
				.irq_base = VIRT_PCIE_IRQ,
				.msi_phandle = msi_phandle });
	pflash_cfi01_fdt(fdt, "/flash@20000000", virt_memmap[VIRT_FLASH].base, s->flash,
			 VIRT_FLASH_BANKS);
	sifive_test_fdt(fdt, "/soc/test@100000", virt_memmap[VIRT_TEST].base,
			virt_memmap[VIRT_TEST].size);
	serial_mm_fdt(fdt, "/soc/serial@10000000", virt_memmap[VIRT_UART0].base,
		      virt_memmap[VIRT_UART0].size, 3686400, &ip, VIRT_UART0_IRQ);
	dt_add_path(fdt, "/chosen");
	dt_set_string(fdt, "/chosen", "stdout-path", "/soc/serial@10000000");
	g_free(intc);
}

static bool virt_init(MachineState *ms, Error **errp)
{
	VirtMachineState *s = (VirtMachineState *)ms;
	MemoryRegion *sysmem = get_system_memory();

	memory_region_add_subregion(sysmem, virt_memmap[VIRT_DRAM].base, ms->ram);
	s->boot.dram_base = virt_memmap[VIRT_DRAM].base;
	s->boot.harts = s->harts;
	s->boot.rng_seed = true;
	s->boot.build_fdt = virt_build_fdt;
	if (!riscv_boot_init_rom(&s->boot, "riscv_virt_board.mrom", virt_memmap[VIRT_MROM].base,
				 virt_memmap[VIRT_MROM].size, errp))
		return false;
	sysbus_create_simple(TYPE_SIFIVE_TEST, virt_memmap[VIRT_TEST].base, NULL);
	s->clint = virt_create_per_hart(s, TYPE_RISCV_ACLINT, "clint", VIRT_CLINT);
	if (s->aclint)
		s->sswi = virt_create_per_hart(s, TYPE_RISCV_ACLINT_SSWI, "sswi", VIRT_ACLINT_SSWI);
	if (s->aia == VIRT_AIA_APLIC_IMSIC && s->aia_guests) {
		error_setg(errp,
			   "aia-guests=%u: guest interrupt files need the H extension, which "
			   "Quicksilver's harts do not have yet",
			   s->aia_guests);
		return false;
	}
	virt_create_irqchips(s);
	virt_create_uart(s);
	sysbus_create_simple(TYPE_GOLDFISH_RTC, virt_memmap[VIRT_RTC].base,
			     virt_irq(s, VIRT_RTC_IRQ));
	virt_create_virtio(s);
	virt_create_pcie(s);
	virt_create_fw_cfg(s);
	return virt_create_flash(s, errp) && virt_create_harts(s, errp);
}

/* After -device: the tree, the images and the reset vector (see hw/riscv/boot.c). */
static bool virt_machine_done(MachineState *ms, Error **errp)
{
	return riscv_boot_done(ms, &((VirtMachineState *)ms)->boot, errp);
}

static void virt_reset(MachineState *ms)
{
	riscv_boot_reset(ms, &((VirtMachineState *)ms)->boot);
}

/* aia= and aia-guests=, checked with QEMU's texts when set. */
static void aia_get(Object *obj, const Property *prop, QValue *v)
{
	*v = qv_str(virt_aia_names[((VirtMachineState *)obj)->aia]);
}

static bool aia_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	for (int i = 0; v->kind == QV_STR && virt_aia_names[i]; i++) {
		if (!strcmp(v->s, virt_aia_names[i])) {
			((VirtMachineState *)obj)->aia = i;
			return true;
		}
	}
	error_setg(errp, "Invalid AIA interrupt controller type");
	error_append_hint(errp, "Valid values are none, aplic, and aplic-imsic.\n");
	return false;
}

static void aia_guests_get(Object *obj, const Property *prop, QValue *v)
{
	char *str = g_strdup_printf("%u", ((VirtMachineState *)obj)->aia_guests);

	*v = qv_str(str);
	g_free(str);
}

/* As QEMU: read as atoi does (so "x" and "0x9" are 0), then 0..7. */
static bool aia_guests_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	long n = v->kind == QV_STR ? strtol(v->s, NULL, 10) : -1;

	if (n < 0 || n > 7) {
		error_setg(errp, "Invalid number of AIA IMSIC guests");
		error_append_hint(errp, "Valid values be between 0 and 7.\n");
		return false;
	}
	((VirtMachineState *)obj)->aia_guests = n;
	return true;
}

static const PropertyInfo aia_info = { .type = "string", .get = aia_get, .set = aia_set };
static const PropertyInfo aia_guests_info = { .type = "string",
					      .get = aia_guests_get,
					      .set = aia_guests_set };

static const Property virt_props[] = {
	PROP("aclint", prop_info_bool, VirtMachineState, aclint,
	     PROP_DESC("Set on/off to enable/disable emulating ACLINT devices")),
	PROP("aia", aia_info, VirtMachineState, aia,
	     PROP_DESC("Set type of AIA interrupt conttoller. Valid values are none, aplic, and "
		       "aplic-imsic.")),
	PROP("aia-guests", aia_guests_info, VirtMachineState, aia_guests,
	     PROP_DESC("Set number of guest MMIO pages for AIA IMSIC. Valid value should be "
		       "between 0 and 7.")),
	PROP_END,
};

static void virt_machine_class_init(ObjectClass *klass, const void *data)
{
	MachineClass *mc = MACHINE_CLASS(klass);

	mc->name = "virt";
	mc->desc = "RISC-V VirtIO board";
	mc->max_cpus = RISCV_ACLINT_MAX_HARTS;
	mc->default_ram_id = "riscv_virt_board.ram";
	mc->numa_mem_supported = true;
	mc->default_ram_size = 128 * 1024 * 1024;
	mc->default_cpu_type = TYPE_RISCV_CPU_RV64;
	mc->loads_kernel = true;
	mc->pflash_units = VIRT_FLASH_BANKS;
	mc->default_nic = "virtio-net-pci";
	mc->init = virt_init;
	mc->done = virt_machine_done;
	mc->reset = virt_reset;
	object_class_add_props(klass, virt_props);
}

static void virt_machine_register(void)
{
	static const TypeInfo info = {
		.name = "virt" TYPE_MACHINE_SUFFIX,
		.parent = TYPE_MACHINE,
		.instance_size = sizeof(VirtMachineState),
		.class_init = virt_machine_class_init,
	};
	type_register(&info);
}
type_init(virt_machine_register)
