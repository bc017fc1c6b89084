/*
 * The "virt" board, QEMU's memory map: boot ROM with the reset vector at 0x1000, the test
 * finisher at 0x100000, the CLINT at 0x2000000, the UART at 0x10000000 and RAM at
 * 0x80000000. The board only places devices; each device's behaviour lives in its own file.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "hw/sysbus.h"
#include "hw/loader.h"
#include "hw/char/serial.h"
#include "chardev/char.h"
#include "hw/intc/riscv_aclint.h"
#include "hw/misc/sifive_test.h"
#include "exec/address-spaces.h"
#include "sysemu/sysemu.h"
#include "target/riscv/cpu.h"

enum { VIRT_MROM, VIRT_TEST, VIRT_CLINT, VIRT_UART0, VIRT_DRAM };

static const struct {
	hwaddr base, size;
} virt_memmap[] = {
	[VIRT_MROM] = { 0x1000, 0xf000 },      [VIRT_TEST] = { 0x100000, 0x1000 },
	[VIRT_CLINT] = { 0x2000000, 0x10000 }, [VIRT_UART0] = { 0x10000000, 0x100 },
	[VIRT_DRAM] = { 0x80000000, 0 },
};

#define VIRT_UART0_IRQ 10

typedef struct VirtMachineState {
	MachineState parent_obj;
	MemoryRegion mrom;
	DeviceState *clint;
	RISCVCPU *harts[RISCV_ACLINT_MAX_HARTS];
} VirtMachineState;

static uint64_t virt_read_time(void *opaque)
{
	return riscv_aclint_get_time(opaque);
}

static bool virt_create_harts(VirtMachineState *s, Error **errp)
{
	MachineState *ms = &s->parent_obj;

	for (unsigned i = 0; i < ms->smp.cpus; i++) {
		Object *obj = object_new(ms->cpu_type);
		RISCVCPU *cpu = RISCV_CPU(obj);
		char *name = g_strdup_printf("cpu%u", i);

		object_property_add_child(OBJECT(ms), name, obj);
		g_free(name);
		object_unref(obj);
		if (!machine_apply_cpu_opts(ms, obj, errp))
			return false;
		cpu->env.mhartid = i;
		cpu->env.rdtime_fn = virt_read_time;
		cpu->env.rdtime_opaque = s->clint;
		cpu->env.timebase_freq = RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ;
		cpu->parent_obj.as = get_address_space_memory();
		if (!qdev_realize(DEVICE(obj), NULL, errp))
			return false;
		/* Also delivers the lines' current levels (MTIP is high until mtimecmp is set). */
		riscv_aclint_connect_hart(s->clint, i, riscv_cpu_irq(cpu, IRQ_M_SOFT),
					  riscv_cpu_irq(cpu, IRQ_M_TIMER));
		s->harts[i] = cpu;
	}
	return true;
}

static void virt_create_clint(VirtMachineState *s)
{
	DeviceState *dev = qdev_new(TYPE_RISCV_ACLINT);

	object_property_set_uint(OBJECT(dev), "num-harts", s->parent_obj.smp.cpus, &error_fatal);
	object_property_add_child(object_get_container("machine/unattached"), "clint", OBJECT(dev));
	object_unref(OBJECT(dev));
	qdev_realize(dev, sysbus_get_default(), &error_fatal);
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, virt_memmap[VIRT_CLINT].base);
	s->clint = dev;
}

static void virt_create_uart(void)
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
}

/* The reset vector QEMU's virt runs: a0 = hartid, a1 = DTB, a2 = fw_dynamic info, jump. */
static void virt_setup_rom(VirtMachineState *s, uint64_t start, uint64_t fdt)
{
	uint32_t code[] = {
		0x00000297, /* auipc t0, 0 */
		0x02828613, /* addi a2, t0, 40 */
		0xf1402573, /* csrr a0, mhartid */
		0x0202b583, /* ld a1, 32(t0) */
		0x0182b283, /* ld t0, 24(t0) */
		0x00028067, /* jr t0 */
	};
	uint8_t *rom = memory_region_get_ram_ptr(&s->mrom);

	memcpy(rom, code, sizeof(code));
	memcpy(rom + 24, &start, 8);
	memcpy(rom + 32, &fdt, 8);
}

static bool virt_load_kernel(MachineState *ms, uint64_t *entry, Error **errp)
{
	const char *k = ms->kernel_filename;
	AddressSpace *as = get_address_space_memory();

	*entry = virt_memmap[VIRT_DRAM].base;
	if (!k)
		return true;
	if (file_is_elf(k)) {
		if (!load_elf(k, as, EM_RISCV, entry, NULL, NULL, errp)) {
			error_prepend(errp, "could not load kernel '%s': ", k);
			return false;
		}
		return true;
	}
	if (load_image_targphys(k, *entry, ms->ram_size, as, errp) < 0) {
		error_prepend(errp, "could not load kernel '%s': ", k);
		return false;
	}
	return true;
}

static bool virt_init(MachineState *ms, Error **errp)
{
	VirtMachineState *s = (VirtMachineState *)ms;
	MemoryRegion *sysmem = get_system_memory();
	uint64_t entry;

	if (!ms->firmware || strcmp(ms->firmware, "none")) {
		error_setg(errp, "-bios: only 'none' is supported until firmware loading lands");
		return false;
	}
	memory_region_add_subregion(sysmem, virt_memmap[VIRT_DRAM].base, ms->ram);
	if (!memory_region_init_rom(&s->mrom, "riscv_virt_board.mrom", virt_memmap[VIRT_MROM].size,
				    errp))
		return false;
	memory_region_add_subregion(sysmem, virt_memmap[VIRT_MROM].base, &s->mrom);
	sysbus_create_simple(TYPE_SIFIVE_TEST, virt_memmap[VIRT_TEST].base, NULL);
	virt_create_clint(s);
	virt_create_uart();
	if (!virt_create_harts(s, errp))
		return false;
	if (!virt_load_kernel(ms, &entry, errp))
		return false;
	virt_setup_rom(s, entry, 0);
	return true;
}

static void virt_reset(MachineState *ms)
{
	VirtMachineState *s = (VirtMachineState *)ms;
	for (unsigned i = 0; i < ms->smp.cpus; i++)
		cpu_reset(&s->harts[i]->parent_obj);
}

static void virt_machine_class_init(ObjectClass *klass, const void *data)
{
	MachineClass *mc = MACHINE_CLASS(klass);

	mc->name = "virt";
	mc->desc = "RISC-V VirtIO board";
	/* Not the default: QEMU's is spike, which Quicksilver does not have. */
	mc->max_cpus = RISCV_ACLINT_MAX_HARTS;
	mc->default_ram_size = 128 * 1024 * 1024;
	mc->default_cpu_type = TYPE_RISCV_CPU_RV64;
	mc->loads_kernel = true;
	mc->init = virt_init;
	mc->reset = virt_reset;
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
