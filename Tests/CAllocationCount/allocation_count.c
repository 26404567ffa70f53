#define _GNU_SOURCE
#include "CAllocationCount.h"

#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/// The kernel's number for uprobe events, read from sysfs; -1 without uprobes.
static int uprobe_event_type(void) {
    FILE *file = fopen("/sys/bus/event_source/devices/uprobe/type", "r");
    int type = -1;
    if (file == NULL) return -1;
    if (fscanf(file, "%d", &type) != 1) type = -1;
    fclose(file);
    return type;
}

/// Where a loaded function lies in its library's file: found among the program headers of the library
/// loaded at `base`.
struct FileOffsetSearch {
    uintptr_t base;
    uintptr_t address;
    /// The offset found, or UINT64_MAX.
    uint64_t offset;
};

static int find_file_offset(struct dl_phdr_info *library, size_t size, void *context) {
    (void)size;
    struct FileOffsetSearch *search = context;
    if ((uintptr_t)library->dlpi_addr != search->base) return 0;
    uintptr_t address = search->address - search->base;
    for (int i = 0; i < library->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &library->dlpi_phdr[i];
        if (segment->p_type == PT_LOAD && address >= segment->p_vaddr &&
            address < segment->p_vaddr + segment->p_filesz) {
            search->offset = address - segment->p_vaddr + segment->p_offset;
            return 1;
        }
    }
    return 0;
}

/// Opens a counter of the calling thread's calls of the runtime function `symbol`: a uprobe at its first
/// instruction, named by the library's path and the function's offset in it. A file descriptor, or -errno.
static int open_call_counter(const char *symbol, int event_type) {
    void *address = dlsym(RTLD_DEFAULT, symbol);
    Dl_info library;
    if (address == NULL || dladdr(address, &library) == 0 || library.dli_fname == NULL) return -ENOENT;
    struct perf_event_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    attributes.size = sizeof attributes;
    attributes.type = (uint32_t)event_type;
    attributes.config1 = (uint64_t)(uintptr_t)library.dli_fname; // uprobe_path
    struct FileOffsetSearch search = {(uintptr_t)library.dli_fbase, (uintptr_t)address, UINT64_MAX};
    dl_iterate_phdr(find_file_offset, &search);
    if (search.offset == UINT64_MAX) return -ENOENT;
    attributes.config2 = search.offset; // probe_offset
    // pid 0, cpu -1: this thread, on whichever CPU it runs.
    long descriptor = syscall(SYS_perf_event_open, &attributes, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    return descriptor < 0 ? -errno : (int)descriptor;
}

int recon_allocation_counter_start(ReconAllocationCounter *counter) {
    counter->object_events = -1;
    counter->box_events = -1;
    int event_type = uprobe_event_type();
    if (event_type < 0) return ENOENT;
    int objects = open_call_counter("swift_allocObject", event_type);
    if (objects < 0) return -objects;
    int boxes = open_call_counter("swift_allocBox", event_type);
    if (boxes < 0) {
        close(objects);
        return -boxes;
    }
    counter->object_events = objects;
    counter->box_events = boxes;
    return 0;
}

long long recon_allocation_counter_read(const ReconAllocationCounter *counter) {
    uint64_t objects = 0, boxes = 0;
    if (read(counter->object_events, &objects, sizeof objects) != sizeof objects) return -1;
    if (read(counter->box_events, &boxes, sizeof boxes) != sizeof boxes) return -1;
    return (long long)(objects + boxes);
}

void recon_allocation_counter_stop(ReconAllocationCounter *counter) {
    if (counter->object_events >= 0) close(counter->object_events);
    if (counter->box_events >= 0) close(counter->box_events);
    counter->object_events = -1;
    counter->box_events = -1;
}
