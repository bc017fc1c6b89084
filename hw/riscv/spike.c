// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The spike board, QEMU's default riscv64 machine: Spike simulator's minimal platform. Its
 * memory map is QEMU's: the boot ROM at 0x1000, HTIF (console and exit) at 0x1000000 or at the
 * program's tohost/fromhost symbols, the
 * CLINT at 0x2000000, RAM at 0x80000000; up to 8 harts; no interrupt controller beyond the
 * CLINT, no other device. OpenSBI finds the console in the "ucb,htif0" node; booting is the
 * shared RISC-V flow (hw/riscv/boot.c).
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "hw/sysbus.h"
#include "hw/char/riscv_htif.h"
#include "hw/intc/riscv_aclint.h"
#include "hw/loader.h"
#include "hw/riscv/boot.h"
#include "hw/riscv/harts.h"
#include "chardev/char.h"
#include "exec/address-spaces.h"
#include "sysemu/device_tree.h"
#include "sysemu/sysemu.h"
#include "target/riscv/cpu.h"

enum { SPIKE_MROM, SPIKE_HTIF, SPIKE_CLINT, SPIKE_DRAM };

static const struct {
	hwaddr base, size;
} spike_memmap[] = {
	/* clang-format off */
	[SPIKE_MROM]  = { 0x1000,     0xf000 },
	[SPIKE_HTIF]  = { 0x1000000,  0x1000 },
	[SPIKE_CLINT] = { 0x2000000,  0x10000 },
	[SPIKE_DRAM]  = { 0x80000000, 0 },
	/* clang-format on */
};

#define SPIKE_CPUS_MAX 8

typedef struct SpikeState {
	MachineState parent_obj;
	RISCVBootState boot;
	DeviceState *clint;
	DeviceState *htif;
	bool htif_symbols; /* HTIF sits at the program's tohost/fromhost ... */
	hwaddr htif_base;  /* ... from here, over RAM, mapped once the images are loaded */
	RISCVCPU *harts[SPIKE_CPUS_MAX];
} SpikeState;

/*
 * HTIF where the guest program says: its ELF's tohost and fromhost symbols (riscv-tests, pk),
 * in -bios or -kernel, as QEMU looks for them; else at the board's fixed base.
 */
static void spike_place_htif(SpikeState *s, DeviceState *htif)
{
	static const char *const names[] = { "tohost", "fromhost", NULL };
	MachineState *ms = &s->parent_obj;
	const char *files[] = { ms->firmware, ms->kernel_filename };
	uint64_t v[2], base, end;

	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		if (!files[i] || !strcmp(files[i], "none") || !strcmp(files[i], "default") ||
		    load_elf_symbols(files[i], EM_RISCV, names, v) != 3)
			continue;
		base = MIN(v[0], v[1]);
		end = MAX(v[0], v[1]) + 8;
		object_property_set_uint(OBJECT(htif), "size", end - base, &error_fatal);
		object_property_set_uint(OBJECT(htif), "tohost-offset", v[0] - base, &error_fatal);
		object_property_set_uint(OBJECT(htif), "fromhost-offset", v[1] - base,
					 &error_fatal);
		qdev_realize(htif, sysbus_get_default(), &error_fatal);
		s->htif_symbols = true;
		s->htif_base = base;
		return;
	}
	qdev_realize(htif, sysbus_get_default(), &error_fatal);
	sysbus_mmio_map(SYS_BUS_DEVICE(htif), 0, spike_memmap[SPIKE_HTIF].base);
}

static DeviceState *spike_create(const char *type, const char *name, hwaddr base)
{
	DeviceState *dev = qdev_new(type);

	object_property_add_child(object_get_container("machine/unattached"), name, OBJECT(dev));
	object_unref(OBJECT(dev));
	return dev;
}

static void spike_build_fdt(MachineState *ms, RISCVBootState *b)
{
	SpikeState *s = (SpikeState *)ms;
	uint32_t *intc = g_new0(uint32_t, ms->smp.cpus);
	void *fdt;

	fdt = riscv_fdt_board(ms, b, "ucbbar,spike-bare-dev", "ucbbar,spike-bare,qemu", intc);
	riscv_aclint_fdt(s->clint, fdt, "/soc/clint@2000000", spike_memmap[SPIKE_CLINT].base, intc);
	htif_fdt(fdt, spike_memmap[SPIKE_HTIF].base,
		 s->htif_symbols ? 0 : spike_memmap[SPIKE_HTIF].size);
	dt_add_path(fdt, "/chosen");
	dt_set_string(fdt, "/chosen", "stdout-path", "/htif");
	g_free(intc);
}

static bool spike_init(MachineState *ms, Error **errp)
{
	SpikeState *s = (SpikeState *)ms;
	DeviceState *htif;
	Chardev *chr = serial_hd(0);

	memory_region_add_subregion(get_system_memory(), spike_memmap[SPIKE_DRAM].base, ms->ram);
	s->boot.dram_base = spike_memmap[SPIKE_DRAM].base;
	s->boot.harts = s->harts;
	s->boot.build_fdt = spike_build_fdt;
	if (!riscv_boot_init_rom(&s->boot, "riscv.spike.mrom", spike_memmap[SPIKE_MROM].base,
				 spike_memmap[SPIKE_MROM].size, errp))
		return false;
	s->clint = spike_create(TYPE_RISCV_ACLINT, "clint", spike_memmap[SPIKE_CLINT].base);
	object_property_set_uint(OBJECT(s->clint), "num-harts", ms->smp.cpus, &error_fatal);
	qdev_realize(s->clint, sysbus_get_default(), &error_fatal);
	sysbus_mmio_map(SYS_BUS_DEVICE(s->clint), 0, spike_memmap[SPIKE_CLINT].base);
	/* HTIF is the console: the first serial port's chardev */
	htif = s->htif = spike_create(TYPE_HTIF, "htif", spike_memmap[SPIKE_HTIF].base);
	if (chr)
		object_property_set_str(OBJECT(htif), "chardev", chr->label, &error_fatal);
	spike_place_htif(s, htif);
	return riscv_create_harts(ms, s->clint, s->harts, errp);
}

/*
 * HTIF at the program's symbols covers RAM the program's image fills: it goes on top once the
 * images are in (and comes off while a reboot reloads them), as QEMU's ROM copies skip it.
 */
static void spike_htif_overlay(SpikeState *s, bool on)
{
	MemoryRegion *mr = SYS_BUS_DEVICE(s->htif)->mmio[0].mr;

	if (!s->htif_symbols)
		return;
	if (on)
		sysbus_mmio_map_overlap(SYS_BUS_DEVICE(s->htif), 0, s->htif_base, 1);
	else if (mr->container)
		memory_region_del_subregion(mr->container, mr);
	SYS_BUS_DEVICE(s->htif)->mmio[0].addr = on ? s->htif_base : HWADDR_MAX;
}

static bool spike_machine_done(MachineState *ms, Error **errp)
{
	SpikeState *s = (SpikeState *)ms;

	if (!riscv_boot_done(ms, &s->boot, errp))
		return false;
	spike_htif_overlay(s, true);
	return true;
}

static void spike_reset(MachineState *ms)
{
	SpikeState *s = (SpikeState *)ms;

	spike_htif_overlay(s, false);
	riscv_boot_reset(ms, &s->boot);
	spike_htif_overlay(s, true);
}

static void spike_machine_class_init(ObjectClass *klass, const void *data)
{
	MachineClass *mc = MACHINE_CLASS(klass);

	mc->name = "spike";
	mc->desc = "RISC-V Spike board";
	mc->is_default = true; /* as in QEMU: a command line without -M gets spike */
	mc->max_cpus = SPIKE_CPUS_MAX;
	mc->default_ram_id = "riscv.spike.ram";
	mc->numa_mem_supported = true;
	mc->default_ram_size = 128 * 1024 * 1024;
	mc->default_cpu_type = TYPE_RISCV_CPU_RV64;
	mc->loads_kernel = true;
	mc->init = spike_init;
	mc->done = spike_machine_done;
	mc->reset = spike_reset;
}

static void spike_machine_register(void)
{
	static const TypeInfo info = {
		.name = "spike" TYPE_MACHINE_SUFFIX,
		.parent = TYPE_MACHINE,
		.instance_size = sizeof(SpikeState),
		.class_init = spike_machine_class_init,
	};
	type_register(&info);
}
type_init(spike_machine_register)
