// hello-static: prints a framed message. Built with -static, the binary needs
// no shared libraries, so it runs in an image that contains nothing else.
#include <iostream>
#include <string>

#include "banner.hpp"

int main(int argc, char** argv) {
    const std::string message = argc > 1 ? argv[1] : "statically linked, no libc needed";
    std::cout << banner(message);
    return 0;
}
