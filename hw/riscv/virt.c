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
#include "hw/rtc/goldfish_rtc.h"
#include "hw/virtio/virtio-mmio.h"
#include "sysemu/block-backend.h"
#include "sysemu/runstate.h"
#include "hw/misc/sifive_test.h"
#include "exec/address-spaces.h"
#include "sysemu/sysemu.h"
#include "sysemu/device_tree.h"
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include "target/riscv/cpu.h"

enum { VIRT_MROM, VIRT_TEST, VIRT_RTC, VIRT_CLINT, VIRT_PLIC, VIRT_UART0, VIRT_VIRTIO, VIRT_DRAM };

static const struct {
	hwaddr base, size;
} virt_memmap[] = {
	/* clang-format off */
	[VIRT_MROM]  = { 0x1000,      0xf000 },
	[VIRT_TEST]  = { 0x100000,    0x1000 },
	[VIRT_RTC]   = { 0x101000,    0x1000 },
	[VIRT_CLINT] = { 0x2000000,   0x10000 },
	[VIRT_PLIC]  = { 0xc000000,   SIFIVE_PLIC_SIZE },
	[VIRT_UART0] = { 0x10000000,  0x100 },
	[VIRT_VIRTIO] = { 0x10001000, 0x1000 },
	[VIRT_DRAM]  = { 0x80000000,  0 },
	/* clang-format on */
};

#define VIRT_UART0_IRQ	  10
#define VIRT_RTC_IRQ	  11
#define VIRT_VIRTIO_IRQ	  1 /* transports use 1..8 */
#define VIRT_VIRTIO_COUNT 8

#define MiB		       (1024ULL * 1024)
#define VIRT_TIMEBASE_FREQ     10000000
#define FW_DYNAMIC_MAGIC       0x4942534f /* "OSBI" */
#define FW_DYNAMIC_NEXT_MODE_S 1

typedef struct VirtMachineState {
	MachineState parent_obj;
	MemoryRegion mrom;
	DeviceState *clint;
	DeviceState *plic;
	DeviceState *uart;
	void *fdt;
	int fdt_size; /* its buffer, as QEMU's totalsize: 1 MiB, or twice a -dtb file + 10000 */
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
		Object *obj = OBJECT(qdev_new(ms->cpu_type));
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
		sifive_plic_connect_hart(s->plic, i, riscv_cpu_irq(cpu, IRQ_M_EXT),
					 riscv_cpu_irq(cpu, IRQ_S_EXT));
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

static void virt_create_plic(VirtMachineState *s)
{
	DeviceState *dev = qdev_new(TYPE_SIFIVE_PLIC);

	object_property_set_uint(OBJECT(dev), "num-harts", s->parent_obj.smp.cpus, &error_fatal);
	object_property_add_child(object_get_container("machine/unattached"), "plic", OBJECT(dev));
	object_unref(OBJECT(dev));
	qdev_realize(dev, sysbus_get_default(), &error_fatal);
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, virt_memmap[VIRT_PLIC].base);
	s->plic = dev;
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
	sysbus_connect_irq(SYS_BUS_DEVICE(dev), 0, sifive_plic_source(s->plic, VIRT_UART0_IRQ));
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
		sysbus_connect_irq(SYS_BUS_DEVICE(dev), 0,
				   sifive_plic_source(s->plic, VIRT_VIRTIO_IRQ + i));
	}
}

/* -drive if=virtio: a virtio-blk-device on the next free transport for each. */
static bool virt_create_virtio_drives(Error **errp)
{
	BlockBackend *blk;

	while ((blk = blk_next_if_virtio())) {
		DeviceState *dev = qdev_new("virtio-blk-device");
		BusState *bus = qbus_find(sysbus_get_default(), NULL, "virtio-bus");

		if (!bus) {
			error_setg(errp, "no free virtio-mmio slot for drive '%s'", blk_name(blk));
			object_unref(OBJECT(dev));
			return false;
		}
		if (!object_property_set_str(OBJECT(dev), "drive", blk_name(blk), errp)) {
			object_unref(OBJECT(dev));
			return false;
		}
		object_property_add_child(object_get_container("machine/peripheral-anon"),
					  blk_name(blk), OBJECT(dev));
		object_unref(OBJECT(dev));
		if (!qdev_realize(dev, bus, errp))
			return false;
	}
	return true;
}

/* The reset vector QEMU's virt runs: a0 = hartid, a1 = DTB, a2 = fw_dynamic info, jump. */
static void virt_setup_rom(VirtMachineState *s, uint64_t start, uint64_t fdt, uint64_t next)
{
	uint32_t code[] = {
		0x00000297, /* auipc t0, 0 */
		0x02828613, /* addi a2, t0, 40: the fw_dynamic info below */
		0xf1402573, /* csrr a0, mhartid */
		0x0202b583, /* ld a1, 32(t0) */
		0x0182b283, /* ld t0, 24(t0) */
		0x00028067, /* jr t0 */
	};
	/* OpenSBI's fw_dynamic_info, version 2: magic, version, next_addr, next_mode, options, boot_hart */
	uint64_t info[] = { FW_DYNAMIC_MAGIC, 2, next, FW_DYNAMIC_NEXT_MODE_S, 0, 0 };
	uint8_t *rom = memory_region_get_ram_ptr(&s->mrom);

	memcpy(rom, code, sizeof(code));
	memcpy(rom + 24, &start, 8);
	memcpy(rom + 32, &fdt, 8);
	memcpy(rom + 40, info, sizeof(info));
	rom_register("mrom.reset", virt_memmap[VIRT_MROM].base, 40);
	rom_register("mrom.finfo", virt_memmap[VIRT_MROM].base + 40, sizeof(info));
}

/* The firmware file for -bios default (QEMU's name first, then Debian's opensbi package's). */
static char *virt_find_firmware(void)
{
	static const char *const names[] = { "opensbi-riscv64-generic-fw_dynamic.bin",
					     "fw_dynamic.bin" };
	for (const char *const *dir = qemu_firmware_dirs(); *dir; dir++) {
		for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
			char *path = g_build_filename(*dir, names[i], NULL);
			if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
				return path;
			g_free(path);
		}
	}
	return NULL;
}

/* Loads an ELF (its own addresses) or a raw image at addr; returns the entry point. */
static bool virt_load_image(const char *file, uint64_t addr, uint64_t max, uint64_t *entry,
			    uint64_t *end, Error **errp)
{
	AddressSpace *as = get_address_space_memory();
	int64_t size;

	if (file_is_elf(file)) {
		uint64_t high;
		if (!load_elf(file, as, EM_RISCV, entry, NULL, &high, errp))
			return false;
		*end = high;
		return true;
	}
	size = load_image_targphys(file, addr, max, as, errp);
	if (size < 0)
		return false;
	*entry = addr;
	*end = addr + size;
	return true;
}

/* -bios: none, default (OpenSBI fw_dynamic), or a file; returns where RAM is free again. */
static bool virt_load_firmware(MachineState *ms, uint64_t *fw_entry, uint64_t *fw_end, Error **errp)
{
	uint64_t dram = virt_memmap[VIRT_DRAM].base;
	char *path;
	bool ok;

	*fw_end = dram;
	*fw_entry = 0;
	if (ms->firmware && !strcmp(ms->firmware, "none"))
		return true;
	if (!ms->firmware || !strcmp(ms->firmware, "default")) {
		path = virt_find_firmware();
		if (!path) {
			error_setg(errp, "Unable to load the RISC-V firmware "
					 "\"opensbi-riscv64-generic-fw_dynamic.bin\"");
			error_append_hint(errp,
					  "Install Debian's opensbi package, or give -bios FILE "
					  "or -bios none.\n");
			return false;
		}
	} else {
		path = g_strdup(ms->firmware);
	}
	ok = virt_load_image(path, dram, ms->ram_size, fw_entry, fw_end, errp);
	if (!ok) {
		error_prepend(errp, "Unable to load the RISC-V firmware \"%s\": ", path);
	} else if (*fw_end == *fw_entry) {
		error_setg(errp, "could not load firmware '%s'", path); /* an empty file */
		ok = false;
	}
	g_free(path);
	return ok;
}

/* Kernel at the first 2 MiB boundary after the firmware, initrd as QEMU places it. */
static bool virt_load_kernel(MachineState *ms, uint64_t fw_end, uint64_t *entry,
			     uint64_t *initrd_start, uint64_t *initrd_end, Error **errp)
{
	uint64_t dram = virt_memmap[VIRT_DRAM].base, dram_end = dram + ms->ram_size, end;
	uint64_t start = QEMU_ALIGN_UP(fw_end, 2 * MiB);

	*initrd_start = *initrd_end = 0;
	if (start >= dram_end) {
		error_setg(errp, "no room for the kernel: the firmware ends at 0x%" PRIx64, fw_end);
		return false;
	}
	if (!virt_load_image(ms->kernel_filename, start, dram_end - start, entry, &end, errp)) {
		error_prepend(errp, "could not load kernel '%s': ", ms->kernel_filename);
		return false;
	}
	if (end == *entry) {
		error_setg(errp, "could not load kernel '%s'", ms->kernel_filename); /* empty */
		return false;
	}
	if (ms->initrd_filename) {
		/* Far enough above the kernel that unpacking it will not overwrite the initrd. */
		uint64_t at = *entry + MIN(ms->ram_size / 2, 128 * MiB);
		int64_t size;

		if (at < end)
			at = QEMU_ALIGN_UP(end, TARGET_PAGE_SIZE);
		size = at < dram_end ? load_image_targphys(ms->initrd_filename, at, dram_end - at,
							   get_address_space_memory(), errp)
				     : -1;
		if (size < 0) {
			if (!*errp)
				error_setg(errp, "no room in RAM for the initrd");
			error_prepend(
			    errp, "could not load initial ram disk '%s': ", ms->initrd_filename);
			return false;
		}
		*initrd_start = at;
		*initrd_end = at + size;
	}
	return true;
}

static void virt_fdt_cpus(VirtMachineState *s, uint32_t *intc_phandles)
{
	MachineState *ms = &s->parent_obj;
	void *fdt = s->fdt;

	dt_add_path(fdt, "/cpus");
	dt_set_u32(fdt, "/cpus", "#address-cells", 1);
	dt_set_u32(fdt, "/cpus", "#size-cells", 0);
	dt_set_u32(fdt, "/cpus", "timebase-frequency", VIRT_TIMEBASE_FREQ);
	for (unsigned i = 0; i < ms->smp.cpus; i++) {
		char *path = g_strdup_printf("/cpus/cpu@%u", i);
		intc_phandles[i] = riscv_cpu_fdt(s->harts[i], fdt, path);
		g_free(path);
	}
	dt_add_path(fdt, "/cpus/cpu-map");
	dt_add_path(fdt, "/cpus/cpu-map/cluster0");
	for (unsigned i = 0; i < ms->smp.cpus; i++) {
		char *core = g_strdup_printf("/cpus/cpu-map/cluster0/core%u", i);
		char *cpu = g_strdup_printf("/cpus/cpu@%u", i);
		dt_add_path(fdt, core);
		dt_set_u32(fdt, core, "cpu", fdt_get_phandle(fdt, fdt_path_offset(fdt, cpu)));
		g_free(core);
		g_free(cpu);
	}
}

static void virt_fdt_chosen(VirtMachineState *s, uint64_t initrd_start, uint64_t initrd_end)
{
	MachineState *ms = &s->parent_obj;
	void *fdt = s->fdt;
	uint8_t seed[32];

	if (fdt_path_offset(fdt, "/chosen") < 0)
		dt_add_path(fdt, "/chosen");
	if (ms->kernel_cmdline)
		dt_set_string(fdt, "/chosen", "bootargs", ms->kernel_cmdline);
	if (initrd_end) {
		dt_set_u64(fdt, "/chosen", "linux,initrd-start", initrd_start);
		dt_set_u64(fdt, "/chosen", "linux,initrd-end", initrd_end);
	}
	if (getrandom(seed, sizeof(seed), 0) == sizeof(seed))
		dt_set_bytes(fdt, "/chosen", "rng-seed", seed, sizeof(seed));
}

/* The tree describes exactly what the board instantiated; each device writes its own node. */
static void virt_build_fdt(VirtMachineState *s)
{
	MachineState *ms = &s->parent_obj;
	uint32_t *intc = g_new0(uint32_t, ms->smp.cpus);
	uint32_t plic_phandle;
	char *path;
	void *fdt;

	fdt = s->fdt = dt_new_tree();
	dt_set_u32(fdt, "/", "#address-cells", 2);
	dt_set_u32(fdt, "/", "#size-cells", 2);
	dt_set_string(fdt, "/", "compatible", "riscv-virtio");
	dt_set_string(fdt, "/", "model", "riscv-virtio,qemu");
	path = g_strdup_printf("/memory@%" PRIx64, virt_memmap[VIRT_DRAM].base);
	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "device_type", "memory");
	dt_set_reg(fdt, path, virt_memmap[VIRT_DRAM].base, ms->ram_size);
	g_free(path);
	virt_fdt_cpus(s, intc);
	dt_add_path(fdt, "/soc");
	dt_set_u32(fdt, "/soc", "#address-cells", 2);
	dt_set_u32(fdt, "/soc", "#size-cells", 2);
	dt_set_string(fdt, "/soc", "compatible", "simple-bus");
	dt_set_empty(fdt, "/soc", "ranges");
	riscv_aclint_fdt(s->clint, fdt, "/soc/clint@2000000", virt_memmap[VIRT_CLINT].base, intc);
	if (fdt_generate_phandle(fdt, &plic_phandle) < 0)
		abort();
	sifive_plic_fdt(s->plic, fdt, "/soc", virt_memmap[VIRT_PLIC].base, intc, plic_phandle);
	for (int i = 0; i < VIRT_VIRTIO_COUNT; i++)
		virtio_mmio_fdt(fdt, "/soc", virt_memmap[VIRT_VIRTIO].base + i * 0x1000,
				plic_phandle, VIRT_VIRTIO_IRQ + i);
	goldfish_rtc_fdt(fdt, "/soc", virt_memmap[VIRT_RTC].base, plic_phandle, VIRT_RTC_IRQ);
	sifive_test_fdt(fdt, "/soc/test@100000", virt_memmap[VIRT_TEST].base,
			virt_memmap[VIRT_TEST].size);
	serial_mm_fdt(fdt, "/soc/serial@10000000", virt_memmap[VIRT_UART0].base,
		      virt_memmap[VIRT_UART0].size, 3686400, plic_phandle, VIRT_UART0_IRQ);
	dt_add_path(fdt, "/chosen");
	dt_set_string(fdt, "/chosen", "stdout-path", "/soc/serial@10000000");
	g_free(intc);
}

/*
 * -dtb FILE, read as QEMU's load_device_tree() does: the size the file reports (a character
 * device such as /dev/zero reports 0), into a buffer of twice that plus 10000 bytes, so that
 * QEMU's own 1 MiB dumpdtb output loads too. Errors are QEMU's, two lines.
 */
static bool virt_load_dtb_file(VirtMachineState *s, const char *file, Error **errp)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat st;
	off_t size = -1;
	void *data = NULL;
	int err;

	if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
		size = lseek(fd, 0, SEEK_END);
	if (size < 0 || size > INT_MAX / 2 - 10000) {
		error_setg(errp, size < 0 ? "Unable to get size of device tree file '%s'"
					  : "Device tree file '%s' is too large", file);
		goto fail;
	}
	data = g_malloc0(size + 1);
	if (pread(fd, data, size, 0) != size) {
		error_setg(errp, "Unable to read device tree file '%s'", file);
		goto fail;
	}
	s->fdt_size = (size + 10000) * 2;
	s->fdt = g_malloc0(s->fdt_size);
	err = fdt_open_into(data, s->fdt, s->fdt_size);
	if (err) {
		error_setg(errp, "load_device_tree: Unable to copy device tree into memory: %s",
			   fdt_strerror(err));
		goto fail;
	}
	if (fdt_check_header(s->fdt)) {
		error_setg(errp, "load_device_tree: Invalid device tree");
		goto fail;
	}
	g_free(data);
	close(fd);
	return true;
fail:
	/* QEMU's second report, with its own prefix */
	error_append_hint(errp, "%s: load_device_tree() failed\n", error_get_progname());
	g_free(data);
	g_free(s->fdt);
	s->fdt = NULL;
	if (fd >= 0)
		close(fd);
	return false;
}

/* Where QEMU puts the DTB: 2 MiB aligned, at the top of RAM below 3 GiB. */
static uint64_t virt_place_fdt(VirtMachineState *s)
{
	MachineState *ms = &s->parent_obj;
	uint64_t dram = virt_memmap[VIRT_DRAM].base;
	uint64_t top = MIN(dram + ms->ram_size, 3072 * MiB);
	uint64_t addr = QEMU_ALIGN_DOWN(top - s->fdt_size, 2 * MiB);

	address_space_write(get_address_space_memory(), addr, s->fdt, s->fdt_size);
	rom_register("fdt", addr, s->fdt_size);
	return addr;
}

static bool virt_dump_dtb(VirtMachineState *s, const char *file, Error **errp)
{
	if (!g_file_set_contents(file, s->fdt, s->fdt_size, NULL)) {
		error_setg(errp, "Couldn't write dtb file %s", file);
		return false;
	}
	info_report("dtb dumped to %s. Exiting.", file);
	exit(0);
}

static bool virt_init(MachineState *ms, Error **errp)
{
	VirtMachineState *s = (VirtMachineState *)ms;
	MemoryRegion *sysmem = get_system_memory();

	memory_region_add_subregion(sysmem, virt_memmap[VIRT_DRAM].base, ms->ram);
	if (!memory_region_init_rom(&s->mrom, "riscv_virt_board.mrom", virt_memmap[VIRT_MROM].size,
				    errp))
		return false;
	memory_region_add_subregion(sysmem, virt_memmap[VIRT_MROM].base, &s->mrom);
	sysbus_create_simple(TYPE_SIFIVE_TEST, virt_memmap[VIRT_TEST].base, NULL);
	virt_create_clint(s);
	virt_create_plic(s);
	virt_create_uart(s);
	sysbus_create_simple(TYPE_GOLDFISH_RTC, virt_memmap[VIRT_RTC].base,
			     sifive_plic_source(s->plic, VIRT_RTC_IRQ));
	virt_create_virtio(s);
	return virt_create_harts(s, errp) && virt_create_virtio_drives(errp);
}

/*
 * After -device: the device tree is complete, the images are loaded and the reset vector
 * points at them (or the tree is dumped for dumpdtb=).
 */
static bool virt_machine_done(MachineState *ms, Error **errp)
{
	VirtMachineState *s = (VirtMachineState *)ms;
	uint64_t fw_entry, fw_end, entry = 0, initrd_start = 0, initrd_end = 0, fdt_addr, start;

	if (ms->dtb) {
		if (!virt_load_dtb_file(s, ms->dtb, errp))
			return false;
	} else {
		virt_build_fdt(s);
		s->fdt_size = FDT_MAX_SIZE; /* dt_new_tree's buffer, QEMU's 1 MiB */
	}
	if (!virt_load_firmware(ms, &fw_entry, &fw_end, errp))
		return false;
	if (ms->kernel_filename &&
	    !virt_load_kernel(ms, fw_end, &entry, &initrd_start, &initrd_end, errp))
		return false;
	virt_fdt_chosen(s, initrd_start, initrd_end);
	/* Packed to check it, then back to its whole buffer, whose size the guest sees as QEMU's. */
	dt_finish(s->fdt);
	fdt_open_into(s->fdt, s->fdt, s->fdt_size);
	if (ms->dumpdtb)
		return virt_dump_dtb(s, ms->dumpdtb, errp);
	fdt_addr = virt_place_fdt(s);
	/* Without firmware the reset vector jumps straight to the kernel (or RAM). */
	start = fw_entry ? fw_entry : ms->kernel_filename ? entry : virt_memmap[VIRT_DRAM].base;
	virt_setup_rom(s, start, fdt_addr, entry);
	return rom_check_overlap(errp);
}

/* A reboot starts from the same images: the guest may have overwritten them in RAM. */
static void virt_reset(MachineState *ms)
{
	VirtMachineState *s = (VirtMachineState *)ms;
	uint64_t fw_entry, fw_end, entry, initrd_start, initrd_end;
	Error *err = NULL;

	if (!virt_load_firmware(ms, &fw_entry, &fw_end, &err) ||
	    (ms->kernel_filename &&
	     !virt_load_kernel(ms, fw_end, &entry, &initrd_start, &initrd_end, &err))) {
		error_report_err(err);
		qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_ERROR);
		qemu_set_exit_status(1);
		return;
	}
	virt_place_fdt(s);
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
	mc->done = virt_machine_done;
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
