#include "report.hpp"

std::string report(const std::string& compiler_version) {
    return "compiled by GCC " + compiler_version;
}
