#ifndef RECON_XLSX_ZIP_LEVEL_H
#define RECON_XLSX_ZIP_LEVEL_H

/// Sets the zlib level (1-9) at which libxlsxwriter, on this thread, compresses the parts of the workbooks
/// it closes; -1 leaves libxlsxwriter's own choice (6).
void recon_xlsx_set_zip_level(int level);

#endif
