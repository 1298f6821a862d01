// Exits non-zero when report() does not produce the expected sentence.
#include <iostream>

#include "../src/report.hpp"

int main() {
    const std::string got = report("13.2.1");
    const std::string want = "compiled by GCC 13.2.1";
    if (got != want) {
        std::cerr << "got: " << got << "\nwant: " << want << '\n';
        return 1;
    }
    std::cout << "ok: report names the compiler\n";
    return 0;
}
