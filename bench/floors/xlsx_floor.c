// The workbook's floor: libxlsxwriter alone, in constant-memory mode, writing the same rows recon's
// workbook holds (one sheet per tab-separated file, numbers as numbers, the rest as strings), with no
// formats, widths or summary, its parts deflated at libxlsxwriter's own zip level, as recon's are.
// Usage: xlsx_floor OUT.xlsx FILE.tsv...; prints the rows written.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_ROWS 1048576

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: xlsx_floor OUT.xlsx FILE.tsv...\n"); return 2; }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};
    lxw_workbook *workbook = workbook_new_opt(argv[1], &options);
    if (!workbook) { fprintf(stderr, "xlsx_floor: cannot create %s\n", argv[1]); return 1; }
    char *line = NULL;
    size_t capacity = 0;
    long total = 0;
    for (int f = 2; f < argc; f++) {
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
    if (workbook_close(workbook) != LXW_NO_ERROR) { fprintf(stderr, "xlsx_floor: cannot write %s\n", argv[1]); return 1; }
    printf("%ld\n", total);
    return 0;
}
