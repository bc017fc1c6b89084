// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * savevm, loadvm, delvm and "info snapshots": the whole machine in an internal snapshot of
 * every writable drive, its state in the VM state area of the first one, as QEMU 7.2 does.
 * The state is a stream of sections: each RAM block's non-zero pages, each CPU and each
 * device through its field table (identified by where it sits in the bus tree and its type),
 * and the virtual clock. A device without a table blocks savevm with QEMU's message, so
 * nothing is ever saved half. Loading resets the machine, reverts every drive, then applies
 * the sections; translated code and TLBs are dropped since the RAM under them changed.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "block/snapshot.h"
#include "hw/boards.h"
#include "hw/sysbus.h"
#include "hw/core/cpu.h"
#include "hw/pci/pci.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/cputlb.h"
#include "migration/vmstate.h"
#include "migration/snapshot.h"
#include "sysemu/cpu-timers.h"
#include "sysemu/runstate.h"

#define STREAM_MAGIC   "QSVMSTAT"
#define STREAM_VERSION 1
#define PAGE	       4096
#define CHUNK	       (1 << 20)
#define PAGES_END      UINT64_MAX
#define SECTION_MAX    (64 * 1024 * 1024) /* a device's saved state, at most */

#define PAGE_FILL ((uint64_t)1 << 63) /* a page of one repeated byte: only the byte follows */

enum { SEC_END, SEC_RAM, SEC_DEVICE, SEC_CLOCK };

static GPtrArray *extra_ram; /* MemoryRegion * registered by devices */

void vmstate_register_ram(MemoryRegion *mr)
{
	if (!extra_ram)
		extra_ram = g_ptr_array_new();
	g_ptr_array_add(extra_ram, mr);
}

void vmstate_unregister_ram(MemoryRegion *mr)
{
	if (extra_ram)
		g_ptr_array_remove(extra_ram, mr);
}

/* The machine's RAM first, then what devices registered. */
static GPtrArray *ram_blocks(void)
{
	GPtrArray *all = g_ptr_array_new();

	if (current_machine && current_machine->ram)
		g_ptr_array_add(all, current_machine->ram);
	for (guint i = 0; extra_ram && i < extra_ram->len; i++)
		g_ptr_array_add(all, g_ptr_array_index(extra_ram, i));
	return all;
}

/* ---- the devices ---- */

typedef struct DevEntry {
	char *path;
	DeviceState *dev;
	const VMStateDescription *vmsd;
} DevEntry;

static void walk_bus(BusState *bus, const char *prefix, GPtrArray *out);

/* A device's path: its bus's path, its place on the bus and its type, stable per command line. */
static void walk_dev(DeviceState *dev, const char *bus_path, unsigned i, GPtrArray *out)
{
	DevEntry *e = g_new0(DevEntry, 1);

	e->path = g_strdup_printf("%s/%u.%s", bus_path, i, object_get_typename(OBJECT(dev)));
	e->dev = dev;
	e->vmsd = DEVICE_GET_CLASS(dev)->vmsd;
	g_ptr_array_add(out, e);
	for (guint j = 0; j < dev->child_buses->len; j++) {
		g_autofree char *p = g_strdup_printf("%s:%u", e->path, j);
		walk_bus(g_ptr_array_index(dev->child_buses, j), p, out);
	}
}

static void walk_bus(BusState *bus, const char *prefix, GPtrArray *out)
{
	for (guint i = 0; i < bus->children->len; i++) {
		DeviceState *dev = g_ptr_array_index(bus->children, i);
		if (dev->realized)
			walk_dev(dev, prefix, i, out);
	}
}

static void dev_entry_free(gpointer p)
{
	DevEntry *e = p;

	g_free(e->path);
	g_free(e);
}

/*
 * The CPUs (on no bus), then the bus tree from the system bus down: the interrupt controllers
 * drive their lines into the restored CPUs, so what a device raises while it loads reaches
 * them. What depends on other devices (a CPU's timer against the clock device's restored
 * time) waits for post_load_all.
 */
static GPtrArray *all_devices(void)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(dev_entry_free);

	for (int i = 0; i < nb_cpus; i++) {
		DevEntry *e = g_new0(DevEntry, 1);

		e->path = g_strdup_printf("cpu%d", i);
		e->dev = DEVICE(cpus[i]);
		e->vmsd = DEVICE_GET_CLASS(cpus[i])->vmsd;
		g_ptr_array_add(out, e);
	}
	walk_bus(sysbus_get_default(), "", out);
	return out;
}

/* The name QEMU's blocker message gives: "0000:00:01.0/nvme" on PCI, else the type. */
static char *blocker_name(DeviceState *dev)
{
	PCIDevice *pd = (PCIDevice *)object_dynamic_cast(OBJECT(dev), TYPE_PCI_DEVICE);
	const char *type = object_get_typename(OBJECT(dev));

	if (pd)
		return g_strdup_printf("0000:%02x:%02x.%x/%s",
				       pci_bus_num(PCI_BUS(dev->parent_bus)), PCI_SLOT(pd->devfn),
				       PCI_FUNC(pd->devfn), type);
	return g_strdup(type);
}

static bool check_blockers(GPtrArray *devs, Error **errp);

bool snapshot_check_blockers(Error **errp)
{
	g_autoptr(GPtrArray) devs = all_devices();

	return check_blockers(devs, errp);
}

static bool check_blockers(GPtrArray *devs, Error **errp)
{
	for (guint i = 0; i < devs->len; i++) {
		DevEntry *e = g_ptr_array_index(devs, i);

		if (!e->vmsd || e->vmsd->unmigratable) {
			g_autofree char *name = blocker_name(e->dev);
			error_setg(errp, "State blocked by non-migratable device '%s'", name);
			return false;
		}
	}
	return true;
}

/* ---- writing the stream ---- */

typedef struct Out {
	BlockDriverState *bs;
	VMWriter w;
	int64_t pos; /* bytes already in the VM state area */
	int ret;
} Out;

static void out_flush(Out *o)
{
	if (o->ret == 0 && o->w.buf->len)
		o->ret = bdrv_save_vmstate(o->bs, o->w.buf->data, o->pos, o->w.buf->len);
	o->pos += o->w.buf->len;
	g_byte_array_set_size(o->w.buf, 0);
}

static void out_maybe_flush(Out *o)
{
	if (o->w.buf->len >= CHUNK)
		out_flush(o);
}

/* A page of one byte repeated (zero, or an erased flash's 0xff). */
static bool page_is_fill(const uint8_t *p)
{
	return p[0] == p[PAGE - 1] && !memcmp(p, p + 1, PAGE - 1);
}

static void save_ram(Out *o, MemoryRegion *mr)
{
	uint64_t pages = mr->size / PAGE;

	vmw_u8(&o->w, SEC_RAM);
	vmw_str(&o->w, memory_region_name(mr));
	vmw_u64(&o->w, mr->size);
	for (uint64_t i = 0; i < pages && o->ret == 0; i++) {
		const uint8_t *p = (const uint8_t *)mr->ram + i * PAGE;
		if (page_is_fill(p)) {
			if (!p[0])
				continue; /* the load starts from zeroes */
			vmw_u64(&o->w, i | PAGE_FILL);
			vmw_u8(&o->w, p[0]);
		} else {
			vmw_u64(&o->w, i);
			vmw_bytes(&o->w, p, PAGE);
		}
		out_maybe_flush(o);
	}
	vmw_u64(&o->w, PAGES_END);
}

static int save_devices(Out *o, GPtrArray *devs)
{
	VMWriter sec = { g_byte_array_new() };
	int ret = 0;

	for (guint i = 0; i < devs->len && ret == 0; i++) {
		DevEntry *e = g_ptr_array_index(devs, i);

		g_byte_array_set_size(sec.buf, 0);
		ret = vmstate_save(&sec, e->vmsd, e->dev);
		vmw_u8(&o->w, SEC_DEVICE);
		vmw_str(&o->w, e->path);
		vmw_u32(&o->w, e->vmsd->version);
		vmw_u64(&o->w, sec.buf->len);
		vmw_bytes(&o->w, sec.buf->data, sec.buf->len);
		out_maybe_flush(o);
	}
	g_byte_array_free(sec.buf, TRUE);
	return ret;
}

static int save_state(BlockDriverState *bs, GPtrArray *devs, uint64_t *size)
{
	Out o = { bs, { g_byte_array_new() }, 0, 0 };
	g_autoptr(GPtrArray) rams = ram_blocks();
	int ret;

	vmw_bytes(&o.w, STREAM_MAGIC, 8);
	vmw_u32(&o.w, STREAM_VERSION);
	for (guint i = 0; i < rams->len; i++)
		save_ram(&o, g_ptr_array_index(rams, i));
	/* the clock before the devices: their timers are re-armed against it */
	vmw_u8(&o.w, SEC_CLOCK);
	vmw_u64(&o.w, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
	ret = save_devices(&o, devs);
	vmw_u8(&o.w, SEC_END);
	out_flush(&o);
	g_byte_array_free(o.w.buf, TRUE);
	*size = o.pos;
	return ret < 0 ? ret : o.ret;
}

/* ---- reading it ---- */

typedef struct In {
	BlockDriverState *bs;
	uint64_t size, pos; /* of the whole area, and what was consumed */
	bool err;
} In;

static void in_read(In *in, void *buf, uint64_t n)
{
	if (in->err || n > in->size - in->pos || bdrv_load_vmstate(in->bs, buf, in->pos, n) < 0) {
		in->err = true;
		memset(buf, 0, n);
		return;
	}
	in->pos += n;
}

static uint64_t in_u64(In *in)
{
	uint64_t v;

	in_read(in, &v, 8);
	return GUINT64_FROM_LE(v);
}

static uint32_t in_u32(In *in)
{
	uint32_t v;

	in_read(in, &v, 4);
	return GUINT32_FROM_LE(v);
}

static char *in_str(In *in)
{
	uint32_t n = in_u32(in);
	char *s;

	if (in->err || n > 4096) {
		in->err = true;
		return NULL;
	}
	s = g_malloc0(n + 1);
	in_read(in, s, n);
	return s;
}

static bool load_ram(In *in, Error **errp)
{
	g_autofree char *name = in_str(in);
	uint64_t size = in_u64(in), i;
	g_autoptr(GPtrArray) rams = ram_blocks();
	MemoryRegion *mr = NULL;

	for (guint k = 0; name && k < rams->len; k++)
		if (!strcmp(name, memory_region_name(g_ptr_array_index(rams, k))))
			mr = g_ptr_array_index(rams, k);
	if (!in->err && (!mr || size != mr->size)) {
		error_setg(errp, "RAM block '%s' of %" PRIu64 " bytes does not match this machine",
			   name, size);
		return false;
	}
	if (in->err)
		return false;
	memset(mr->ram, 0, mr->size);
	while (!in->err && (i = in_u64(in)) != PAGES_END) {
		uint8_t *page = (uint8_t *)mr->ram + (i & ~PAGE_FILL) * PAGE;

		if ((i & ~PAGE_FILL) >= size / PAGE) {
			error_setg(errp, "RAM page %" PRIu64 " is past the end of '%s'",
				   i & ~PAGE_FILL, name);
			return false;
		}
		if (i & PAGE_FILL) {
			uint8_t b;
			in_read(in, &b, 1);
			memset(page, b, PAGE);
		} else {
			in_read(in, page, PAGE);
		}
	}
	return !in->err;
}

static DevEntry *find_entry(GPtrArray *devs, const char *path)
{
	for (guint i = 0; i < devs->len; i++) {
		DevEntry *e = g_ptr_array_index(devs, i);
		if (!strcmp(e->path, path))
			return e;
	}
	return NULL;
}

static bool load_device(In *in, GPtrArray *devs, Error **errp)
{
	g_autofree char *path = in_str(in);
	uint32_t version = in_u32(in);
	uint64_t len = in_u64(in);
	g_autofree uint8_t *buf = NULL;
	DevEntry *e = path ? find_entry(devs, path) : NULL;
	VMReader r;

	if (in->err)
		return false;
	if (len > SECTION_MAX || len > in->size - in->pos) {
		error_setg(errp, "%s: a saved state of %" PRIu64 " bytes is more than there can be",
			   path, len);
		return false;
	}
	if (!e) {
		error_setg(errp,
			   "Unknown savevm section or instance '%s' 0. Make sure that your current "
			   "VM setup matches your saved VM setup, including any hotplugged devices",
			   path);
		return false;
	}
	if (version != (uint32_t)e->vmsd->version) {
		error_setg(errp, "%s: saved version %u, this one reads %d", path, version,
			   e->vmsd->version);
		return false;
	}
	buf = g_malloc(len ? len : 1);
	in_read(in, buf, len);
	r = (VMReader){ buf, len, 0, false };
	if (in->err || !vmstate_load(&r, e->vmsd, e->dev, errp))
		return false;
	if (r.pos != len) {
		error_setg(errp, "%s: %" PRIu64 " bytes of its saved state were not read", path,
			   len - r.pos);
		return false;
	}
	return true;
}

static bool load_state(BlockDriverState *bs, uint64_t size, GPtrArray *devs, Error **errp)
{
	In in = { bs, size, 0, false };
	char magic[8];

	in_read(&in, magic, 8);
	if (in.err || memcmp(magic, STREAM_MAGIC, 8) || in_u32(&in) != STREAM_VERSION) {
		error_setg(errp, "The VM state is not one this program saved");
		return false;
	}
	for (;;) {
		uint8_t kind;
		bool ok = true;

		in_read(&in, &kind, 1);
		if (in.err)
			break;
		if (kind == SEC_END) {
			for (guint i = 0; i < devs->len; i++) {
				DevEntry *e = g_ptr_array_index(devs, i);
				if (e->vmsd->post_load_all)
					e->vmsd->post_load_all(e->dev);
			}
			return true;
		}
		if (kind == SEC_RAM)
			ok = load_ram(&in, errp);
		else if (kind == SEC_DEVICE)
			ok = load_device(&in, devs, errp);
		else if (kind == SEC_CLOCK)
			qemu_clock_set_virtual_ns(in_u64(&in));
		else
			in.err = true;
		if (!ok) {
			if (errp && !*errp)
				error_setg(errp, "The VM state ends early or cannot be read");
			return false;
		}
	}
	error_setg(errp, "The VM state ends early or cannot be read");
	return false;
}

/* ---- the commands ---- */

/* savevm and loadvm work stopped; afterwards the VM is back where it was. */
static RunState stop_for(RunState state)
{
	RunState prev = runstate_get();

	if (prev == RUN_STATE_RUNNING)
		vm_stop(state);
	else
		runstate_set(state);
	return prev;
}

static void restart(RunState prev)
{
	if (prev == RUN_STATE_RUNNING)
		vm_start();
	else
		runstate_set(prev);
}

/* The id of the node's snapshot named name (names only, as QEMU looks them up); NULL if none. */
static char *snapshot_id(BlockDriverState *bs, const char *name, uint64_t *vm_state_size)
{
	QValue list = bdrv_snapshot_list(bs);
	const QValue *sn = bdrv_snapshot_find_name(&list, name);
	char *id = sn ? g_strdup(qv_dict_get_str(sn, "id")) : NULL;

	if (sn && vm_state_size)
		*vm_state_size = bdrv_snapshot_field(sn, "vm-state-size", 0);
	qv_clear(&list);
	return id;
}

static bool has_snapshot(BlockDriverState *bs, const char *name)
{
	g_autofree char *id = snapshot_id(bs, name, NULL);

	return id != NULL;
}

static bool delete_all(GPtrArray *nodes, const char *name, Error **errp)
{
	for (guint i = 0; i < nodes->len; i++) {
		BlockDriverState *bs = g_ptr_array_index(nodes, i);
		g_autofree char *id = snapshot_id(bs, name, NULL);

		if (id) {
			Error *err = NULL;
			g_rec_mutex_lock(&bs->lock);
			int ret = bs->drv->snapshot_delete(bs, id, &err);
			g_rec_mutex_unlock(&bs->lock);
			if (ret < 0) {
				error_prepend(&err,
					      "Error while deleting snapshot on device '%s': ",
					      bdrv_snapshot_node_name(bs));
				error_propagate(errp, err);
				return false;
			}
		}
	}
	return true;
}

/* nodes: the drives taking part, the one storing the VM state first. */
bool save_snapshot_on(GPtrArray *nodes, const char *name, bool overwrite, Error **errp)
{
	g_autoptr(GPtrArray) devs = all_devices();
	BlockSnapshotVM vm = { .icount = -1 };
	RunState prev;
	bool ok = false;
	int ret;

	if (!check_blockers(devs, errp))
		return false;
	/* as QEMU counts it: taken only when every drive has it */
	if (!overwrite && snapshot_on_all(nodes, name)) {
		error_setg(errp, "Snapshot '%s' already exists in one or more devices", name);
		return false;
	}
	prev = stop_for(RUN_STATE_SAVE_VM);
	if (overwrite && !delete_all(nodes, name, errp))
		goto out;
	vm.vm_clock_nsec = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
	ret = save_state(g_ptr_array_index(nodes, 0), devs, &vm.vm_state_size);
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Error while writing VM state");
		goto out;
	}
	for (guint i = 0; i < nodes->len; i++) {
		BlockDriverState *bs = g_ptr_array_index(nodes, i);
		BlockSnapshotVM mine = vm;
		Error *err = NULL;

		if (i)
			mine.vm_state_size = 0; /* the state lives on the first drive only */
		g_rec_mutex_lock(&bs->lock);
		ret = bs->drv->snapshot_create(bs, name, &mine, &err);
		g_rec_mutex_unlock(&bs->lock);
		if (ret == 0)
			ret = bdrv_flush(bs);
		if (ret < 0) {
			if (!err)
				error_setg_errno(&err, -ret, "Could not flush");
			error_prepend(&err, "Error while creating snapshot on '%s': ",
				      bdrv_snapshot_node_name(bs));
			error_propagate(errp, err);
			goto out;
		}
	}
	ok = true;
out:
	restart(prev);
	return ok;
}

bool save_snapshot(const char *name, Error **errp)
{
	g_autoptr(GPtrArray) nodes = bdrv_all_snapshot_nodes(errp);
	g_autofree char *auto_name = NULL;

	if (!nodes)
		return false;
	if (!name) {
		g_autoptr(GDateTime) now = g_date_time_new_now_local();
		name = auto_name = g_date_time_format(now, "vm-%Y%m%d%H%M%S");
	}
	return save_snapshot_on(nodes, name, true, errp);
}

/* Every drive has it (its id there in ids), and the first one holds a VM state for it. */
static bool check_loadable(GPtrArray *nodes, const char *name, GPtrArray *ids, uint64_t *size,
			   Error **errp)
{
	for (guint i = 0; i < nodes->len; i++) {
		char *id = snapshot_id(g_ptr_array_index(nodes, i), name, i ? NULL : size);

		if (!id) {
			error_setg(errp, "Snapshot '%s' does not exist in one or more devices",
				   name);
			return false;
		}
		g_ptr_array_add(ids, id);
	}
	if (!*size) {
		error_setg(errp,
			   "This is a disk-only snapshot. Revert to it  offline using qemu-img");
		return false;
	}
	return true;
}

/*
 * As QEMU: a running VM stops (restore-vm) before anything is checked, and runs again only
 * after a load that worked; a failure leaves it stopped.
 */
/* nodes NULL: every writable drive (an error of theirs comes after the stop, as in QEMU). */
static void refresh_size(BlockBackend *blk, void *opaque)
{
	blk_resized(blk);
}

bool load_snapshot_from(GPtrArray *given, const char *name, Error **errp)
{
	g_autoptr(GPtrArray) all = NULL;
	g_autoptr(GPtrArray) devs = NULL;
	g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *nodes = given;
	uint64_t size = 0;
	bool was_running = runstate_is_running();

	if (was_running)
		vm_stop(RUN_STATE_RESTORE_VM);
	if (!nodes)
		nodes = all = bdrv_all_snapshot_nodes(errp);
	if (!nodes || !check_loadable(nodes, name, ids, &size, errp))
		return false;
	devs = all_devices();
	if (!check_blockers(devs, errp))
		return false;
	for (guint i = 0; i < nodes->len; i++) {
		BlockDriverState *bs = g_ptr_array_index(nodes, i);
		Error *err = NULL;
		int ret;

		g_rec_mutex_lock(&bs->lock);
		ret = bs->drv->snapshot_goto(bs, g_ptr_array_index(ids, i), &err);
		g_rec_mutex_unlock(&bs->lock);
		if (ret < 0) {
			error_prepend(&err, "Could not load snapshot '%s' on '%s': ", name,
				      bdrv_snapshot_node_name(bs));
			error_propagate(errp, err);
			return false;
		}
	}
	/* a disk may have had another size when the snapshot was taken */
	blk_foreach(refresh_size, NULL);
	machine_reset(current_machine);
	if (!load_state(g_ptr_array_index(nodes, 0), size, devs, errp)) {
		error_prepend(errp, "Error while loading VM state: ");
		/* no device keeps values its checks refused: the machine is as after a reset */
		machine_reset(current_machine);
		return false;
	}
	/* the guest's memory changed under every translated block and TLB entry */
	tb_flush();
	for (int i = 0; i < nb_cpus; i++)
		tlb_flush(cpus[i]);
	if (was_running)
		vm_start();
	return true;
}

bool snapshot_on_all(GPtrArray *nodes, const char *name)
{
	for (guint i = 0; i < nodes->len; i++)
		if (!has_snapshot(g_ptr_array_index(nodes, i), name))
			return false;
	return true;
}

bool load_snapshot(const char *name, Error **errp)
{
	return load_snapshot_from(NULL, name, errp);
}

bool delete_snapshot(const char *name, Error **errp)
{
	g_autoptr(GPtrArray) nodes = bdrv_all_snapshot_nodes(errp);

	return nodes && delete_all(nodes, name, errp);
}

bool delete_snapshot_on(GPtrArray *nodes, const char *name, Error **errp)
{
	return delete_all(nodes, name, errp);
}

/*
 * As QEMU prints it: the snapshots every disk has (ids differ from disk to disk, so none is
 * shown), then each disk's own that the others lack.
 */
void snapshot_info(void (*print)(void *opaque, const char *text), void *opaque)
{
	Error *err = NULL;
	g_autoptr(GPtrArray) nodes = bdrv_all_snapshot_capable(&err);
	g_autoptr(GString) out = NULL;
	QValue first;
	bool any = false;
	guint shown = 0;

	if (!nodes) {
		g_autofree char *msg = g_strdup_printf("%s\n", error_get_pretty(err));
		print(opaque, msg);
		error_free(err);
		return;
	}
	for (guint j = 0; j < nodes->len; j++) {
		QValue l = bdrv_snapshot_list(g_ptr_array_index(nodes, j));
		any = any || l.list->len;
		qv_clear(&l);
	}
	if (!any) {
		print(opaque, "There is no snapshot available.\n");
		return;
	}
	out = g_string_new("List of snapshots present on all disks:\n");
	first = bdrv_snapshot_list(g_ptr_array_index(nodes, 0));
	for (guint i = 0; i < first.list->len; i++) {
		const QValue *sn = g_ptr_array_index(first.list, i);

		if (snapshot_on_all(nodes, qv_dict_get_str(sn, "name"))) {
			g_autofree char *row = bdrv_snapshot_row(sn, "--");
			if (!shown++)
				g_string_append_printf(out, "%s\n", bdrv_snapshot_header);
			g_string_append_printf(out, "%s\n", row);
		}
	}
	qv_clear(&first);
	if (!shown)
		g_string_append(out, "None\n");
	for (guint j = 0; j < nodes->len; j++) {
		BlockDriverState *bs = g_ptr_array_index(nodes, j);
		QValue l = bdrv_snapshot_list(bs);
		guint partial = 0;

		for (guint i = 0; i < l.list->len; i++) {
			const QValue *sn = g_ptr_array_index(l.list, i);

			if (snapshot_on_all(nodes, qv_dict_get_str(sn, "name")))
				continue;
			if (!partial++)
				g_string_append_printf(
				    out,
				    "\nList of partial (non-loadable) snapshots on "
				    "'%s':\n%s\n",
				    /* the drive's id; a -blockdev node's device has none */
				    bs->blk && !blk_is_node_backend(bs->blk) ? blk_name(bs->blk)
									     : "",
				    bdrv_snapshot_header);
			g_autofree char *row = bdrv_snapshot_row(sn, NULL);
			g_string_append_printf(out, "%s\n", row);
		}
		qv_clear(&l);
	}
	print(opaque, out->str);
}
