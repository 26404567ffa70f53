// The workbook's floor: libxlsxwriter alone, in constant-memory mode, writing the same rows recon's
// workbook holds (one sheet per tab-separated file, numbers as numbers, the rest as strings), with no
// formats, widths or summary, its parts deflated at zlib LEVEL through recon's own zip_level.c (built
// with this file). Usage: xlsx_floor LEVEL OUT.xlsx FILE.tsv...; prints the rows written.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "CXlsxZipLevel.h"

#define MAX_ROWS 1048576

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: xlsx_floor LEVEL OUT.xlsx FILE.tsv...\n"); return 2; }
    recon_xlsx_set_zip_level(atoi(argv[1]));
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};
    lxw_workbook *workbook = workbook_new_opt(argv[2], &options);
    if (!workbook) { fprintf(stderr, "xlsx_floor: cannot create %s\n", argv[2]); return 1; }
    char *line = NULL;
    size_t capacity = 0;
    long total = 0;
    for (int f = 3; f < argc; f++) {
        FILE *in = fopen(argv[f], "r");
        if (!in) { perror(argv[f]); return 1; }
        lxw_worksheet *sheet = NULL;
        lxw_row_t row = MAX_ROWS;
        ssize_t length;
        while ((length = getline(&line, &capacity, in)) > 0) {
            if (line[length - 1] == '\n') line[--length] = 0;
            if (row == MAX_ROWS) { sheet = workbook_add_worksheet(workbook, NULL); row = 0; }
            lxw_col_t col = 0;
            for (char *field = line, *next; field; field = next, col++) {
                next = strchr(field, '\t');
                if (next) *next++ = 0;
                if (!*field) continue;
                char *end;
                double number = strtod(field, &end);
                lxw_error error = *end == 0 ? worksheet_write_number(sheet, row, col, number, NULL)
                                            : worksheet_write_string(sheet, row, col, field, NULL);
                if (error) { fprintf(stderr, "xlsx_floor: %s\n", lxw_strerror(error)); return 1; }
            }
            row++;
            total++;
        }
        fclose(in);
    }
    free(line);
    if (workbook_close(workbook) != LXW_NO_ERROR) { fprintf(stderr, "xlsx_floor: cannot write %s\n", argv[2]); return 1; }
    printf("%ld\n", total);
    return 0;
}
