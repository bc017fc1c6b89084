// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fw_cfg, memory-mapped as QEMU's riscv and arm virt boards have it: the data register at 0
 * (1 to 8 bytes, streaming the selected item's bytes in order; reads past the end give zeros),
 * the 16-bit big-endian selector at 8, and the 64-bit big-endian DMA address at 16 (reading it
 * gives "QEMU CFG"; writing its low half, or all 64 bits, starts a transfer). A DMA request is
 * {be32 control, be32 length, be64 address} in guest memory: select (bit 3, key in the top 16
 * bits), then read (bit 1: bytes past the item's end read as zeros), skip (bit 2) or write (bit
 * 4: no item here is writable, so an error); the device writes the control word back, 0 or
 * with the error bit (bit 0) when any guest memory access failed. Files get keys from 0x20 in
 * name order, as the directory at 0x19 lists them.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/nvram/fw_cfg.h"
#include "exec/address-spaces.h"
#include "sysemu/device_tree.h"
#include "sysemu/sysemu.h"
#include "hw/boards.h"

#define DMA_SIGNATURE  0x51454d5520434647ull /* "QEMU CFG" */
#define ID_TRADITIONAL 1
#define ID_DMA	       2

enum {
	DMA_ERROR = 0x01,
	DMA_READ = 0x02,
	DMA_SKIP = 0x04,
	DMA_SELECT = 0x08,
	DMA_WRITE = 0x10,
};

/* ---- items ---- */

void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, void *data, uint32_t len)
{
	g_assert(key < FW_CFG_MAX_ENTRY);
	g_free(s->entries[key].data);
	s->entries[key].data = data;
	s->entries[key].len = len;
}

void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value)
{
	uint16_t v = GUINT16_TO_LE(value);

	fw_cfg_add_bytes(s, key, g_memdup2(&v, sizeof(v)), sizeof(v));
}

void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value)
{
	uint32_t v = GUINT32_TO_LE(value);

	fw_cfg_add_bytes(s, key, g_memdup2(&v, sizeof(v)), sizeof(v));
}

void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value)
{
	uint64_t v = GUINT64_TO_LE(value);

	fw_cfg_add_bytes(s, key, g_memdup2(&v, sizeof(v)), sizeof(v));
}

void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value)
{
	fw_cfg_add_bytes(s, key, g_strdup(value), strlen(value) + 1);
}

/* The directory: be32 count, then {be32 size, be16 key, be16 reserved, name[56]} each. */
static void rebuild_directory(FWCfgState *s)
{
	uint32_t len = 4 + 64 * s->nfiles;
	uint8_t *dir = g_malloc0(len);

	*(uint32_t *)dir = GUINT32_TO_BE(s->nfiles);
	for (unsigned i = 0; i < s->nfiles; i++) {
		const FWCfgEntry *e = &s->entries[FW_CFG_FILE_FIRST + i];
		uint8_t *f = dir + 4 + 64 * i;

		*(uint32_t *)f = GUINT32_TO_BE(e->len);
		*(uint16_t *)(f + 4) = GUINT16_TO_BE(FW_CFG_FILE_FIRST + i);
		memcpy(f + 8, e->name, sizeof(e->name));
	}
	fw_cfg_add_bytes(s, FW_CFG_FILE_DIR, dir, len);
}

void fw_cfg_add_file(FWCfgState *s, const char *name, void *data, uint32_t len)
{
	FWCfgEntry *files = &s->entries[FW_CFG_FILE_FIRST];
	unsigned at = 0;

	g_assert(s->nfiles < FW_CFG_FILE_SLOTS && strlen(name) < sizeof(files->name));
	while (at < s->nfiles && strcmp(files[at].name, name) < 0)
		at++;
	g_assert(at == s->nfiles || strcmp(files[at].name, name));
	memmove(files + at + 1, files + at, (s->nfiles - at) * sizeof(*files));
	files[at] = (FWCfgEntry){ .data = data, .len = len };
	g_strlcpy(files[at].name, name, sizeof(files->name));
	s->nfiles++;
	rebuild_directory(s);
}

void fw_cfg_add_common(FWCfgState *s, MachineState *ms)
{
	uint32_t fail_wait = GUINT32_TO_LE((uint32_t)boot_reboot_timeout);
	uint16_t menu_wait = GUINT16_TO_LE((uint16_t)boot_splash_time);

	fw_cfg_add_bytes(s, FW_CFG_SIGNATURE, g_strndup("QEMU", 4), 4);
	fw_cfg_add_i32(s, FW_CFG_ID, ID_TRADITIONAL | ID_DMA);
	fw_cfg_add_bytes(s, FW_CFG_UUID, g_memdup2(qemu_uuid, 16), 16);
	fw_cfg_add_i16(s, FW_CFG_NOGRAPHIC, !ms->enable_graphics);
	fw_cfg_add_i16(s, FW_CFG_BOOT_MENU, boot_menu);
	if (boot_menu && boot_splash_time >= 0)
		fw_cfg_add_file(s, "etc/boot-menu-wait", g_memdup2(&menu_wait, 2), 2);
	fw_cfg_add_file(s, "etc/boot-fail-wait", g_memdup2(&fail_wait, 4), 4);
	/* the boot order and disk geometries QEMU lists: none without bootindex= */
	fw_cfg_add_file(s, "bootorder", NULL, 0);
	fw_cfg_add_file(s, "bios-geometry", NULL, 0);
}

/* ---- the traditional interface ---- */

static void select_entry(FWCfgState *s, uint16_t key)
{
	s->cur_entry = key;
	s->cur_offset = 0;
}

static const FWCfgEntry *cur(FWCfgState *s)
{
	return s->cur_entry < FW_CFG_MAX_ENTRY ? &s->entries[s->cur_entry] : NULL;
}

/* The next byte of the selected item, 0 past its end or for no item. */
static uint8_t next_byte(FWCfgState *s)
{
	const FWCfgEntry *e = cur(s);

	if (!e || s->cur_offset >= e->len)
		return 0;
	return e->data[s->cur_offset++];
}

/* Bytes in order: the first at the lowest address, whatever the access width. */
static uint64_t data_read(void *opaque, hwaddr addr, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)next_byte(opaque) << (8 * i);
	return v;
}

static void ctl_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	select_entry(opaque, GUINT16_FROM_BE((uint16_t)val));
}

/* ---- DMA ---- */

static bool dma_rw(hwaddr addr, void *buf, uint32_t len, bool write)
{
	AddressSpace *as = get_address_space_memory();

	return (write ? address_space_write(as, addr, buf, len)
		      : address_space_read(as, addr, buf, len)) == MEMTX_OK;
}

/* Reads (or skips) len bytes of the selected item into guest memory at addr. */
static bool dma_read(FWCfgState *s, uint32_t control, uint64_t addr, uint32_t len)
{
	const FWCfgEntry *e = cur(s);
	static const uint8_t zeros[4096];
	bool ok = true;

	while (len) {
		uint32_t avail = e && s->cur_offset < e->len ? e->len - s->cur_offset : 0;
		uint32_t n = avail ? MIN(len, avail) : MIN(len, sizeof(zeros));

		if (control & DMA_READ)
			ok &=
			    dma_rw(addr, avail ? e->data + s->cur_offset : (void *)zeros, n, true);
		if (avail)
			s->cur_offset += n;
		addr += n;
		len -= n;
	}
	return ok;
}

static void dma_transfer(FWCfgState *s)
{
	uint64_t at = s->dma_addr;
	struct {
		uint32_t control, length;
		uint64_t address;
	} req;
	uint32_t control, result = 0;

	s->dma_addr = 0;
	if (!dma_rw(at, &req, sizeof(req), false)) {
		result = GUINT32_TO_BE(DMA_ERROR);
		dma_rw(at, &result, 4, true);
		return;
	}
	control = GUINT32_FROM_BE(req.control);
	if (control & DMA_SELECT)
		select_entry(s, control >> 16);
	if (control & DMA_WRITE)
		result = DMA_ERROR; /* nothing here takes writes */
	else if ((control & (DMA_READ | DMA_SKIP)) &&
		 !dma_read(s, control, GUINT64_FROM_BE(req.address), GUINT32_FROM_BE(req.length)))
		result = DMA_ERROR;
	result = GUINT32_TO_BE(result);
	dma_rw(at, &result, 4, true);
}

static uint64_t dma_read_reg(void *opaque, hwaddr addr, unsigned size)
{
	uint64_t sig = GUINT64_TO_BE(DMA_SIGNATURE); /* its bytes in memory order */
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)((uint8_t *)&sig)[addr + i] << (8 * i);
	return v;
}

static void dma_write_reg(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	FWCfgState *s = opaque;

	if (size == 8 && addr == 0) {
		s->dma_addr = GUINT64_FROM_BE(val);
		dma_transfer(s);
	} else if (size == 4 && addr == 0) {
		s->dma_addr = (uint64_t)GUINT32_FROM_BE((uint32_t)val) << 32;
	} else if (size == 4 && addr == 4) {
		s->dma_addr |= GUINT32_FROM_BE((uint32_t)val);
		dma_transfer(s);
	}
}

static const MemoryRegionOps data_ops = {
	.read = data_read,
	.valid = { .min_access_size = 1, .max_access_size = 8 },
	.impl = { .min_access_size = 1, .max_access_size = 8 },
};

static const MemoryRegionOps ctl_ops = {
	.write = ctl_write,
	.valid = { .min_access_size = 2, .max_access_size = 2 },
	.impl = { .min_access_size = 2, .max_access_size = 2 },
};

static const MemoryRegionOps dma_ops = {
	.read = dma_read_reg,
	.write = dma_write_reg,
	.valid = { .min_access_size = 1, .max_access_size = 8 },
	.impl = { .min_access_size = 1, .max_access_size = 8 },
};

/* ---- device ---- */

static void fw_cfg_init(Object *obj)
{
	FWCfgState *s = FW_CFG(obj);

	memory_region_init(&s->iomem, "fwcfg", FW_CFG_MEM_SIZE);
	memory_region_init_io(&s->data_mr, &data_ops, s, "fwcfg.data", 8);
	memory_region_init_io(&s->ctl_mr, &ctl_ops, s, "fwcfg.ctl", 2);
	memory_region_init_io(&s->dma_mr, &dma_ops, s, "fwcfg.dma", 8);
	memory_region_add_subregion(&s->iomem, 0, &s->data_mr);
	memory_region_add_subregion(&s->iomem, 8, &s->ctl_mr);
	memory_region_add_subregion(&s->iomem, 16, &s->dma_mr);
	sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
	rebuild_directory(s);
}

static void fw_cfg_finalize(Object *obj)
{
	FWCfgState *s = FW_CFG(obj);
	MemoryRegion *parts[] = { &s->data_mr, &s->ctl_mr, &s->dma_mr };

	if (s->iomem.container)
		memory_region_del_subregion(s->iomem.container, &s->iomem);
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
		memory_region_del_subregion(&s->iomem, parts[i]);
		memory_region_finalize(parts[i]);
	}
	memory_region_finalize(&s->iomem);
	for (int i = 0; i < FW_CFG_MAX_ENTRY; i++)
		g_free(s->entries[i].data);
}

static void fw_cfg_reset(DeviceState *dev)
{
	FWCfgState *s = FW_CFG(dev);

	select_entry(s, FW_CFG_SIGNATURE);
	s->dma_addr = 0;
}

void fw_cfg_fdt(void *fdt, hwaddr base)
{
	char *path = g_strdup_printf("/fw-cfg@%" HWADDR_PRIx, base);

	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "compatible", "qemu,fw-cfg-mmio");
	dt_set_reg(fdt, path, base, FW_CFG_MEM_SIZE);
	dt_set_empty(fdt, path, "dma-coherent");
	g_free(path);
}

/* The items are the board's, made again at start; only where the guest is reading is state. */
static const VMStateDescription vmstate_fw_cfg = {
	.name = "fw_cfg",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT16(cur_entry, FWCfgState),
		VMSTATE_UINT32(cur_offset, FWCfgState),
		VMSTATE_UINT64(dma_addr, FWCfgState),
		VMSTATE_END,
	    },
};

static void fw_cfg_class_init(ObjectClass *klass, const void *data)
{
	DEVICE_CLASS(klass)->vmsd = &vmstate_fw_cfg;
	DEVICE_CLASS(klass)->reset = fw_cfg_reset;
}

static void fw_cfg_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_FW_CFG_MEM,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(FWCfgState),
		.instance_init = fw_cfg_init,
		.instance_finalize = fw_cfg_finalize,
		.class_init = fw_cfg_class_init,
	};
	type_register(&info);
}
type_init(fw_cfg_register_types)
