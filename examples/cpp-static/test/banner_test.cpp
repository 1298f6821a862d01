// A tiny test without a framework: exits non-zero on the first mismatch.
#include <cstdlib>
#include <iostream>
#include <string>

#include "../src/banner.hpp"

static void expect_equal(const std::string& got, const std::string& want) {
    if (got != want) {
        std::cerr << "banner mismatch\n got:\n" << got << " want:\n" << want;
        std::exit(1);
    }
}

int main() {
    expect_equal(banner("hi"), "######\n# hi #\n######\n");
    expect_equal(banner(""), "####\n#  #\n####\n");
    std::cout << "ok: banner frames its message\n";
    return 0;
}
