# Turns a text file into a C++ source with `extern const char* const reglab_digits_csv`.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hexlen)
math(EXPR nbytes "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}. Do not edit.\n#include <cstddef>\n")
file(APPEND ${OUTPUT} "namespace reglab {\nextern const unsigned char kDigitsCsv[] = {${bytes} 0x00};\n")
file(APPEND ${OUTPUT} "extern const std::size_t kDigitsCsvSize = ${nbytes};\n}\n")
