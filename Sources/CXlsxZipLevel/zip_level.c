// libxlsxwriter 1.1.4 has no setting for how hard it compresses a workbook: at workbook_close it adds
// each part through minizip's zipOpenNewFileInZip4_64 at zlib's default level, 6, and on a large
// workbook that deflating is the longest single step of a run (see README, Performance). This file
// defines that minizip function in recon itself: the dynamic linker binds libxlsxwriter's call to the
// executable's definition before libminizip's, and this one passes the call on to libminizip's with
// the level the calling thread chose. A test writes one workbook at two levels and compares the sizes,
// so a build where the binding does not happen fails rather than silently compressing at 6.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "CXlsxZipLevel.h"

static _Thread_local int chosen_level = -1;

void recon_xlsx_set_zip_level(int level) { chosen_level = level; }

// minizip 1.1's declaration (zip.h), with its zipFile and zip_fileinfo pointers as void pointers and
// zlib's uInt and uLong spelt out, so that libminizip's headers are not needed to build recon.
typedef int (*open_in_zip)(void *file, const char *filename, const void *zipfi, const void *extrafield_local,
                           unsigned int size_extrafield_local, const void *extrafield_global,
                           unsigned int size_extrafield_global, const char *comment, int method, int level,
                           int raw, int windowBits, int memLevel, int strategy, const char *password,
                           unsigned long crcForCrypting, unsigned long versionMadeBy, unsigned long flagBase,
                           int zip64);

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi, const void *extrafield_local,
                            unsigned int size_extrafield_local, const void *extrafield_global,
                            unsigned int size_extrafield_global, const char *comment, int method, int level,
                            int raw, int windowBits, int memLevel, int strategy, const char *password,
                            unsigned long crcForCrypting, unsigned long versionMadeBy, unsigned long flagBase,
                            int zip64) {
    static open_in_zip next_definition;
    open_in_zip minizip_open = __atomic_load_n(&next_definition, __ATOMIC_ACQUIRE);
    if (minizip_open == NULL) {
        minizip_open = (open_in_zip)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        if (minizip_open == NULL) return -104;  // ZIP_INTERNALERROR, which libxlsxwriter reports as a zip error
        __atomic_store_n(&next_definition, minizip_open, __ATOMIC_RELEASE);
    }
    // A part stored without compression (method 0) stays so.
    if (chosen_level >= 1 && method != 0) level = chosen_level;
    return minizip_open(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                        size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
                        password, crcForCrypting, versionMadeBy, flagBase, zip64);
}
