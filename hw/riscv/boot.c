// SPDX-License-Identifier: GPL-2.0-or-later
/* Booting RISC-V boards as QEMU does (see include/hw/riscv/boot.h). */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <libfdt.h>
#include <sys/random.h>
#include <sys/stat.h>
#include "hw/riscv/boot.h"
#include "hw/loader.h"
#include "exec/address-spaces.h"
#include "sysemu/device_tree.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"
#include "target/riscv/cpu.h"
#include "qemu/units.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/loader.h"

#define FW_DYNAMIC_MAGIC       0x4942534f /* "OSBI" */
#define FW_DYNAMIC_NEXT_MODE_S 1

bool riscv_boot_init_rom(RISCVBootState *b, const char *name, hwaddr base, uint64_t size,
			 Error **errp)
{
	if (!memory_region_init_rom(&b->mrom, name, size, errp))
		return false;
	b->mrom_base = base;
	memory_region_add_subregion(get_system_memory(), base, &b->mrom);
	return true;
}

static void setup_rom(RISCVBootState *b, uint64_t start, uint64_t fdt, uint64_t next)
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
	uint8_t *rom = memory_region_get_ram_ptr(&b->mrom);

	memcpy(rom, code, sizeof(code));
	memcpy(rom + 24, &start, 8);
	memcpy(rom + 32, &fdt, 8);
	memcpy(rom + 40, info, sizeof(info));
	rom_register("mrom.reset", b->mrom_base, 40);
	rom_register("mrom.finfo", b->mrom_base + 40, sizeof(info));
}

/* The firmware file for -bios default (QEMU's name first, then Debian's opensbi package's). */
static char *find_firmware(void)
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
static bool load_image(const char *file, uint64_t addr, uint64_t max, uint64_t *entry,
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
static bool load_firmware(MachineState *ms, RISCVBootState *b, uint64_t *fw_entry, uint64_t *fw_end,
			  Error **errp)
{
	uint64_t dram = b->dram_base;
	char *path;
	bool ok;

	*fw_end = dram;
	*fw_entry = 0;
	if (ms->firmware && !strcmp(ms->firmware, "none"))
		return true;
	if (!ms->firmware || !strcmp(ms->firmware, "default")) {
		path = find_firmware();
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
	ok = load_image(path, dram, ms->ram_size, fw_entry, fw_end, errp);
	if (!ok) {
		error_prepend(errp, "Unable to load the RISC-V firmware \"%s\": ", path);
	} else if (*fw_end == *fw_entry) {
		error_setg(errp, "could not load firmware '%s'", path); /* an empty file */
		ok = false;
	}
	g_free(path);
	return ok;
}

/* A whole file into fw_cfg at size_key and data_key; a gzip kernel inflated, as QEMU does. */
static bool file_to_fw_cfg(FWCfgState *fw, const char *file, uint16_t size_key, uint16_t data_key,
			   bool inflate, const char *what, Error **errp)
{
	uint8_t *data, *out;
	size_t len, out_len;

	if (!load_file_contents(file, 1ull << 30, &data, &len)) {
		error_setg(errp, "could not load %s '%s'", what, file);
		return false;
	}
	if (inflate && len > 2 && data[0] == 0x1f && data[1] == 0x8b) {
		out = load_gunzip(file, data, len, &out_len, errp);
		g_free(data);
		if (!out)
			return false;
		data = out;
		len = out_len;
	}
	fw_cfg_add_i32(fw, size_key, len);
	fw_cfg_add_bytes(fw, data_key, data, len);
	return true;
}

/*
 * Firmware in flash (EDK2) loads the kernel itself: it finds the kernel, initrd and command
 * line in fw_cfg, as QEMU's virt gives them (nothing of them goes into RAM here).
 */
static bool kernel_to_fw_cfg(MachineState *ms, RISCVBootState *s, Error **errp)
{
	if (!ms->kernel_filename)
		return true;
	g_assert(s->fw_cfg);
	if (!file_to_fw_cfg(s->fw_cfg, ms->kernel_filename, FW_CFG_KERNEL_SIZE, FW_CFG_KERNEL_DATA,
			    true, "kernel", errp))
		return false;
	if (ms->initrd_filename &&
	    !file_to_fw_cfg(s->fw_cfg, ms->initrd_filename, FW_CFG_INITRD_SIZE, FW_CFG_INITRD_DATA,
			    false, "initial ram disk", errp))
		return false;
	if (ms->kernel_cmdline) {
		fw_cfg_add_i32(s->fw_cfg, FW_CFG_CMDLINE_SIZE, strlen(ms->kernel_cmdline) + 1);
		fw_cfg_add_string(s->fw_cfg, FW_CFG_CMDLINE_DATA, ms->kernel_cmdline);
	}
	return true;
}

/* Kernel at the first 2 MiB boundary after the firmware, initrd as QEMU places it. */
static bool load_kernel(MachineState *ms, RISCVBootState *b, uint64_t fw_end, uint64_t *entry,
			uint64_t *initrd_start, uint64_t *initrd_end, Error **errp)
{
	uint64_t dram = b->dram_base, dram_end = dram + ms->ram_size, end;
	uint64_t start = QEMU_ALIGN_UP(fw_end, 2 * MiB);

	*initrd_start = *initrd_end = 0;
	if (start >= dram_end) {
		error_setg(errp, "no room for the kernel: the firmware ends at 0x%" PRIx64, fw_end);
		return false;
	}
	if (!load_image(ms->kernel_filename, start, dram_end - start, entry, &end, errp)) {
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

void *riscv_fdt_board(MachineState *ms, RISCVBootState *b, const char *compatible,
		      const char *model, uint32_t *intc_phandles)
{
	void *fdt = b->fdt = dt_new_tree();
	char *path = g_strdup_printf("/memory@%" PRIx64, b->dram_base);

	dt_set_u32(fdt, "/", "#address-cells", 2);
	dt_set_u32(fdt, "/", "#size-cells", 2);
	dt_set_string(fdt, "/", "compatible", compatible);
	dt_set_string(fdt, "/", "model", model);
	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "device_type", "memory");
	dt_set_reg(fdt, path, b->dram_base, ms->ram_size);
	g_free(path);
	riscv_fdt_cpus(fdt, ms, b->harts, intc_phandles);
	dt_add_path(fdt, "/soc");
	dt_set_u32(fdt, "/soc", "#address-cells", 2);
	dt_set_u32(fdt, "/soc", "#size-cells", 2);
	dt_set_string(fdt, "/soc", "compatible", "simple-bus");
	dt_set_empty(fdt, "/soc", "ranges");
	return fdt;
}

void riscv_fdt_cpus(void *fdt, MachineState *ms, RISCVCPU **harts, uint32_t *intc_phandles)
{

	dt_add_path(fdt, "/cpus");
	dt_set_u32(fdt, "/cpus", "#address-cells", 1);
	dt_set_u32(fdt, "/cpus", "#size-cells", 0);
	dt_set_u32(fdt, "/cpus", "timebase-frequency", RISCV_TIMEBASE_FREQ);
	/* last hart first, as QEMU: its phandles are QEMU's, and libfdt lists cpu@0 first */
	for (unsigned i = ms->smp.cpus; i-- > 0;) {
		char *path = g_strdup_printf("/cpus/cpu@%u", i);
		intc_phandles[i] = riscv_cpu_fdt(harts[i], fdt, path);
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

static void fdt_chosen(MachineState *ms, void *fdt, bool rng_seed, uint64_t initrd_start,
		       uint64_t initrd_end)
{
	uint8_t seed[32];

	if (fdt_path_offset(fdt, "/chosen") < 0)
		dt_add_path(fdt, "/chosen");
	if (ms->kernel_cmdline)
		dt_set_string(fdt, "/chosen", "bootargs", ms->kernel_cmdline);
	if (initrd_end) {
		dt_set_u64(fdt, "/chosen", "linux,initrd-start", initrd_start);
		dt_set_u64(fdt, "/chosen", "linux,initrd-end", initrd_end);
	}
	if (rng_seed && getrandom(seed, sizeof(seed), 0) == sizeof(seed))
		dt_set_bytes(fdt, "/chosen", "rng-seed", seed, sizeof(seed));
}

/*
 * -dtb FILE, read as QEMU's load_device_tree() does: the size the file reports (a character
 * device such as /dev/zero reports 0), into a buffer of twice that plus 10000 bytes, so that
 * QEMU's own 1 MiB dumpdtb output loads too. Errors are QEMU's, two lines.
 */
static bool load_dtb_file(RISCVBootState *s, const char *file, Error **errp)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat st;
	off_t size = -1;
	void *data = NULL;
	int err;

	if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
		size = lseek(fd, 0, SEEK_END);
	if (size < 0 || size > INT_MAX / 2 - 10000) {
		error_setg(errp,
			   size < 0 ? "Unable to get size of device tree file '%s'"
				    : "Device tree file '%s' is too large",
			   file);
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
static uint64_t place_fdt(MachineState *ms, RISCVBootState *s)
{
	uint64_t dram = s->dram_base;
	uint64_t top = MIN(dram + ms->ram_size, 3072 * MiB);
	uint64_t addr = QEMU_ALIGN_DOWN(top - s->fdt_size, 2 * MiB);

	address_space_write(get_address_space_memory(), addr, s->fdt, s->fdt_size);
	rom_register("fdt", addr, s->fdt_size);
	return addr;
}

static bool dump_dtb(RISCVBootState *s, const char *file, Error **errp)
{
	if (!g_file_set_contents(file, s->fdt, s->fdt_size, NULL)) {
		error_setg(errp, "Couldn't write dtb file %s", file);
		return false;
	}
	info_report("dtb dumped to %s. Exiting.", file);
	exit(0);
}

/*
 * After -device: the device tree is complete, the images are loaded and the reset vector
 * points at them (or the tree is dumped for dumpdtb=).
 */
bool riscv_boot_done(MachineState *ms, RISCVBootState *s, Error **errp)
{
	uint64_t fw_entry, fw_end, entry = 0, initrd_start = 0, initrd_end = 0, fdt_addr, start;

	if (ms->dtb) {
		if (!load_dtb_file(s, ms->dtb, errp))
			return false;
	} else {
		s->build_fdt(ms, s);
		s->fdt_size = FDT_MAX_SIZE; /* dt_new_tree's buffer, QEMU's 1 MiB */
	}
	if (!load_firmware(ms, s, &fw_entry, &fw_end, errp))
		return false;
	if (s->flash_entry && fw_entry) {
		if (!kernel_to_fw_cfg(ms, s, errp))
			return false;
	} else if (ms->kernel_filename &&
		   !load_kernel(ms, s, fw_end, &entry, &initrd_start, &initrd_end, errp))
		return false;
	fdt_chosen(ms, s->fdt, s->rng_seed, initrd_start, initrd_end);
	/* Packed to check it, then back to its whole buffer, whose size the guest sees as QEMU's. */
	dt_finish(s->fdt);
	fdt_open_into(s->fdt, s->fdt, s->fdt_size);
	if (ms->dumpdtb)
		return dump_dtb(s, ms->dumpdtb, errp);
	fdt_addr = place_fdt(ms, s);
	/* Without firmware the reset vector jumps straight to the kernel (or RAM, or flash). */
	start = fw_entry ? fw_entry : ms->kernel_filename ? entry : s->dram_base;
	if (s->flash_entry) {
		start = fw_entry ? fw_entry : s->flash_entry;
		if (fw_entry)
			entry = s->flash_entry;
	}
	setup_rom(s, start, fdt_addr, entry);
	return rom_check_overlap(errp);
}

/* A reboot starts from the same images: the guest may have overwritten them in RAM. */
void riscv_boot_reset(MachineState *ms, RISCVBootState *s)
{
	uint64_t fw_entry, fw_end, entry, initrd_start, initrd_end;
	Error *err = NULL;

	if (!load_firmware(ms, s, &fw_entry, &fw_end, &err) ||
	    (ms->kernel_filename && !(s->flash_entry && fw_entry) &&
	     !load_kernel(ms, s, fw_end, &entry, &initrd_start, &initrd_end, &err))) {
		error_report_err(err);
		qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_ERROR);
		qemu_set_exit_status(1);
		return;
	}
	place_fdt(ms, s);
	for (unsigned i = 0; i < ms->smp.cpus; i++)
		cpu_reset(&s->harts[i]->parent_obj);
}
