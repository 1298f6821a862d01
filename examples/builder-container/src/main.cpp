// report: says which compiler built it. Built inside the builder container,
// it names the container's GCC, not the host's: proof of where it was made.
#include <iostream>

#include "report.hpp"

int main() {
    std::cout << report(__VERSION__) << '\n';
    return 0;
}
