// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An NVM Express controller (NVMe 1.4) as QEMU's "nvme" (1b36:0010), its namespaces on drives:
 * drive= is namespace 1, and "nvme-ns" devices on its bus add others (ids up to 256, each with
 * its own block size): registers and doorbells in BAR 0 with the MSI-X table and pending bits after
 * them, the admin queue, I/O submission and completion queue pairs the driver creates, and the
 * commands Linux uses: Identify (controller, namespace, active namespaces, descriptors), Get and
 * Set Features, Get Log Page, Asynchronous Event Request (held until reset), Abort, and the NVM
 * commands Read, Write, Flush, Write Zeroes and Dataset Management (deallocate). Commands start
 * when their doorbell is written; NVM commands then run on the I/O workers, many at once, each
 * with its completion queue entry reserved; a failure is a status code, as in QEMU 7.2 (no
 * werror/rerror action). Data moves through PRPs (PRP1, PRP2 or a
 * PRP list), every entry checked, and a bounce buffer of at most MDTS. A completion goes to its queue with the
 * phase tag, then the queue's MSI-X vector or, without MSI-X, INTx while any interrupt-enabled
 * queue holds completions. Everything the guest gives (queue ids and sizes, doorbell values,
 * PRPs, LBA ranges, vectors) is checked, and errors are reported with the spec's status codes.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci.h"
#include "hw/pci/pcie.h"
#include "hw/pci/msix.h"
#include "hw/block/block-props.h"
#include "sysemu/block-backend.h"
#include "exec/address-spaces.h"
#include "qemu/log.h"

#define TYPE_NVME     "nvme"
#define TYPE_NVME_BUS "nvme-bus"
#define TYPE_NVME_NS  "nvme-ns"
#define NVME(obj)     OBJECT_CHECK(NvmeCtrl, (obj), TYPE_NVME)

#define REG_SIZE     0x1000 /* registers; doorbells follow */
#define PAGE_SIZE_4K 4096
#define MQES	     2047 /* largest queue: 2048 entries */
#define SQE_SIZE     64
#define CQE_SIZE     16
#define MAX_NS	     256  /* namespace ids 1..256, as QEMU's */
#define ACTIVE_LIST  1024 /* ids in one active namespace list */
#define AERL	     3	  /* four outstanding event requests */

/* Controller registers (NVMe 1.4, 3.1). */
enum {
	R_CAP = 0x00,
	R_VS = 0x08,
	R_INTMS = 0x0c,
	R_INTMC = 0x10,
	R_CC = 0x14,
	R_CSTS = 0x1c,
	R_NSSR = 0x20,
	R_AQA = 0x24,
	R_ASQ = 0x28,
	R_ACQ = 0x30,
};

enum {
	CC_EN = 1,
	CSTS_RDY = 1,
	CSTS_CFS = 2,
	CSTS_SHST_COMPLETE = 2 << 2,
};

#define NVME_ASYNC UINT16_MAX /* a command's status: none now, its completion comes later */

/* Status: SCT << 8 | SC. */
enum {
	SC_SUCCESS = 0x00,
	SC_INVALID_OPCODE = 0x01,
	SC_INVALID_FIELD = 0x02,
	SC_DATA_TRANSFER = 0x04,
	SC_INVALID_NSID = 0x0b,
	SC_LBA_RANGE = 0x80,
	SC_CQ_INVALID = 0x100,
	SC_INVALID_QID = 0x101,
	SC_MAX_QSIZE = 0x102,
	SC_AER_LIMIT = 0x105,
	SC_INVALID_VECTOR = 0x108,
	SC_INVALID_LOG = 0x109,
	SC_INVALID_QDELETE = 0x10c,
	SC_READ_ONLY = 0x182,
	SC_WRITE_FAULT = 0x280,
	SC_READ_ERROR = 0x281,
};

typedef struct NvmeCmd {
	uint8_t opcode, flags;
	uint16_t cid;
	uint32_t nsid;
	uint64_t rsvd, mptr, prp1, prp2;
	uint32_t cdw10, cdw11, cdw12, cdw13, cdw14, cdw15;
} NvmeCmd;

typedef struct NvmeSQ {
	bool valid;
	uint64_t base;
	uint16_t size, head, tail, cqid;
} NvmeSQ;

typedef struct NvmeCQ {
	bool valid, ien, phase;
	uint64_t base;
	uint16_t size, head, tail, vector;
	uint16_t reserved; /* entries promised to commands still running */
} NvmeCQ;

/* A namespace: the drive=, or an nvme-ns device's. */
typedef struct NvmeNs {
	BlockBackend *blk;
	uint64_t nsze;	/* size in blocks */
	unsigned shift; /* log2 of the block size */
} NvmeNs;

typedef struct NvmeCtrl {
	PCIDevice parent_obj;
	MemoryRegion bar0, regs, doorbells;
	BlockBackend *blk;
	char *serial;
	uint32_t max_ioqpairs;
	uint16_t msix_qsize;
	uint8_t mdts;
	NvmeNs own_ns;		/* namespace 1 when drive= is given */
	NvmeNs *ns[MAX_NS + 1]; /* by id; NULL: not attached */
	BusState *bus;		/* "nvme-bus", where nvme-ns devices plug */
	uint32_t cc, csts, aqa, intms;
	uint32_t page_size; /* from CC.MPS, fixed while enabled */
	uint64_t asq, acq;
	unsigned nqueues; /* admin + I/O */
	NvmeSQ *sq;
	NvmeCQ *cq;
	uint16_t aer_cids[AERL + 1];
	unsigned aer_count;
	bool busy; /* running commands: a doorbell written meanwhile is picked up by the loop */
	bool wce;  /* volatile write cache enabled */
	uint16_t nsqa, ncqa; /* I/O queues granted by Set Features, 0-based */
} NvmeCtrl;

static PCIDevice *pdev(NvmeCtrl *n)
{
	return &n->parent_obj;
}

/*
 * DMA never reaches the controller's own BAR: completions now run outside its register
 * handlers, where the memory layer's re-entrancy block no longer stops such a loop.
 */
static bool hits_own_bar(NvmeCtrl *n, uint64_t addr, uint64_t len)
{
	const PCIIORegion *bar = &pdev(n)->io_regions[0];
	uint64_t last = len && addr + len - 1 >= addr ? addr + len - 1 : UINT64_MAX;

	return bar->addr != PCI_BAR_UNMAPPED && addr <= bar->addr + (bar->size - 1) &&
	       last >= bar->addr;
}

static bool dma(NvmeCtrl *n, uint64_t addr, void *buf, uint64_t len, bool to_guest)
{
	AddressSpace *as = get_address_space_memory();

	if (!pci_bus_master_enabled(pdev(n)) || hits_own_bar(n, addr, len))
		return false;
	return (to_guest ? address_space_write(as, addr, buf, len)
			 : address_space_read(as, addr, buf, len)) == MEMTX_OK;
}

/* ---- interrupts ---- */

static void update_intx(NvmeCtrl *n)
{
	bool level = false;

	if (!msix_enabled(pdev(n)))
		for (unsigned i = 0; i < n->nqueues; i++)
			if (n->cq[i].valid && n->cq[i].ien && n->cq[i].head != n->cq[i].tail &&
			    !(n->intms & (1u << (n->cq[i].vector & 31))))
				level = true;
	pci_set_irq(pdev(n), level);
}

static void notify(NvmeCtrl *n, NvmeCQ *cq)
{
	if (!cq->ien)
		return;
	if (msix_enabled(pdev(n)))
		msix_notify(pdev(n), cq->vector);
	else
		update_intx(n);
}

/* ---- completions ---- */

/* No room for one more completion, counting those promised to running commands. */
static bool cq_full(NvmeCQ *cq)
{
	unsigned used = (cq->tail + cq->size - cq->head) % cq->size;

	return used + cq->reserved + 1 >= cq->size;
}

static void post(NvmeCtrl *n, uint16_t sqid, uint16_t cid, uint16_t status, uint32_t result)
{
	NvmeSQ *sq = &n->sq[sqid];
	NvmeCQ *cq = &n->cq[sq->cqid];
	uint32_t cqe[4] = {
		GUINT32_TO_LE(result),
		0,
		GUINT32_TO_LE((uint32_t)sqid << 16 | sq->head),
		GUINT32_TO_LE((uint32_t)(status << 1 | cq->phase) << 16 | cid),
	};

	if (!dma(n, cq->base + (uint64_t)cq->tail * CQE_SIZE, cqe, sizeof(cqe), true))
		n->csts |= CSTS_CFS; /* the queue itself is unreachable */
	if (++cq->tail == cq->size) {
		cq->tail = 0;
		cq->phase = !cq->phase;
	}
	notify(n, cq);
}

/* ---- PRPs ---- */

typedef struct Sg {
	uint64_t addr[260];
	uint32_t len[260];
	unsigned n;
} Sg;

/* The pages of len bytes at PRP1 and PRP2 (NVMe 1.4, 4.3); false if any entry is invalid. */
static bool map_prps(NvmeCtrl *n, uint64_t prp1, uint64_t prp2, uint64_t len, Sg *sg)
{
	uint64_t psz = n->page_size, first = MIN(len, psz - (prp1 & (psz - 1)));
	uint64_t list = prp2;

	sg->n = 0;
	sg->addr[sg->n] = prp1;
	sg->len[sg->n++] = first;
	len -= first;
	if (!len)
		return true;
	if (len <= psz) {
		if (prp2 & (psz - 1))
			return false;
		sg->addr[sg->n] = prp2;
		sg->len[sg->n++] = len;
		return true;
	}
	if (list & 7)
		return false;
	while (len) {
		uint64_t entry, entries_left = (psz - (list & (psz - 1))) / 8;

		if (sg->n >= ARRAY_SIZE(sg->addr) - 1)
			return false;
		if (!dma(n, list, &entry, 8, false))
			return false;
		entry = GUINT64_FROM_LE(entry);
		/* the last entry of a list page points at the next page of the list */
		if (entries_left == 1 && len > psz) {
			if (entry & (psz - 1))
				return false;
			list = entry;
			continue;
		}
		if (entry & (psz - 1))
			return false;
		sg->addr[sg->n] = entry;
		sg->len[sg->n++] = MIN(len, psz);
		len -= MIN(len, psz);
		list += 8;
	}
	return true;
}

/* len bytes between buf and the command's PRPs; the status of the transfer. */
static uint16_t transfer(NvmeCtrl *n, NvmeCmd *c, void *buf, uint64_t len, bool to_guest)
{
	Sg sg;
	uint8_t *p = buf;

	if (!map_prps(n, c->prp1, c->prp2, len, &sg))
		return SC_DATA_TRANSFER;
	for (unsigned i = 0; i < sg.n; i++) {
		if (!dma(n, sg.addr[i], p, sg.len[i], to_guest))
			return SC_DATA_TRANSFER;
		p += sg.len[i];
	}
	return SC_SUCCESS;
}

/* ---- admin commands ---- */

static void put_str(uint8_t *dst, const char *s, size_t len)
{
	memset(dst, ' ', len);
	memcpy(dst, s, MIN(strlen(s), len));
}

static uint16_t identify_ctrl(NvmeCtrl *n, NvmeCmd *c)
{
	g_autofree uint8_t *id = g_malloc0(4096);
	g_autofree char *nqn = g_strdup_printf("nqn.2019-08.org.qemu:%s", n->serial);

	pci_set_word(id + 0, 0x1b36);
	pci_set_word(id + 2, 0x1af4);
	put_str(id + 4, n->serial, 20);
	put_str(id + 24, "QEMU NVMe Ctrl", 40);
	put_str(id + 64, "1.0", 8);
	id[72] = 6; /* recommended arbitration burst */
	id[77] = n->mdts;
	pci_set_long(id + 80, 0x00010400);
	id[258] = 3; /* abort command limit */
	id[259] = AERL;
	id[260] = 0x3;	/* one firmware slot, slot 1 read-only */
	id[512] = 0x66; /* SQ entries of 64 bytes */
	id[513] = 0x44; /* CQ entries of 16 bytes */
	pci_set_long(id + 516, MAX_NS);
	pci_set_word(id + 520, 1u << 2 | 1u << 3); /* DSM, Write Zeroes */
	id[525] = 1;				   /* a volatile write cache */
	strncpy((char *)id + 768, nqn, 256);
	return transfer(n, c, id, 4096, true);
}

static NvmeNs *active_ns(NvmeCtrl *n, uint32_t nsid)
{
	return nsid >= 1 && nsid <= MAX_NS ? n->ns[nsid] : NULL;
}

static uint16_t identify_ns(NvmeCtrl *n, NvmeCmd *c)
{
	g_autofree uint8_t *id = g_malloc0(4096);
	NvmeNs *ns = active_ns(n, c->nsid);

	if (!ns)
		return SC_INVALID_NSID;
	pci_set_long(id + 0, ns->nsze);
	pci_set_long(id + 4, ns->nsze >> 32);
	memcpy(id + 8, id, 8);			 /* capacity */
	memcpy(id + 16, id, 8);			 /* utilization */
	id[24] = 1u << 2;			 /* deallocated blocks read as zeros */
	id[33] = 1u << 3;			 /* deallocate with Write Zeroes */
	pci_set_long(id + 128, ns->shift << 16); /* LBA format 0: the namespace's blocks */
	return transfer(n, c, id, 4096, true);
}

static uint16_t identify(NvmeCtrl *n, NvmeCmd *c)
{
	g_autofree uint8_t *list = g_malloc0(4096);

	switch (c->cdw10 & 0xff) {
	case 0:
		return identify_ns(n, c);
	case 1:
		return identify_ctrl(n, c);
	case 2: /* active namespaces above nsid */
		if (c->nsid >= 0xfffffffe)
			return SC_INVALID_NSID;
		for (uint32_t id = c->nsid + 1, k = 0; id <= MAX_NS && k < ACTIVE_LIST; id++)
			if (n->ns[id])
				pci_set_long(list + 4 * k++, id);
		return transfer(n, c, list, 4096, true);
	case 3: /* namespace identification descriptors: none */
		if (!active_ns(n, c->nsid))
			return SC_INVALID_NSID;
		return transfer(n, c, list, 4096, true);
	}
	return SC_INVALID_FIELD;
}

static void drain(NvmeCtrl *n);

static uint16_t create_cq(NvmeCtrl *n, NvmeCmd *c)
{
	uint16_t qid = c->cdw10 & 0xffff, size = (c->cdw10 >> 16) + 1, vector = c->cdw11 >> 16;
	NvmeCQ *cq;

	if (!qid || qid >= n->nqueues || n->cq[qid].valid)
		return SC_INVALID_QID;
	if (size < 2 || size > MQES + 1)
		return SC_MAX_QSIZE;
	if (!(c->cdw11 & 1) || (c->prp1 & (n->page_size - 1)))
		return SC_INVALID_FIELD;
	if (vector >= n->msix_qsize)
		return SC_INVALID_VECTOR;
	cq = &n->cq[qid];
	*cq = (NvmeCQ){ .valid = true,
			.ien = c->cdw11 & 2,
			.phase = 1,
			.base = c->prp1,
			.size = size,
			.vector = vector };
	return SC_SUCCESS;
}

static uint16_t create_sq(NvmeCtrl *n, NvmeCmd *c)
{
	uint16_t qid = c->cdw10 & 0xffff, size = (c->cdw10 >> 16) + 1, cqid = c->cdw11 >> 16;

	if (!qid || qid >= n->nqueues || n->sq[qid].valid)
		return SC_INVALID_QID;
	if (!cqid || cqid >= n->nqueues || !n->cq[cqid].valid)
		return SC_CQ_INVALID;
	if (size < 2 || size > MQES + 1)
		return SC_MAX_QSIZE;
	if (!(c->cdw11 & 1) || (c->prp1 & (n->page_size - 1)))
		return SC_INVALID_FIELD;
	n->sq[qid] = (NvmeSQ){ .valid = true, .base = c->prp1, .size = size, .cqid = cqid };
	return SC_SUCCESS;
}

static uint16_t delete_queue(NvmeCtrl *n, NvmeCmd *c, bool is_cq)
{
	uint16_t qid = c->cdw10 & 0xffff;

	if (!qid || qid >= n->nqueues || !(is_cq ? n->cq[qid].valid : n->sq[qid].valid))
		return SC_INVALID_QID;
	if (is_cq) {
		for (unsigned i = 1; i < n->nqueues; i++)
			if (n->sq[i].valid && n->sq[i].cqid == qid)
				return SC_INVALID_QDELETE;
		n->cq[qid].valid = false;
		update_intx(n);
	} else {
		drain(n); /* its running commands complete first */
		n->sq[qid].valid = false;
	}
	return SC_SUCCESS;
}

static uint16_t features(NvmeCtrl *n, NvmeCmd *c, bool set, uint32_t *result)
{
	uint8_t fid = c->cdw10 & 0xff;
	uint32_t max = n->nqueues - 2;

	switch (fid) {
	case 0x01:				    /* arbitration */
	case 0x02:				    /* power management */
	case 0x04:				    /* temperature threshold */
	case 0x05:				    /* error recovery */
	case 0x08:				    /* interrupt coalescing */
	case 0x0a:				    /* write atomicity */
	case 0x0b:				    /* asynchronous event configuration */
		*result = fid == 0x04 ? 0x0157 : 0; /* 343 K, QEMU's threshold */
		return SC_SUCCESS;
	case 0x06:
		if (set) {
			n->wce = c->cdw11 & 1;
			for (int i = 1; i <= MAX_NS; i++)
				if (n->ns[i])
					blk_set_enable_write_cache(n->ns[i]->blk, n->wce);
		}
		*result = n->wce;
		return SC_SUCCESS;
	case 0x07: /* number of queues: as many as asked, up to max_ioqpairs */
		if (set) {
			if ((c->cdw11 & 0xffff) == 0xffff || (c->cdw11 >> 16) == 0xffff)
				return SC_INVALID_FIELD;
			n->nsqa = MIN(c->cdw11 & 0xffff, max);
			n->ncqa = MIN(c->cdw11 >> 16, max);
		}
		*result = (uint32_t)n->ncqa << 16 | n->nsqa;
		return SC_SUCCESS;
	case 0x09: /* interrupt vector configuration */
		if ((c->cdw11 & 0xffff) >= n->msix_qsize)
			return SC_INVALID_FIELD;
		*result = c->cdw11 & 0xffff;
		return SC_SUCCESS;
	}
	return SC_INVALID_FIELD;
}

static uint16_t get_log(NvmeCtrl *n, NvmeCmd *c)
{
	uint32_t numd = ((c->cdw11 & 0xffff) << 16 | c->cdw10 >> 16) + 1;
	uint64_t off = (uint64_t)c->cdw13 << 32 | c->cdw12, len = (uint64_t)numd * 4, size;
	g_autofree uint8_t *log = g_malloc0(4096);

	switch (c->cdw10 & 0xff) {
	case 0x01: /* error information: no errors */
		size = 64;
		break;
	case 0x02: /* SMART / health */
		size = 512;
		pci_set_word(log + 1, 0x0143); /* 323 K */
		log[3] = 100;		       /* available spare */
		log[4] = 10;		       /* its threshold */
		break;
	case 0x03: /* firmware slots */
		size = 512;
		log[0] = 1;
		memcpy(log + 8, "1.0     ", 8);
		break;
	default:
		return SC_INVALID_LOG;
	}
	if (off > size || len > 4096)
		return SC_INVALID_FIELD;
	return transfer(n, c, log + off, MIN(len, size - off), true);
}

/* A status, or NVME_ASYNC for a command that completes later (event requests). */
static uint16_t admin(NvmeCtrl *n, NvmeCmd *c, uint32_t *result)
{
	switch (c->opcode) {
	case 0x00:
		return delete_queue(n, c, false);
	case 0x01:
		return create_sq(n, c);
	case 0x02:
		return get_log(n, c);
	case 0x04:
		return delete_queue(n, c, true);
	case 0x05:
		return create_cq(n, c);
	case 0x06:
		return identify(n, c);
	case 0x08: /* abort: nothing is ever waiting long enough */
		*result = 1;
		return SC_SUCCESS;
	case 0x09:
	case 0x0a:
		return features(n, c, c->opcode == 0x09, result);
	case 0x0c:
		if (n->aer_count > AERL)
			return SC_AER_LIMIT;
		n->aer_cids[n->aer_count++] = c->cid;
		return NVME_ASYNC;
	}
	return SC_INVALID_OPCODE;
}

/* ---- NVM commands ---- */

/*
 * An NVM command from its submission until its completion is posted. Data commands run on the
 * I/O workers (blk_aio_*) through a bounce buffer; a flush of every namespace or a dataset
 * management command with several ranges is several backend calls, counted in parts. Its
 * completion queue entry is reserved while it runs, so the queue never overflows.
 */
typedef struct NvmeReq {
	NvmeCtrl *n;
	NvmeNs *ns;
	NvmeCmd c;
	uint16_t sqid;
	uint8_t *buf;
	uint64_t off, len;
	struct iovec iov;
	Sg sg;		 /* where a read's data goes */
	int parts;	 /* backend calls still running */
	uint16_t status; /* of the parts done so far */
} NvmeReq;

static uint16_t io_status(int ret, bool write)
{
	if (ret >= 0)
		return SC_SUCCESS;
	if (ret == -EACCES)
		return SC_READ_ONLY;
	return write ? SC_WRITE_FAULT : SC_READ_ERROR;
}

static uint16_t check_range(NvmeNs *ns, uint64_t slba, uint64_t nlb)
{
	return slba > ns->nsze || nlb > ns->nsze - slba ? SC_LBA_RANGE : SC_SUCCESS;
}

static void process(NvmeCtrl *n);

static void req_free(NvmeReq *r)
{
	g_free(r->buf);
	g_free(r);
}

/* Posts the completion, gives back the reserved entry, and lets waiting queues go on. */
static void req_finish(NvmeReq *r, uint16_t st)
{
	NvmeCtrl *n = r->n;

	n->cq[n->sq[r->sqid].cqid].reserved--;
	post(n, r->sqid, r->c.cid, st, 0);
	req_free(r);
	process(n);
}

/*
 * One backend call of r finished. A failure is a status for the driver, as in QEMU 7.2, whose
 * NVMe controller takes no werror/rerror action (a discard is a hint and never fails).
 */
static void req_done(void *opaque, int ret)
{
	NvmeReq *r = opaque;
	bool is_read = r->c.opcode == 0x02;

	if (ret < 0 && r->c.opcode != 0x09 && !r->status)
		r->status = io_status(ret, !is_read);
	if (--r->parts)
		return;
	if (is_read && !r->status) {
		uint8_t *p = r->buf;

		for (unsigned i = 0; i < r->sg.n && !r->status; p += r->sg.len[i++])
			if (!dma(r->n, r->sg.addr[i], p, r->sg.len[i], true))
				r->status = SC_DATA_TRANSFER;
	}
	req_finish(r, r->status);
}

/* Sends r's backend calls. */
static void req_start(NvmeReq *r)
{
	NvmeCtrl *n = r->n;

	r->status = SC_SUCCESS;
	switch (r->c.opcode) {
	case 0x00:
		if (r->c.nsid != 0xffffffff) {
			r->parts = 1;
			blk_aio_flush(r->ns->blk, req_done, r);
			break;
		}
		r->parts = 1; /* held until every flush is sent */
		for (int i = 1; i <= MAX_NS; i++)
			if (n->ns[i] && ++r->parts)
				blk_aio_flush(n->ns[i]->blk, req_done, r);
		req_done(r, 0);
		break;
	case 0x01:
		r->parts = 1;
		blk_aio_pwritev(r->ns->blk, r->off, &r->iov, 1, req_done, r);
		break;
	case 0x02:
		r->parts = 1;
		blk_aio_preadv(r->ns->blk, r->off, &r->iov, 1, req_done, r);
		break;
	case 0x08:
		r->parts = 1;
		blk_aio_pwrite_zeroes(r->ns->blk, r->off, r->len, false, req_done, r);
		break;
	}
}

/* Read or write: the data moves through a bounce buffer of at most MDTS. */
static uint16_t read_write(NvmeCtrl *n, NvmeReq *r, bool write)
{
	NvmeCmd *c = &r->c;
	uint64_t slba = (uint64_t)c->cdw11 << 32 | c->cdw10, nlb = (c->cdw12 & 0xffff) + 1;
	uint64_t len = nlb << r->ns->shift;
	uint16_t st;

	/* MDTS 0 is no limit of the spec's; ours is what a PRP list here maps, 1 MiB */
	if (len > (n->mdts ? (uint64_t)PAGE_SIZE_4K << n->mdts : 1u << 20))
		return SC_INVALID_FIELD;
	st = check_range(r->ns, slba, nlb);
	if (st)
		return st;
	r->buf = g_malloc(len);
	r->off = slba << r->ns->shift;
	r->len = len;
	r->iov = (struct iovec){ r->buf, len };
	if (write)
		st = transfer(n, c, r->buf, len, false);
	else if (!map_prps(n, c->prp1, c->prp2, len, &r->sg))
		st = SC_DATA_TRANSFER;
	return st ? st : NVME_ASYNC;
}

/* Dataset management: deallocate is a hint, so what the drive cannot discard stays. */
static uint16_t dsm(NvmeCtrl *n, NvmeReq *r)
{
	NvmeCmd *c = &r->c;
	unsigned nr = (c->cdw10 & 0xff) + 1;
	uint8_t ranges[256 * 16];
	uint16_t st;

	if (!(c->cdw11 & 4)) /* only deallocate does anything */
		return SC_SUCCESS;
	st = transfer(n, c, ranges, nr * 16, false);
	for (unsigned i = 0; !st && i < nr; i++) {
		uint64_t nlb = pci_get_long(ranges + 16 * i + 4);
		uint64_t slba = pci_get_long(ranges + 16 * i + 8) |
				(uint64_t)pci_get_long(ranges + 16 * i + 12) << 32;

		st = check_range(r->ns, slba, nlb);
	}
	if (st)
		return st;
	r->parts = 1; /* held until every discard is sent */
	for (unsigned i = 0; i < nr; i++) {
		uint64_t nlb = pci_get_long(ranges + 16 * i + 4);
		uint64_t slba = pci_get_long(ranges + 16 * i + 8) |
				(uint64_t)pci_get_long(ranges + 16 * i + 12) << 32;

		if (nlb && ++r->parts)
			blk_aio_pdiscard(r->ns->blk, slba << r->ns->shift, nlb << r->ns->shift,
					 req_done, r);
	}
	req_done(r, 0);
	return NVME_ASYNC;
}

/* Checks and starts an NVM command; a status now, or NVME_ASYNC when it runs on. */
static uint16_t nvm(NvmeCtrl *n, uint16_t sqid, NvmeCmd *c)
{
	uint64_t slba = (uint64_t)c->cdw11 << 32 | c->cdw10, nlb = (c->cdw12 & 0xffff) + 1;
	NvmeReq *r = g_new0(NvmeReq, 1);
	uint16_t st = NVME_ASYNC;

	*r = (NvmeReq){ .n = n, .ns = active_ns(n, c->nsid), .c = *c, .sqid = sqid };
	if (!r->ns && !(c->opcode == 0x00 && c->nsid == 0xffffffff)) {
		st = SC_INVALID_NSID;
		goto out;
	}
	switch (c->opcode) {
	case 0x00:
		break;
	case 0x01:
	case 0x02:
		st = read_write(n, r, c->opcode == 0x01);
		break;
	case 0x08:
		st = check_range(r->ns, slba, nlb);
		r->off = slba << r->ns->shift;
		r->len = nlb << r->ns->shift;
		st = st ? st : NVME_ASYNC;
		break;
	case 0x09:
		n->cq[n->sq[sqid].cqid].reserved++; /* dsm may finish r at once */
		st = dsm(n, r);
		if (st != NVME_ASYNC) {
			n->cq[n->sq[sqid].cqid].reserved--;
			req_free(r);
		}
		return st;
	default:
		st = SC_INVALID_OPCODE;
	}
out:
	if (st != NVME_ASYNC) {
		req_free(r);
		return st;
	}
	n->cq[n->sq[sqid].cqid].reserved++;
	req_start(r);
	return NVME_ASYNC;
}

/* Waits for every running command (their completions are posted), starting no new ones. */
static void drain(NvmeCtrl *n)
{
	bool busy = n->busy;

	n->busy = true;
	for (int i = 1; i <= MAX_NS; i++)
		if (n->ns[i])
			blk_drain(n->ns[i]->blk);
	n->busy = busy;
}

/* ---- queues ---- */

/* Runs what each submission queue holds, while its completion queue has room. */
static void process(NvmeCtrl *n)
{
	bool again = true;

	if (n->busy)
		return; /* a doorbell written by our own DMA: the loop below sees it */
	n->busy = true;
	while (again && (n->csts & CSTS_RDY) && !(n->csts & CSTS_CFS)) {
		again = false;
		for (unsigned q = 0; q < n->nqueues; q++) {
			NvmeSQ *sq = &n->sq[q];
			NvmeCmd c;
			uint32_t result = 0;
			uint16_t st;

			if (!sq->valid || sq->head == sq->tail || cq_full(&n->cq[sq->cqid]))
				continue;
			if (!dma(n, sq->base + (uint64_t)sq->head * SQE_SIZE, &c, sizeof(c),
				 false)) {
				n->csts |= CSTS_CFS;
				break;
			}
			sq->head = (sq->head + 1) % sq->size;
			c.cid = GUINT16_FROM_LE(c.cid);
			c.nsid = GUINT32_FROM_LE(c.nsid);
			c.prp1 = GUINT64_FROM_LE(c.prp1);
			c.prp2 = GUINT64_FROM_LE(c.prp2);
			c.cdw10 = GUINT32_FROM_LE(c.cdw10);
			c.cdw11 = GUINT32_FROM_LE(c.cdw11);
			c.cdw12 = GUINT32_FROM_LE(c.cdw12);
			c.cdw13 = GUINT32_FROM_LE(c.cdw13);
			st = q ? nvm(n, q, &c) : admin(n, &c, &result);
			if (st != NVME_ASYNC)
				post(n, q, c.cid, st, result);
			again = true;
		}
	}
	n->busy = false;
}

/* ---- registers ---- */

static void reset_queues(NvmeCtrl *n)
{
	drain(n);
	memset(n->sq, 0, n->nqueues * sizeof(*n->sq));
	memset(n->cq, 0, n->nqueues * sizeof(*n->cq));
	n->aer_count = 0;
	n->intms = 0;
	update_intx(n);
}

/* CC.EN set: the admin queues from AQA, ASQ and ACQ (3.5.1). */
static void enable(NvmeCtrl *n)
{
	uint16_t sqs = (n->aqa & 0xfff) + 1, cqs = ((n->aqa >> 16) & 0xfff) + 1;
	unsigned mps = (n->cc >> 7) & 0xf;

	if (sqs < 2 || cqs < 2 || mps > 4 || ((n->cc >> 4) & 7) ||
	    (n->asq | n->acq) & ((PAGE_SIZE_4K << mps) - 1)) {
		qemu_log_mask(LOG_GUEST_ERROR, "nvme: enabled with a bad admin queue setup\n");
		n->csts |= CSTS_CFS;
		return;
	}
	reset_queues(n);
	n->page_size = PAGE_SIZE_4K << mps;
	n->sq[0] = (NvmeSQ){ .valid = true, .base = n->asq, .size = sqs, .cqid = 0 };
	n->cq[0] = (NvmeCQ){ .valid = true, .ien = true, .phase = 1, .base = n->acq, .size = cqs };
	n->csts = CSTS_RDY;
}

static void cc_write(NvmeCtrl *n, uint32_t val)
{
	bool was = n->cc & CC_EN;

	/* while enabled only EN and SHN may change (3.1.5) */
	if (was)
		val = (n->cc & ~(CC_EN | 3u << 14)) | (val & (CC_EN | 3u << 14));
	n->cc = val;
	if (!was && (val & CC_EN))
		enable(n);
	else if (was && !(val & CC_EN)) {
		reset_queues(n);
		n->csts = 0;
	}
	if ((val >> 14) & 3) /* shutdown: nothing is cached here beyond the drive's flush */
		n->csts |= CSTS_SHST_COMPLETE;
	else
		n->csts &= ~CSTS_SHST_COMPLETE;
}

static uint64_t cap(NvmeCtrl *n)
{
	return MQES | 1ull << 16 /* contiguous queues */ | 0xfull << 24 /* 7.5 s timeout */ |
	       1ull << 37 /* NVM command set */ | 4ull << 52 /* pages up to 64 KiB */;
}

static uint64_t reg_read(void *opaque, hwaddr addr, unsigned size)
{
	NvmeCtrl *n = opaque;
	uint64_t v = 0;

	switch (addr & ~7) {
	case R_CAP:
		v = cap(n);
		break;
	case R_VS & ~7:
		v = 0x00010400 | (uint64_t)n->intms << 32;
		break;
	case R_INTMC & ~7:
		v = n->intms | (uint64_t)n->cc << 32;
		break;
	case 0x18:
		v = (uint64_t)n->csts << 32;
		break;
	case 0x20:
		v = (uint64_t)n->aqa << 32;
		break;
	case R_ASQ:
		v = n->asq;
		break;
	case R_ACQ:
		v = n->acq;
		break;
	}
	return (v >> (8 * (addr & 7))) & (size == 8 ? UINT64_MAX : (1ull << (8 * size)) - 1);
}

static void set_half(uint64_t *r, hwaddr addr, uint64_t val, unsigned size)
{
	if (size == 8)
		*r = val;
	else if (addr & 4)
		*r = (*r & 0xffffffff) | val << 32;
	else
		*r = (*r & ~0xffffffffull) | (uint32_t)val;
}

static void reg_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	NvmeCtrl *n = opaque;

	switch (addr) {
	case R_INTMS:
		n->intms |= val;
		update_intx(n);
		break;
	case R_INTMC:
		n->intms &= ~val;
		update_intx(n);
		break;
	case R_CC:
		cc_write(n, val);
		break;
	case R_AQA:
		if (!(n->cc & CC_EN))
			n->aqa = val;
		break;
	case R_ASQ:
	case R_ASQ + 4:
		if (!(n->cc & CC_EN))
			set_half(&n->asq, addr, val, size);
		break;
	case R_ACQ:
	case R_ACQ + 4:
		if (!(n->cc & CC_EN))
			set_half(&n->acq, addr, val, size);
		break;
	default:
		qemu_log_mask(LOG_GUEST_ERROR,
			      "nvme: write of read-only register 0x%" HWADDR_PRIx "\n", addr);
	}
}

/* Doorbells: queue y's SQ tail at 0x1000 + 8y, its CQ head 4 bytes after. */
static void doorbell_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	NvmeCtrl *n = opaque;
	unsigned q = addr / 8;
	bool is_cq = addr & 4;

	if (q >= n->nqueues || !(is_cq ? n->cq[q].valid : n->sq[q].valid) ||
	    val >= (is_cq ? n->cq[q].size : n->sq[q].size)) {
		qemu_log_mask(LOG_GUEST_ERROR,
			      "nvme: doorbell 0x%" HWADDR_PRIx " = %" PRIu64
			      " for no such queue or past its end\n",
			      addr, val);
		return;
	}
	if (is_cq) {
		n->cq[q].head = val;
		update_intx(n);
	} else {
		n->sq[q].tail = val;
	}
	process(n); /* a freed completion slot may let a queue go on */
}

static const MemoryRegionOps reg_ops = {
	.read = reg_read,
	.write = reg_write,
	.valid = { .min_access_size = 4, .max_access_size = 8 },
	.impl = { .min_access_size = 4, .max_access_size = 8 },
};

static const MemoryRegionOps doorbell_ops = {
	.write = doorbell_write,
	.valid = { .min_access_size = 4, .max_access_size = 4 },
	.impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- device ---- */

static bool nvme_realize(PCIDevice *dev, Error **errp)
{
	NvmeCtrl *n = NVME(dev);
	uint32_t db_size, msix_off, pba_off, bar;
	int64_t len;

	if (!n->serial) {
		error_setg(errp, "serial property not set");
		return false;
	}
	if (n->max_ioqpairs < 1 || n->max_ioqpairs > 0xfffe) {
		error_setg(errp, "max_ioqpairs must be between 1 and %d", 0xfffe);
		return false;
	}
	if (n->mdts > 8) {
		error_setg(errp, "mdts must be at most 8 (1 MiB transfers)");
		return false;
	}
	if (n->msix_qsize < 1 || n->msix_qsize > 2048) {
		error_setg(errp, "msix_qsize must be between 1 and 2048");
		return false;
	}
	/* drive= is namespace 1; without it namespaces come from nvme-ns devices */
	if (n->blk) {
		len = blk_getlength(n->blk);
		if (len < 0) {
			error_setg(errp, "could not get the size of the drive");
			return false;
		}
		n->own_ns = (NvmeNs){ .blk = n->blk, .nsze = len >> 9, .shift = 9 };
		n->ns[1] = &n->own_ns;
	}
	n->bus = qbus_new(TYPE_NVME_BUS, DEVICE(dev), DEVICE(dev)->id);
	n->nqueues = n->max_ioqpairs + 1;
	n->sq = g_new0(NvmeSQ, n->nqueues);
	n->cq = g_new0(NvmeCQ, n->nqueues);
	n->wce = n->blk && blk_enable_write_cache(n->blk);
	/* registers, doorbells, then the MSI-X table and pending bits, as QEMU lays out BAR 0 */
	db_size = 8 * n->nqueues;
	msix_off = QEMU_ALIGN_UP(REG_SIZE + db_size, 4096);
	pba_off = QEMU_ALIGN_UP(msix_off + 16 * n->msix_qsize, 4096);
	for (bar = 4096; bar < pba_off + QEMU_ALIGN_UP(n->msix_qsize, 64) / 8; bar *= 2)
		;
	memory_region_init(&n->bar0, "nvme-bar0", bar);
	memory_region_init_io(&n->regs, &reg_ops, n, "nvme", REG_SIZE);
	memory_region_add_subregion(&n->bar0, 0, &n->regs);
	memory_region_init_io(&n->doorbells, &doorbell_ops, n, "nvme-doorbells", db_size);
	memory_region_add_subregion(&n->bar0, REG_SIZE, &n->doorbells);
	dev->config[PCI_CLASS_PROG] = 2; /* NVM Express */
	dev->config[PCI_INTERRUPT_PIN] = 1;
	/* power management at 0x60, PCI Express at 0x80, MSI-X in front: QEMU's layout */
	if (pci_pm_init(dev, 0x60, true, errp) < 0 ||
	    (dev->config_size == PCIE_CONFIG_SPACE_SIZE &&
	     pcie_cap_init(dev, 0x80, PCI_EXP_TYPE_ENDPOINT, 0, 0, errp) < 0))
		return false;
	if (!msix_init(dev, n->msix_qsize, &n->bar0, 0, msix_off, pba_off, 0, errp))
		return false;
	pci_register_bar(dev, 0, PCI_BASE_ADDRESS_MEM_TYPE_64, &n->bar0);
	return true;
}

static void nvme_exit(PCIDevice *dev)
{
	NvmeCtrl *n = NVME(dev);

	drain(n);
	for (int i = 1; i <= MAX_NS; i++)
		if (n->ns[i])
			blk_flush(n->ns[i]->blk);
	msix_uninit(dev, &n->bar0);
}

static void nvme_finalize(Object *obj)
{
	NvmeCtrl *n = NVME(obj);

	qdev_unrealize(DEVICE(obj));
	if (n->regs.container)
		memory_region_del_subregion(&n->bar0, &n->regs);
	if (n->doorbells.container)
		memory_region_del_subregion(&n->bar0, &n->doorbells);
	memory_region_finalize(&n->regs);
	memory_region_finalize(&n->doorbells);
	memory_region_finalize(&n->bar0);
	g_free(n->sq);
	g_free(n->cq);
}

/* The controller as after power-on: disabled, no queues. */
static void nvme_reset(PCIDevice *dev)
{
	NvmeCtrl *n = NVME(dev);

	reset_queues(n);
	n->page_size = PAGE_SIZE_4K;
	n->cc = n->csts = n->aqa = 0;
	n->asq = n->acq = 0;
	n->nsqa = n->ncqa = n->max_ioqpairs - 1;
}

static const Property nvme_props[] = {
	PROP("drive", prop_info_drive, NvmeCtrl, blk,
	     PROP_DESC("Node name or ID of a block device to use as a backend")),
	PROP("serial", prop_info_string, NvmeCtrl, serial),
	PROP("max_ioqpairs", prop_info_uint32, NvmeCtrl, max_ioqpairs, PROP_DEFAULT_U(64)),
	PROP("msix_qsize", prop_info_uint16, NvmeCtrl, msix_qsize, PROP_DEFAULT_U(65)),
	PROP("mdts", prop_info_uint8, NvmeCtrl, mdts, PROP_DEFAULT_U(7)),
	PROP_END,
};

static void nvme_class_init(ObjectClass *klass, const void *data)
{
	PCIDeviceClass *pc = PCI_DEVICE_CLASS(klass);
	DeviceClass *dc = DEVICE_CLASS(klass);

	pc->realize = nvme_realize;
	pc->exit = nvme_exit;
	pc->reset = nvme_reset;
	pc->vendor_id = 0x1b36; /* Red Hat, QEMU's */
	pc->device_id = 0x0010;
	pc->revision = 2;
	pc->class_id = 0x0108; /* non-volatile memory controller */
	pc->subsystem_vendor_id = 0x1af4;
	pc->subsystem_id = 0x1100;
	pc->is_express = true;
	dc->desc = "Non-Volatile Memory Express";
	dc->user_creatable = true;
	dc->categories = 1u << DEVICE_CATEGORY_STORAGE;
	object_class_add_props(klass, nvme_props);
}

/* ---- nvme-ns: a namespace of its own drive on a controller's bus ---- */

typedef struct NvmeNsDevice {
	DeviceState parent_obj;
	NvmeNs ns;
	uint32_t nsid; /* 0: the lowest free id */
	uint32_t lbs;  /* logical_block_size, 0: 512 */
	NvmeCtrl *ctrl;
} NvmeNsDevice;

#define NVME_NS(obj) OBJECT_CHECK(NvmeNsDevice, (obj), TYPE_NVME_NS)

static bool ns_realize(DeviceState *dev, Error **errp)
{
	NvmeNsDevice *d = NVME_NS(dev);
	NvmeCtrl *n = NVME(dev->parent_bus->parent);
	int64_t len;

	if (!d->ns.blk) {
		error_setg(errp, "block backend not configured");
		return false;
	}
	if (d->nsid > MAX_NS) {
		error_setg(errp, "invalid namespace id (must be between 0 and %d)", MAX_NS);
		return false;
	}
	if (!d->nsid) {
		for (d->nsid = 1; d->nsid <= MAX_NS && n->ns[d->nsid]; d->nsid++)
			;
		if (d->nsid > MAX_NS) {
			error_setg(errp, "no free namespace id");
			return false;
		}
	} else if (n->ns[d->nsid]) {
		error_setg(errp, "namespace id '%u' already allocated", d->nsid);
		return false;
	}
	len = blk_getlength(d->ns.blk);
	if (len < 0) {
		error_setg(errp, "could not get the size of the drive");
		return false;
	}
	d->ns.shift = d->lbs ? __builtin_ctz(d->lbs) : 9;
	d->ns.nsze = len >> d->ns.shift;
	d->ctrl = n;
	n->ns[d->nsid] = &d->ns;
	return true;
}

static void ns_unrealize(DeviceState *dev)
{
	NvmeNsDevice *d = NVME_NS(dev);

	if (d->ctrl) {
		drain(d->ctrl);
		d->ctrl->ns[d->nsid] = NULL;
	}
	d->ctrl = NULL;
}

static const Property ns_props[] = {
	PROP("drive", prop_info_drive, NvmeNsDevice, ns.blk,
	     PROP_DESC("Node name or ID of a block device to use as a backend")),
	PROP("nsid", prop_info_uint32, NvmeNsDevice, nsid, PROP_DEFAULT_U(0)),
	PROP("logical_block_size", prop_info_blocksize, NvmeNsDevice, lbs, PROP_DEFAULT_U(0),
	     PROP_DESC("A power of two between 512 B and 2 MiB")),
	PROP_END,
};

static void ns_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->realize = ns_realize;
	dc->unrealize = ns_unrealize;
	dc->bus_type = TYPE_NVME_BUS;
	dc->desc = "Virtual NVMe namespace";
	dc->user_creatable = true;
	dc->categories = 1u << DEVICE_CATEGORY_STORAGE;
	object_class_add_props(klass, ns_props);
}

static void nvme_register_types(void)
{
	static const TypeInfo types[] = {
		{
		    .name = TYPE_NVME,
		    .parent = TYPE_PCI_DEVICE,
		    .instance_size = sizeof(NvmeCtrl),
		    .instance_finalize = nvme_finalize,
		    .class_init = nvme_class_init,
		},
		{
		    .name = TYPE_NVME_BUS,
		    .parent = TYPE_BUS,
		    .instance_size = sizeof(BusState),
		},
		{
		    .name = TYPE_NVME_NS,
		    .parent = TYPE_DEVICE,
		    .instance_size = sizeof(NvmeNsDevice),
		    .class_init = ns_class_init,
		},
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}

type_init(nvme_register_types)
