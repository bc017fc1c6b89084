// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -object filter-dump,id=ID,netdev=ND,file=F[,maxlen=N][,queue=all|rx|tx][,status=on|off]:
 * every frame through backend ND, into F in the classic pcap format (Ethernet link type)
 * that tcpdump and wireshark read. queue=rx keeps the frames ND receives (the guest's), tx
 * those it sends (to the guest), all both; frames longer than maxlen are cut, their real
 * length kept. The file is written as frames pass; a frame is one write, so a reader sees
 * whole records.
 */
#include "qemu/osdep.h"
#include "net/filter.h"
#include "qemu/bswap.h"
#include "qom/object_interfaces.h"
#include <fcntl.h>
#include <sys/time.h>

#define TYPE_FILTER_DUMP "filter-dump"
#define FILTER_DUMP(obj) OBJECT_CHECK(FilterDump, (obj), TYPE_FILTER_DUMP)

typedef struct FilterDump {
	NetFilter parent_obj;
	char *file;
	uint32_t maxlen;
	int fd;
} FilterDump;

enum { PCAP_MAGIC = 0xa1b2c3d4, PCAP_LINKTYPE_ETHERNET = 1, PCAP_REC_HDR = 16 };

static void dump_frame(NetFilter *nf, bool rx, const uint8_t *buf, size_t len)
{
	FilterDump *d = FILTER_DUMP(nf);
	size_t caplen = MIN(len, d->maxlen);
	uint8_t *rec = g_malloc(PCAP_REC_HDR + caplen);
	struct timeval tv;

	gettimeofday(&tv, NULL);
	stl_le_p(rec, tv.tv_sec);
	stl_le_p(rec + 4, tv.tv_usec);
	stl_le_p(rec + 8, caplen);
	stl_le_p(rec + 12, len);
	memcpy(rec + PCAP_REC_HDR, buf, caplen);
	if (d->fd >= 0 &&
	    write(d->fd, rec, PCAP_REC_HDR + caplen) != (ssize_t)(PCAP_REC_HDR + caplen)) {
		close(d->fd); /* a full disk: stop rather than write half records */
		d->fd = -1;
	}
	g_free(rec);
}

static bool dump_complete(Object *obj, Error **errp)
{
	FilterDump *d = FILTER_DUMP(obj);
	uint8_t hdr[24];

	if (!d->file) {
		error_setg(errp, "Parameter 'file' is missing");
		return false;
	}
	if (!d->maxlen) {
		error_setg(errp, "Parameter 'maxlen' expects a value greater than 0");
		return false;
	}
	d->fd = open(d->file, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
	if (d->fd < 0) {
		error_setg_errno(errp, errno, "net dump: can't open %s", d->file);
		return false;
	}
	stl_le_p(hdr, PCAP_MAGIC);
	stw_le_p(hdr + 4, 2); /* version 2.4 */
	stw_le_p(hdr + 6, 4);
	stl_le_p(hdr + 8, 0); /* GMT */
	stl_le_p(hdr + 12, 0);
	stl_le_p(hdr + 16, d->maxlen);
	stl_le_p(hdr + 20, PCAP_LINKTYPE_ETHERNET);
	if (write(d->fd, hdr, sizeof(hdr)) != sizeof(hdr)) {
		error_setg_errno(errp, errno, "filter-dump: can't write to %s", d->file);
		return false;
	}
	return net_filter_attach(&d->parent_obj, errp);
}

static void dump_init(Object *obj)
{
	FILTER_DUMP(obj)->fd = -1;
}

static void dump_finalize(Object *obj)
{
	FilterDump *d = FILTER_DUMP(obj);

	if (d->fd >= 0)
		close(d->fd);
}

static void dump_info(NetFilter *nf, GString *out)
{
	FilterDump *d = container_of(nf, FilterDump, parent_obj);

	g_string_append_printf(out, ",file=%s,maxlen=%u", d->file, d->maxlen);
}

static const Property dump_props[] = {
	PROP("file", prop_info_string_qom, FilterDump, file, PROP_MANDATORY),
	PROP("maxlen", prop_info_uint32, FilterDump, maxlen, PROP_DEFAULT_U(65536)),
	PROP_END,
};

static void dump_class_init(ObjectClass *oc, const void *data)
{
	NET_FILTER_CLASS(oc)->frame = dump_frame;
	NET_FILTER_CLASS(oc)->info = dump_info;
	oc->complete = dump_complete;
	object_class_add_props(oc, dump_props);
}

static void dump_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_FILTER_DUMP,
		.parent = TYPE_NET_FILTER,
		.instance_size = sizeof(FilterDump),
		.instance_init = dump_init,
		.instance_finalize = dump_finalize,
		.class_init = dump_class_init,
	};
	type_register(&info);
}
type_init(dump_register_types)
