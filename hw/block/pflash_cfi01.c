// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CFI flash, Intel/Sharp command set (CFI ID 0x0001), as QEMU's cfi.pflash01: a bank of
 * width/device-width devices answering the same command in parallel. In read-array mode the
 * bank is a ROM device the CPU reads and runs directly; the first command write leaves it, and
 * reads then return the status register, the identifier codes or the CFI query table, each
 * device's answer repeated across the bank. Program (0x10/0x40), block erase (0x20 + 0xd0) and
 * write-to-buffer (0xe8, count, data, 0xd0) change the array and are written through to the
 * drive at once. Two datasheet rules where QEMU 7.2 differs: programming only clears bits (QEMU
 * overwrites), and a block is erased when the erase is confirmed (QEMU erases at the setup
 * write, so an erase cancelled with 0xff still happened). Query and status answers, the write
 * buffer's aligned window and every error path follow QEMU, checked with a guest program
 * against it (tests/functional/test-pflash.sh). Blocks are never locked: lock commands are
 * accepted and do nothing, as in QEMU.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/block/pflash_cfi01.h"
#include "hw/block/block-props.h"
#include "sysemu/block-backend.h"
#include "sysemu/device_tree.h"
#include "qemu/log.h"

/* Status register bits. */
enum {
	SR_PROGRAM_ERROR = 0x10,
	SR_ERASE_ERROR = 0x20,
	SR_READY = 0x80,
};

/* ---- the array ---- */

static uint32_t load_le_be(const uint8_t *p, unsigned size, bool be)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v |= (uint32_t)p[be ? size - 1 - i : i] << (8 * i);
	return v;
}

/* The drive and the CPU's translated code follow every change of the array. */
static void array_changed(PFlashCFI01 *s, hwaddr off, uint64_t len)
{
	memory_region_flush_rom_device(&s->mem, off, len);
	if (s->blk && blk_pwrite(s->blk, off, s->storage + off, len) < 0)
		qemu_log_mask(LOG_GUEST_ERROR, "%s: failed to write the flash image\n", s->name);
}

/* Programming can only turn ones into zeros. */
static void program(PFlashCFI01 *s, hwaddr off, uint32_t val, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		s->storage[off + i] &= val >> (8 * (s->big_endian ? size - 1 - i : i));
	array_changed(s, off, size);
}

static void erase_block(PFlashCFI01 *s, hwaddr off)
{
	hwaddr start = off - off % s->sector_len;

	memset(s->storage + start, 0xff, s->sector_len);
	array_changed(s, start, s->sector_len);
}

/* ---- what reads return ---- */

/* One device's answer (its low device-width bytes) in every device's lanes of the bank. */
static uint32_t each_device(PFlashCFI01 *s, uint32_t answer)
{
	unsigned dw = s->device_width;
	uint32_t unit = dw >= 4 ? answer : answer & ((1u << (8 * dw)) - 1);
	uint32_t v = 0;

	for (unsigned i = 0; i < s->bank_width; i += dw)
		v |= unit << (8 * i);
	return v;
}

/*
 * Query addresses count in units of the device's widest mode across the bank; a device used
 * narrower than its widest sees them at higher bus addresses.
 */
static hwaddr query_index(PFlashCFI01 *s, hwaddr off)
{
	return off >> (__builtin_ctz(s->bank_width) + __builtin_ctz(s->max_device_width) -
		       __builtin_ctz(s->device_width));
}

static uint32_t read_cfi(PFlashCFI01 *s, hwaddr off)
{
	hwaddr i = query_index(s, off);

	return i < sizeof(s->cfi_table) ? each_device(s, s->cfi_table[i]) : 0;
}

/* Read identifier: manufacturer at 0, device at 1; block lock status (never locked) reads 0. */
static uint32_t read_id(PFlashCFI01 *s, hwaddr off)
{
	switch (query_index(s, off) & 0xff) {
	case 0:
		return each_device(s, s->ident[0]);
	case 1:
		return each_device(s, s->ident[1]);
	}
	return 0;
}

static void read_array_mode(PFlashCFI01 *s)
{
	s->wcycle = 0;
	s->cmd = 0x00;
	memory_region_rom_device_set_romd(&s->mem, true);
}

static uint64_t pflash_read(void *opaque, hwaddr off, unsigned size)
{
	PFlashCFI01 *s = opaque;

	switch (s->cmd) {
	case 0x10: /* program */
	case 0x20: /* block erase */
	case 0x28:
	case 0x40:
	case 0x50: /* clear status */
	case 0x60: /* lock */
	case 0x70: /* read status */
	case 0xe8: /* write to buffer */
		return each_device(s, s->status);
	case 0x90:
		return read_id(s, off);
	case 0x98:
		return read_cfi(s, off);
	case 0x00:
		break;
	default:
		read_array_mode(s);
		break;
	}
	return load_le_be(s->storage + off, size, s->big_endian);
}

/* ---- commands ---- */

static void bad_sequence(PFlashCFI01 *s, hwaddr off, uint64_t val)
{
	qemu_log_mask(LOG_GUEST_ERROR,
		      "%s: unknown command sequence at 0x%" HWADDR_PRIx
		      " (cycle %d, command 0x%02x, value 0x%" PRIx64 ")\n",
		      s->name, off, s->wcycle, s->cmd, val);
	read_array_mode(s);
}

static void first_cycle(PFlashCFI01 *s, hwaddr off, uint8_t cmd, uint64_t val)
{
	switch (cmd) {
	case 0x00: /* QEMU's read array */
	case 0xf0: /* AMD's reset */
	case 0xff:
		read_array_mode(s);
		return;
	case 0x50:
		s->status = 0;
		read_array_mode(s);
		return;
	case 0x70:
	case 0x90:
		s->cmd = cmd;
		return;
	case 0xe8:
		s->status |= SR_READY;
		break;
	case 0x10:
	case 0x20:
	case 0x28:
	case 0x40:
	case 0x60:
	case 0x98:
		break;
	default:
		bad_sequence(s, off, val);
		return;
	}
	s->cmd = cmd;
	s->wcycle = 1;
}

/* The word count of a buffered write, and the window of the array it may fill. */
static void buffer_start(PFlashCFI01 *s, hwaddr off, uint64_t val)
{
	unsigned w = s->device_width;

	s->counter = w >= 4 ? (uint32_t)val : val & ((1u << (8 * w)) - 1);
	s->buf_offset = off & ~(hwaddr)(s->writeblock_size - 1);
	memcpy(s->buf, s->storage + s->buf_offset, s->writeblock_size);
	s->wcycle = 2;
}

static void buffer_data(PFlashCFI01 *s, hwaddr off, uint64_t val, unsigned size)
{
	if (s->read_only || off < s->buf_offset ||
	    off + size > s->buf_offset + s->writeblock_size) {
		s->status |= SR_PROGRAM_ERROR;
	} else {
		for (unsigned i = 0; i < size; i++)
			s->buf[off - s->buf_offset + i] =
			    val >> (8 * (s->big_endian ? size - 1 - i : i));
	}
	s->status |= SR_READY;
	if (!s->counter)
		s->wcycle = 3;
	s->counter--;
}

/* Confirmed without a program error: the buffer goes into the array in one go. */
static void buffer_confirm(PFlashCFI01 *s, hwaddr off, uint8_t cmd, uint64_t val)
{
	if (cmd != 0xd0 || (s->status & SR_PROGRAM_ERROR)) {
		read_array_mode(s);
		return;
	}
	for (uint32_t i = 0; i < s->writeblock_size; i++)
		s->storage[s->buf_offset + i] &= s->buf[i];
	array_changed(s, s->buf_offset, s->writeblock_size);
	s->status |= SR_READY;
	s->wcycle = 0;
}

static void second_cycle(PFlashCFI01 *s, hwaddr off, uint8_t cmd, uint64_t val, unsigned size)
{
	switch (s->cmd) {
	case 0x10:
	case 0x40:
		if (s->read_only)
			s->status |= SR_PROGRAM_ERROR;
		else
			program(s, off, val, size);
		s->status |= SR_READY;
		s->wcycle = 0;
		return;
	case 0x20:
	case 0x28:
		if (cmd == 0xff) {
			read_array_mode(s);
		} else if (cmd != 0xd0) {
			bad_sequence(s, off, val);
		} else {
			if (s->read_only)
				s->status |= SR_ERASE_ERROR;
			else
				erase_block(s, off);
			s->status |= SR_READY;
			s->wcycle = 0;
		}
		return;
	case 0x60: /* lock (0x01) or unlock (0xd0): nothing is ever locked */
		if (cmd == 0x01 || cmd == 0xd0) {
			s->status |= SR_READY;
			s->wcycle = 0;
		} else if (cmd == 0xff) {
			read_array_mode(s);
		} else {
			bad_sequence(s, off, val);
		}
		return;
	case 0x98: /* only read array leaves the query */
		if (cmd == 0xff)
			read_array_mode(s);
		return;
	case 0xe8:
		buffer_start(s, off, val);
		return;
	}
	bad_sequence(s, off, val);
}

static void pflash_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
	PFlashCFI01 *s = opaque;
	uint8_t cmd = val;

	/* Any command leaves read-array mode; read-array commands come back to it. */
	if (!s->wcycle)
		memory_region_rom_device_set_romd(&s->mem, false);
	switch (s->wcycle) {
	case 0:
		first_cycle(s, off, cmd, val);
		break;
	case 1:
		second_cycle(s, off, cmd, val, size);
		break;
	case 2:
		buffer_data(s, off, val, size);
		break;
	default:
		buffer_confirm(s, off, cmd, val);
		break;
	}
}

/* ---- the CFI query table ---- */

/*
 * One device's table: QRY, the Intel/Sharp command set with its primary table at 0x31, 4.5-5.5
 * V, the timeouts, the device's size, an x8/x16 interface, the write buffer, one uniform erase
 * region, and the "PRI" 1.0 extended table with one protection field.
 */
static void build_cfi_table(PFlashCFI01 *s, uint64_t device_size, uint64_t device_sector)
{
	static const uint8_t fixed[][2] = {
		{ 0x10, 'Q' },	{ 0x11, 'R' },	{ 0x12, 'Y' },	{ 0x13, 0x01 }, { 0x15, 0x31 },
		{ 0x1b, 0x45 }, { 0x1c, 0x55 }, { 0x1f, 0x07 }, { 0x20, 0x07 }, { 0x21, 0x0a },
		{ 0x23, 0x04 }, { 0x24, 0x04 }, { 0x25, 0x04 }, { 0x28, 0x02 }, { 0x2c, 0x01 },
		{ 0x31, 'P' },	{ 0x32, 'R' },	{ 0x33, 'I' },	{ 0x34, '1' },	{ 0x35, '0' },
		{ 0x3f, 0x01 },
	};
	uint8_t *t = s->cfi_table;

	memset(t, 0, sizeof(s->cfi_table));
	for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
		t[fixed[i][0]] = fixed[i][1];
	t[0x27] = __builtin_ctzll(device_size);
	t[0x2a] = s->bank_width == 1 ? 0x08 : 0x0b; /* write buffer: 2^n bytes per device */
	t[0x2d] = s->num_blocks - 1;
	t[0x2e] = (s->num_blocks - 1) >> 8;
	t[0x2f] = device_sector >> 8;
	t[0x30] = device_sector >> 16;
}

/* ---- device ---- */

static bool check_geometry(PFlashCFI01 *s, Error **errp)
{
	if (!s->num_blocks) {
		error_setg(errp, "attribute \"num-blocks\" not specified or zero.");
		return false;
	}
	if (!s->sector_len) {
		error_setg(errp, "attribute \"sector-length\" not specified or zero.");
		return false;
	}
	if (s->sector_len > (UINT64_C(1) << 40) / s->num_blocks) {
		error_setg(errp, "attribute \"num-blocks\" and \"sector-length\" overflow");
		return false;
	}
	if (s->bank_width != 1 && s->bank_width != 2 && s->bank_width != 4) {
		error_setg(errp, "attribute \"width\" must be 1, 2 or 4");
		return false;
	}
	/* QEMU's device-width=0 is a legacy addressing mode no board here uses. */
	if (!s->device_width || s->device_width > s->bank_width ||
	    s->bank_width % s->device_width) {
		error_setg(errp, "attribute \"device-width\" must divide \"width\"");
		return false;
	}
	if (!s->max_device_width)
		s->max_device_width = s->device_width;
	if (s->max_device_width < s->device_width || s->max_device_width > 4 ||
	    (s->max_device_width & (s->max_device_width - 1))) {
		error_setg(errp, "attribute \"max-device-width\" must be a power of two from "
				 "\"device-width\" to 4");
		return false;
	}
	return true;
}

static bool load_contents(PFlashCFI01 *s, Error **errp)
{
	int64_t len;

	if (!s->blk)
		return true; /* contents start zeroed and live only in memory */
	len = blk_getlength(s->blk);
	if (len < 0 || (uint64_t)len != s->size) {
		error_setg(errp,
			   "device requires %" PRIu64 " bytes, block backend provides %" PRId64
			   " bytes",
			   s->size, len);
		return false;
	}
	s->read_only = blk_is_read_only(s->blk);
	if (blk_pread(s->blk, 0, s->storage, s->size) < 0) {
		error_setg(errp, "failed to read the initial flash content");
		return false;
	}
	return true;
}

static const MemoryRegionOps pflash_ops = {
	.read = pflash_read,
	.write = pflash_write,
	.valid = { .min_access_size = 1, .max_access_size = 8 },
	.impl = { .min_access_size = 1, .max_access_size = 4 },
};

static bool pflash_realize(DeviceState *dev, Error **errp)
{
	PFlashCFI01 *s = PFLASH_CFI01(dev);
	unsigned devices = s->bank_width / (s->device_width ? s->device_width : 1);

	if (!check_geometry(s, errp))
		return false;
	s->size = s->sector_len * s->num_blocks;
	if (!s->name)
		s->name = g_strdup(TYPE_PFLASH_CFI01);
	/* wider accesses split into bank-wide ones, each answered at its own address */
	s->ops = pflash_ops;
	s->ops.impl.max_access_size = s->bank_width;
	if (!memory_region_init_rom_device(&s->mem, &s->ops, s, s->name, s->size, errp))
		return false;
	s->storage = memory_region_get_ram_ptr(&s->mem);
	if (!load_contents(s, errp))
		return false;
	if (s->old_multiple_chip_handling)
		devices = 1;
	build_cfi_table(s, s->size / devices, s->sector_len / devices);
	s->writeblock_size =
	    (1u << s->cfi_table[0x2a]) * (s->old_multiple_chip_handling ? 1 : devices);
	/* the buffer's window must stay inside the array */
	while (s->sector_len % s->writeblock_size)
		s->writeblock_size >>= 1;
	s->buf = g_malloc(s->writeblock_size);
	sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->mem);
	/* the array as the guest last saw it, drive or not, as QEMU saves it */
	vmstate_register_ram(&s->mem);
	return true;
}

static void pflash_reset(DeviceState *dev)
{
	PFlashCFI01 *s = PFLASH_CFI01(dev);

	s->status = SR_READY;
	if (s->storage)
		read_array_mode(s);
}

static void pflash_finalize(Object *obj)
{
	PFlashCFI01 *s = PFLASH_CFI01(obj);

	vmstate_unregister_ram(&s->mem);
	if (s->mem.container)
		memory_region_del_subregion(s->mem.container, &s->mem);
	memory_region_finalize(&s->mem);
	g_free(s->buf);
}

void pflash_cfi01_fdt(void *fdt, const char *path, hwaddr base, PFlashCFI01 *const *banks,
		      unsigned n)
{
	uint32_t *reg = g_new(uint32_t, 4 * n);
	hwaddr at = base;

	for (unsigned i = 0; i < n; i++) {
		reg[4 * i] = at >> 32;
		reg[4 * i + 1] = at;
		reg[4 * i + 2] = banks[i]->size >> 32;
		reg[4 * i + 3] = banks[i]->size;
		at += banks[i]->size;
	}
	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "compatible", "cfi-flash");
	dt_set_cells(fdt, path, "reg", 4 * n, reg);
	dt_set_u32(fdt, path, "bank-width", banks[0]->bank_width);
	g_free(reg);
}

static const Property pflash_props[] = {
	PROP("drive", prop_info_drive, PFlashCFI01, blk,
	     PROP_DESC("Node name or ID of a block device to use as a backend")),
	PROP("num-blocks", prop_info_uint32, PFlashCFI01, num_blocks, PROP_DEFAULT_U(0)),
	PROP("sector-length", prop_info_uint64, PFlashCFI01, sector_len, PROP_DEFAULT_U(0)),
	PROP("width", prop_info_uint8, PFlashCFI01, bank_width, PROP_DEFAULT_U(0)),
	PROP("device-width", prop_info_uint8, PFlashCFI01, device_width, PROP_DEFAULT_U(0)),
	PROP("max-device-width", prop_info_uint8, PFlashCFI01, max_device_width, PROP_DEFAULT_U(0)),
	PROP("big-endian", prop_info_bit, PFlashCFI01, big_endian, PROP_DEFAULT_U(0)),
	PROP("id0", prop_info_uint16, PFlashCFI01, ident[0], PROP_DEFAULT_U(0)),
	PROP("id1", prop_info_uint16, PFlashCFI01, ident[1], PROP_DEFAULT_U(0)),
	PROP("id2", prop_info_uint16, PFlashCFI01, ident[2], PROP_DEFAULT_U(0)),
	PROP("id3", prop_info_uint16, PFlashCFI01, ident[3], PROP_DEFAULT_U(0)),
	PROP("name", prop_info_string, PFlashCFI01, name),
	PROP("old-multiple-chip-handling", prop_info_bool, PFlashCFI01, old_multiple_chip_handling,
	     PROP_DEFAULT_U(0)),
	PROP_END,
};

/* Out of read-array mode the array is not mapped for direct reads. */
static int pflash_post_load(void *opaque)
{
	PFlashCFI01 *s = opaque;

	if (s->buf_offset > s->size - s->writeblock_size)
		return -EINVAL;
	memory_region_rom_device_set_romd(&s->mem, s->wcycle == 0 && s->cmd == 0x00);
	return 0;
}

/* The array is saved as RAM (a writable drive also snapshots with the disks). */
static const VMStateDescription vmstate_pflash = {
	.name = "pflash_cfi01",
	.version = 1,
	.post_load = pflash_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT8(cmd, PFlashCFI01),
		VMSTATE_UINT8(status, PFlashCFI01),
		VMSTATE_UINT32(wcycle, PFlashCFI01),
		VMSTATE_UINT32(counter, PFlashCFI01),
		VMSTATE_UINT64(buf_offset, PFlashCFI01),
		VMSTATE_UINT8_VARRAY_PTR(buf, PFlashCFI01, writeblock_size),
		VMSTATE_END,
	    },
};

static void pflash_class_init(ObjectClass *klass, const void *data)
{
	DEVICE_CLASS(klass)->vmsd = &vmstate_pflash;
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->realize = pflash_realize;
	dc->reset = pflash_reset;
	dc->categories = 1u << DEVICE_CATEGORY_STORAGE;
	object_class_add_props(klass, pflash_props);
}

static void pflash_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_PFLASH_CFI01,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(PFlashCFI01),
		.instance_finalize = pflash_finalize,
		.class_init = pflash_class_init,
	};
	type_register(&info);
}
type_init(pflash_register_types)
