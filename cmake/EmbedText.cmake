# Turns a text file into a C++ source defining `extern const unsigned char ${SYMBOL}[]` (the
# bytes and a final NUL) and `extern const std::size_t ${SYMBOL}Size` (without the NUL).
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hexlen)
math(EXPR nbytes "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}. Do not edit.\n#include <cstddef>\n")
file(APPEND ${OUTPUT} "namespace reglab {\nextern const unsigned char ${SYMBOL}[] = {${bytes} 0x00};\n")
file(APPEND ${OUTPUT} "extern const std::size_t ${SYMBOL}Size = ${nbytes};\n}\n")
